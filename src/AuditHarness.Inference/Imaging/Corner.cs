namespace AuditHarness.Inference.Imaging;

/// <summary>The image corner an inserted watermark or logo sits in, or the centre.</summary>
public enum Corner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,

    /// <summary>Centred on the image: where a stamped watermark usually sits (not a corner, but placed the same way).</summary>
    Center,
}
