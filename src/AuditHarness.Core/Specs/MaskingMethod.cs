namespace AuditHarness.Core.Specs;

/// <summary>
/// How the artifact-removed variant of a pair is obtained (kebab-case in spec files): read from the dataset, or built
/// by filling the artifact's mask (the last four, which are also how <c>MaskedVariantBuilder</c> fills any mask).
/// </summary>
public enum MaskingMethod
{
    /// <summary>
    /// The dataset's own masked image, taken as it is. The manifest carries it in its <c>counterfactual</c>
    /// column; reports call it "given" because nothing guarantees it is a true counterfactual.
    /// </summary>
    Given,

    /// <summary>A true counterfactual (the same scene made without the artifact), read from the manifest's <c>counterfactual</c> column.</summary>
    Counterfactual,

    /// <summary>Inpaint the mask with OpenCV's Telea method (fast marching, INPAINT_TELEA).</summary>
    InpaintTelea,

    /// <summary>Inpaint the mask with OpenCV's Navier-Stokes method (INPAINT_NS).</summary>
    InpaintNs,

    /// <summary>Fill the mask with the mean colour of the unmasked pixels in a ring around it.</summary>
    FillMean,

    /// <summary>Blur the image under the mask: a strong Gaussian blur of the unmasked pixels (normalised convolution), so the artifact's own colour does not leak in.</summary>
    Blur,
}
