namespace AuditHarness.Core.Specs;

/// <summary>How the artifact-removed variant of a pair is obtained (kebab-case in spec files).</summary>
public enum MaskingMethod
{
    /// <summary>
    /// The dataset's own masked image, taken as it is. The manifest carries it in its <c>counterfactual</c>
    /// column; reports call it "given" because nothing guarantees it is a true counterfactual.
    /// </summary>
    Given,

    /// <summary>A true counterfactual (the same scene made without the artifact), read from the manifest's <c>counterfactual</c> column.</summary>
    Counterfactual,

    /// <summary>Inpaint the mask with OpenCV's Telea method.</summary>
    InpaintTelea,

    /// <summary>Inpaint the mask with OpenCV's Navier-Stokes method.</summary>
    InpaintNs,

    /// <summary>Fill the mask with the image's mean colour.</summary>
    FillMean,

    /// <summary>Blur the image under the mask.</summary>
    Blur,
}
