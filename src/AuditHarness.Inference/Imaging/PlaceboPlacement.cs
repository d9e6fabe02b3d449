namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Where a placebo patch was put: <paramref name="Mask"/> is the artifact's shape moved by (<paramref name="Dx"/>,
/// <paramref name="Dy"/>); <paramref name="TextureScore"/> is the mean gradient magnitude of the original image
/// under it (grey levels per pixel, 0 = flat). Owns <paramref name="Mask"/>.
/// </summary>
public sealed record PlaceboPlacement(ArtifactMask Mask, int Dx, int Dy, double TextureScore) : IDisposable
{
    public void Dispose() => Mask.Dispose();
}
