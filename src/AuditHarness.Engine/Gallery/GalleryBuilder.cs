using System.Globalization;
using System.Runtime.InteropServices;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Inference.Models;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using OpenCvSharp;

namespace AuditHarness.Engine.Gallery;

/// <summary>
/// Renders the report's gallery of the most affected pairs after a model's pairs are done: ranks the completed
/// pairs by the score drop when the artifact is removed (ties in manifest order) and keeps small PNGs of just those:
/// the three variants with their detections, and the activation difference of one layer laid over the original.
/// A pair's images and heatmap layer come from what it left while it ran (<see cref="GalleryCandidates"/>), or, for a
/// pair run by an earlier process (resume, merge), from running it again (<see cref="PairProcessor.Replay"/>).
/// </summary>
public static class GalleryBuilder
{
    /// <summary>OpenCV's JET colour map, BGR per grey level (see <see cref="JetLookupTable"/>).</summary>
    private static readonly Lazy<byte[]> JetTable = new(() =>
    {
        using var ramp = new Mat(256, 1, MatType.CV_8UC1);
        for (int i = 0; i < 256; i++)
        {
            ramp.Set(i, 0, (byte)i);
        }

        using var colours = new Mat();
        Cv2.ApplyColorMap(ramp, colours, ColormapTypes.Jet);
        byte[] table = new byte[256 * 3];
        Marshal.Copy(colours.Data, table, 0, table.Length);
        return table;
    });

    /// <summary>How many pairs the gallery shows.</summary>
    public const int DefaultCount = 6;

    /// <summary>Longest side of a thumbnail, in pixels.</summary>
    public const int ThumbnailSize = 200;

    /// <param name="processor">Runs a ranked pair again (<see cref="PairProcessor.Replay"/>) when its material was not kept.</param>
    /// <param name="outcomes">The model's completed pairs in manifest order.</param>
    /// <param name="pairs">The dataset's pairs, to find each outcome's pair by id.</param>
    /// <returns>The gallery; a pair that fails again (its files changed since) is left out.</returns>
    /// <param name="kept">Material kept while the pairs ran (<see cref="GalleryCandidates"/>): a ranked pair found there is
    /// drawn from it instead of being run again; the images and predictions are the same either way.</param>
    public static IReadOnlyList<GalleryPair> Build(PairProcessor processor, IReadOnlyList<AuditPair> pairs, IReadOnlyList<PairOutcome> outcomes, int count = DefaultCount, GalleryCandidates? kept = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(outcomes);
        var byId = new Dictionary<string, AuditPair>(StringComparer.Ordinal);
        foreach (AuditPair pair in pairs)
        {
            byId.TryAdd(pair.PairId, pair);
        }

        // The replays are independent (Replay is safe from several threads, each pair's placebo seeded by its id), and
        // after a model's pairs the cores are otherwise idle: run them in parallel, keep them in rank order.
        IReadOnlyList<PairOutcome> ranked = MostAffected(outcomes, count);
        var rendered = new GalleryPair?[ranked.Count];
        Parallel.For(0, ranked.Count, i =>
        {
            if (kept?.Take(ranked[i].PairId) is { } material)
            {
                using (material)
                {
                    rendered[i] = Render(ranked[i], material);
                }

                return;
            }

            if (!byId.TryGetValue(ranked[i].PairId, out AuditPair? pair))
            {
                return;
            }

            try
            {
                using PairReplay replay = processor.Replay(pair);
                rendered[i] = Render(ranked[i], replay.Material);
            }
            catch (PairException)
            {
                // It ran once; if its files changed since, the gallery shows the others rather than failing the report.
            }
        });
        return [.. rendered.OfType<GalleryPair>()];
    }

