namespace AuditHarness.Inference.Imaging;

/// <summary>How <see cref="MaskedVariantBuilder"/> fills the pixels of a mask.</summary>
public enum MaskingMethod
{
    /// <summary>OpenCV inpainting, Telea's fast marching method (INPAINT_TELEA).</summary>
    InpaintTelea,

    /// <summary>OpenCV inpainting, Navier-Stokes based (INPAINT_NS).</summary>
    InpaintNavierStokes,

    /// <summary>The mean colour of the unmasked pixels in a ring around the mask.</summary>
    FillMean,

    /// <summary>A strong Gaussian blur of the unmasked pixels (normalised convolution), so the artifact's own colour does not leak in.</summary>
    Blur,
}
