using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// An image with an artifact inserted, and the mask of exactly the pixels the insertion changed.
/// Owns both; dispose it (or take them over and dispose them).
/// </summary>
public sealed record PaintedArtifact(Mat Image, ArtifactMask Mask) : IDisposable
{
    public void Dispose()
    {
        Image.Dispose();
        Mask.Dispose();
    }
}
