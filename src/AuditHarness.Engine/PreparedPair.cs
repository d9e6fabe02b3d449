using AuditHarness.Core.Pairs;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Engine;

/// <summary>A pair's decoded image, its mask and its artifact-removed variant, ready for inference; owns all three.</summary>
public sealed class PreparedPair(AuditPair pair, Mat original, ArtifactMask mask, Mat removed) : IDisposable
{
    public AuditPair Pair { get; } = pair;

    public Mat Original { get; } = original;

    public ArtifactMask Mask { get; } = mask;

    public Mat Removed { get; } = removed;

    public void Dispose()
    {
        Original.Dispose();
        Mask.Dispose();
        Removed.Dispose();
    }
}
