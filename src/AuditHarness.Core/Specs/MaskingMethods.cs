namespace AuditHarness.Core.Specs;

/// <summary>Facts about <see cref="MaskingMethod"/> values.</summary>
public static class MaskingMethods
{
    /// <summary>True when the masked variant is read from the dataset rather than built from the mask.</summary>
    public static bool ReadsMaskedImage(this MaskingMethod method)
        => method is MaskingMethod.Given or MaskingMethod.Counterfactual;

    /// <summary>
    /// How a region is filled when a variant is built from a mask: the method itself, or Telea inpainting for a method
    /// that reads its artifact-removed image from the dataset (its placebos, and an inserted artifact, still need filling).
    /// </summary>
    public static MaskingMethod MaskFill(this MaskingMethod method)
        => method.ReadsMaskedImage() ? MaskingMethod.InpaintTelea : method;
}
