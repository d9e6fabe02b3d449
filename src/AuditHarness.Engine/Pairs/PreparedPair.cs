using AuditHarness.Core.Pairs;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// A pair's decoded image, its mask and its artifact-removed variant, ready for inference, and the placebo variants
/// built so far; owns them all. A pair goes through every model of a run while prepared, so models that place a
/// placebo alike (same offset, hence the same mask) share its inpainted image instead of building it again.
/// </summary>
public sealed class PreparedPair(AuditPair pair, Mat original, ArtifactMask mask, Mat removed) : IDisposable
{
    private readonly Dictionary<(int Dx, int Dy), Mat> _placebos = [];
    private TransplantHost? _host;
    private bool _hostChosen;

    public AuditPair Pair { get; } = pair;

    public Mat Original { get; } = original;

    public ArtifactMask Mask { get; } = mask;

    public Mat Removed { get; } = removed;

    /// <summary>
    /// The placebo variant for a placement at (<paramref name="dx"/>, <paramref name="dy"/>) from the artifact:
    /// built by <paramref name="build"/> the first time, then the same image. Owned by this pair. Not thread-safe:
    /// a pair is evaluated on one thread, model after model.
    /// </summary>
    public Mat Placebo(int dx, int dy, Func<Mat> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (!_placebos.TryGetValue((dx, dy), out Mat? image))
        {
            image = build();
            _placebos.Add((dx, dy), image);
        }

        return image;
    }

    /// <summary>
    /// The transplanted placebo's host: chosen and built by <paramref name="build"/> the first time (null when no host
    /// qualifies), then the same for every model. Owned by this pair; not thread-safe, like <see cref="Placebo"/>.
    /// </summary>
    public TransplantHost? Transplant(Func<TransplantHost?> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (!_hostChosen)
        {
            _host = build();
            _hostChosen = true;
        }

        return _host;
    }

    public void Dispose()
    {
        _host?.Dispose();
        foreach (Mat placebo in _placebos.Values)
        {
            placebo.Dispose();
        }

        Original.Dispose();
        Mask.Dispose();
        Removed.Dispose();
    }
}
