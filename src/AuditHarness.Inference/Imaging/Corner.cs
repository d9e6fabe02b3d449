namespace AuditHarness.Inference.Imaging;

/// <summary>The image corner an inserted watermark or logo sits in.</summary>
public enum Corner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}
