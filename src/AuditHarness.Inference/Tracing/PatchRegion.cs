namespace AuditHarness.Inference.Tracing;

/// <summary>
/// A spatial restriction of a patch on the layer's grid. Each cell's weight w in [0, 1] (as
/// <see cref="AuditHarness.Core.Geometry.LayerGridMask.Map"/> gives the artifact's covered fraction) blends the values:
/// <c>patched = original + w' (source - original)</c> with <c>w' = w</c> inside and <c>w' = 1 - w</c> outside, so a cell
/// half covered by the artifact takes half of the change either way and inside plus outside cover the grid once.
/// </summary>
/// <param name="CellWeights">Row-major weights, one per cell of the layer's H x W grid.</param>
/// <param name="Inside">True to patch the region (weight w), false to patch its complement (1 - w).</param>
public sealed record PatchRegion(float[] CellWeights, bool Inside);
