namespace AuditHarness.Core.Specs;

/// <summary>Facts about <see cref="MaskingMethod"/> values.</summary>
public static class MaskingMethods
{
    /// <summary>True when the masked variant is read from the dataset rather than built from the mask.</summary>
    public static bool ReadsMaskedImage(this MaskingMethod method)
        => method is MaskingMethod.Given or MaskingMethod.Counterfactual;
}
