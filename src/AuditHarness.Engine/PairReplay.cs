using AuditHarness.Inference.Models;
using OpenCvSharp;

namespace AuditHarness.Engine;

/// <summary>
/// A pair run again with its images and predictions kept (for the report's gallery): the prepared pair, the
/// placebo image (null when none fits) and the three predictions with their activations. Owns the images; the
/// activations may live in buffers that <paramref name="release"/> hands back on dispose, so they are valid until then.
/// </summary>
public sealed class PairReplay(PreparedPair prepared, YoloPrediction original, YoloPrediction removed, Mat? placebo, YoloPrediction? placeboPrediction, Action? release = null) : IDisposable
{
    private Action? _release = release;

    public PreparedPair Prepared { get; } = prepared;

    public YoloPrediction Original { get; } = original;

    public YoloPrediction Removed { get; } = removed;

    public Mat? Placebo { get; } = placebo;

    public YoloPrediction? PlaceboPrediction { get; } = placeboPrediction;

    public void Dispose()
    {
        Prepared.Dispose();
        Placebo?.Dispose();
        Interlocked.Exchange(ref _release, null)?.Invoke(); // once: buffers handed back twice would be shared by two predictions
    }
}
