namespace AuditHarness.Core.Specs;

/// <summary>How the artifact-removed variant is built.</summary>
/// <param name="Method">Read from the dataset or built from the mask.</param>
/// <param name="InpaintRadius">Neighbourhood radius in pixels for the inpainting methods (and the blur's kernel radius).</param>
/// <param name="Dilate">Pixels by which the mask is grown before it is used (also for the placebo patch).</param>
public sealed record MaskingSettings(MaskingMethod Method, int InpaintRadius, int Dilate);