    /// <summary>The <paramref name="count"/> outcomes with the largest artifact score shift; ties keep manifest order; pairs without a value are left out.</summary>
    public static IReadOnlyList<PairOutcome> MostAffected(IReadOnlyList<PairOutcome> outcomes, int count)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return [.. outcomes
            .Select((o, index) => (o, index, shift: RankingShift(o)))
            .Where(t => double.IsFinite(t.shift))
            .OrderByDescending(t => t.shift)
            .ThenBy(t => t.index)
            .Take(count)
            .Select(t => t.o)];
    }

    /// <summary>What the gallery ranks a pair by: the artifact's score shift (NaN when the original had no detection).</summary>
    public static double RankingShift(PairOutcome outcome) => PairMetrics.Effects(outcome, MetricKind.ScoreShift, null).Artifact;

    /// <summary>
    /// The layer whose activation difference the gallery shows: the first policy check's layer that was tapped, else
    /// the deepest spatial tap (null when nothing spatial was tapped).
    /// </summary>
    public static string? HeatmapLayer(Policy policy, IReadOnlyList<string> spatialTaps)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(spatialTaps);
        string? fromPolicy = policy.Checks.Select(c => c.Layer).FirstOrDefault(l => l is not null && spatialTaps.Contains(l, StringComparer.Ordinal));
        return fromPolicy ?? TapOrder.ByDepth(spatialTaps).LastOrDefault();
    }

    /// <summary>The heatmap's layer and copies of its activations in the original and artifact-removed predictions.</summary>
    internal static HeatmapLayerCopy CopyHeatmapLayer(Policy policy, YoloPrediction original, YoloPrediction removed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(removed);
        string layer = LayerOf(original, policy);
        TapActivation? Copy(YoloPrediction prediction)
        {
            if (layer.Length == 0)
            {
                return null;
            }

            TapActivation activation = prediction.Activations.First(a => a.Tap == layer);
            return activation with { Values = [.. activation.Values] };
        }

        return new HeatmapLayerCopy(layer, Copy(original), Copy(removed));
    }

    private static string LayerOf(YoloPrediction original, Policy policy) =>
        HeatmapLayer(policy, [.. original.Activations.Where(a => a.Shape.Count == 4).Select(a => a.Tap)]) ?? string.Empty;

    /// <summary>
    /// A pair's gallery material: clones of its images (the prepared pair and the first placebo, which its owner frees)
    /// with the heatmap layer copied earlier by <see cref="CopyHeatmapLayer"/> and the three predictions' detections.
    /// </summary>
    internal static GalleryMaterial Keep(
        HeatmapLayerCopy heatmap, PreparedPair prepared, YoloPrediction original, YoloPrediction removed, (Mat Image, IReadOnlyList<Detection> Detections)? placebo)
    {
        Mat? originalImage = null, removedImage = null;
        try
        {
            originalImage = prepared.Original.Clone();
            removedImage = prepared.Removed.Clone();
            return new GalleryMaterial(
                heatmap.Layer, originalImage, removedImage, placebo?.Image.Clone(), original.Detections, removed.Detections, placebo?.Detections, heatmap.Original, heatmap.Removed, original.Letterbox);
        }
        catch
        {
            originalImage?.Dispose();
            removedImage?.Dispose();
            throw;
        }
    }

    private static GalleryPair Render(PairOutcome outcome, GalleryMaterial material)
    {
        (double artifactShift, double placeboShift) = PairMetrics.Effects(outcome, MetricKind.ScoreShift, null);
        using Mat heat = material.OriginalLayer is { } a && material.RemovedLayer is { } b
            ? Heatmap(material.Original, a, b, material.Letterbox)
            : material.Original.Clone();
        return new GalleryPair(
            outcome.PairId,
            outcome.ArtifactType,
            artifactShift,
            placeboShift,
            material.Layer,
            Thumbnail(material.Original, material.OriginalDetections),
            Thumbnail(material.Removed, material.RemovedDetections),
            material.Placebo is { } placebo && material.PlaceboDetections is { } placeboDetections ? Thumbnail(placebo, placeboDetections) : null,
            Thumbnail(heat, []));
    }

    /// <summary>
    /// Σ_c (A_c − B_c)² per cell of the layer's grid, normalised to its maximum, mapped back through the letterbox
    /// (grid → network input → the resized image's region → source pixels) and blended over the original in the
    /// JET colour map (red where the change is largest).
    /// </summary>
    public static Mat Heatmap(Mat original, TapActivation a, TapActivation b, LetterboxGeometry letterbox)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(letterbox);
        int channels = a.Shape[1], height = a.Shape[2], width = a.Shape[3];
        int cells = height * width;
        float[] energy = new float[cells];
        for (int c = 0; c < channels; c++)
        {
            int offset = c * cells;
            for (int i = 0; i < cells; i++)
            {
                float d = a.Values[offset + i] - b.Values[offset + i];
                energy[i] += d * d;
            }
        }

        float max = energy.Max();
        float scale = max > 0 ? 255f / max : 0f;
        for (int i = 0; i < cells; i++)
        {
            energy[i] *= scale;
        }

        using var grid = new Mat(height, width, MatType.CV_32FC1);
        Marshal.Copy(energy, 0, grid.Data, cells);
        using var input = new Mat();
        Cv2.Resize(grid, input, new Size(letterbox.InputWidth, letterbox.InputHeight), 0, 0, InterpolationFlags.Linear);
        using Mat region = new Mat(input, new Rect(letterbox.PadLeft, letterbox.PadTop, letterbox.ResizedWidth, letterbox.ResizedHeight));
        using var source = new Mat();
        Cv2.Resize(region, source, new Size(letterbox.SourceWidth, letterbox.SourceHeight), 0, 0, InterpolationFlags.Linear);
        using var bytes = new Mat();
        source.ConvertTo(bytes, MatType.CV_8UC1);
        using var colour = new Mat();
        using Mat jet = JetLookupTable();
        Cv2.ApplyColorMap(bytes, colour, jet);
        var blended = new Mat();
        Cv2.AddWeighted(original, 0.6, colour, 0.4, 0, blended);
        return blended;
    }

    /// <summary>
    /// OpenCV's JET colour map as a 256-entry BGR table, for <c>applyColorMap</c>'s user-table form: the built-in form
    /// rebuilds this table by interpolation on every call (about 8 ms, most of a heatmap), then looks each pixel up in
    /// it exactly as the user-table form does, so the colours are the same bytes.
    /// </summary>
    private static Mat JetLookupTable()
    {
        byte[] table = JetTable.Value;
        var lut = new Mat(256, 1, MatType.CV_8UC3);
        Marshal.Copy(table, 0, lut.Data, table.Length);
        return lut;
    }

    /// <summary>The image scaled to <see cref="ThumbnailSize"/> on its longest side with each detection's box and score drawn, as PNG.</summary>
    public static byte[] Thumbnail(Mat image, IReadOnlyList<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(detections);
        double factor = (double)ThumbnailSize / Math.Max(image.Width, image.Height);
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(Math.Max(1, (int)Math.Round(image.Width * factor)), Math.Max(1, (int)Math.Round(image.Height * factor))), 0, 0, InterpolationFlags.Area);
        var box = new Scalar(40, 220, 40);
        foreach (Detection detection in detections)
        {
            var rect = new Rect(
                (int)Math.Round(detection.Box.X1 * factor),
                (int)Math.Round(detection.Box.Y1 * factor),
                Math.Max(1, (int)Math.Round((detection.Box.X2 - detection.Box.X1) * factor)),
                Math.Max(1, (int)Math.Round((detection.Box.Y2 - detection.Box.Y1) * factor)));
            Cv2.Rectangle(small, rect, box, 2);
            string label = detection.ClassName + " " + detection.Score.ToString("0.00", CultureInfo.InvariantCulture);
            var origin = new Point(rect.X + 2, Math.Max(10, rect.Y - 3));
            Cv2.PutText(small, label, origin, HersheyFonts.HersheySimplex, 0.35, Scalar.All(0), 3, LineTypes.AntiAlias);
            Cv2.PutText(small, label, origin, HersheyFonts.HersheySimplex, 0.35, Scalar.All(255), 1, LineTypes.AntiAlias);
        }

        Cv2.ImEncode(".png", small, out byte[] png);
        return png;
    }
}
