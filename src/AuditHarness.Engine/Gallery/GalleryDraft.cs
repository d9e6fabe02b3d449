using AuditHarness.Results;
using OpenCvSharp;

namespace AuditHarness.Engine.Gallery;

/// <summary>
/// A gallery pair rendered but for its heatmap, which waits for the layer's scale across every model of the run
/// (<see cref="GalleryBuilder.Finish"/>): the original at thumbnail size with the mask outlined, and the layer's
/// activation difference mapped onto it. Owns both images.
/// </summary>
public sealed class GalleryDraft(GalleryPair pair, Mat? heatBase, Mat? change) : IDisposable
{
    /// <summary>The pair with its thumbnails and <see cref="GalleryPair.HeatmapPeak"/>; no heatmap yet.</summary>
    public GalleryPair Pair { get; } = pair;

    /// <summary>The pair with its heatmap coloured on <paramref name="scale"/> (the layer's scale across models) and that scale recorded.</summary>
    public GalleryPair Finish(double scale)
    {
        if (heatBase is null || change is null || Pair.Layer is null)
        {
            return Pair;
        }

        using Mat heat = GalleryBuilder.Heatmap(heatBase, change, scale);
        using Mat framed = GalleryBuilder.WithColourBar(heat, scale);
        return Pair with { HeatmapJpeg = GalleryBuilder.Jpeg(framed), HeatmapScale = scale };
    }

    public void Dispose()
    {
        heatBase?.Dispose();
        change?.Dispose();
    }
}
