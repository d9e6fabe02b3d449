using OpenCvSharp;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// A transplanted placebo's images: the host (another pair's artifact-free image) and the host with the pair's mask
/// removed as the spec's masking removes it. The placebo effect is the change between the two. Owns both images.
/// </summary>
public sealed class TransplantHost(string pairId, Mat image, Mat placebo) : IDisposable
{
    /// <summary>The id of the pair whose image hosts the placebo.</summary>
    public string PairId { get; } = pairId;

    public Mat Image { get; } = image;

    public Mat Placebo { get; } = placebo;

    public void Dispose()
    {
        Image.Dispose();
        Placebo.Dispose();
    }
}
