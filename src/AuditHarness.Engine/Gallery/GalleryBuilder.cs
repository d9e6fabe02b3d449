using System.Globalization;
using System.Runtime.InteropServices;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using OpenCvSharp;

namespace AuditHarness.Engine.Gallery;

/// <summary>
/// Renders the report's gallery of the most affected pairs after a model's pairs are done: ranks the completed
/// pairs by the score drop when the artifact is removed (ties in manifest order, at most <see cref="PairsPerBaseImage"/>
/// of one base image) and keeps JPEG thumbnails of just those: the three variants with their detections, the artifact
/// mask and the placebo's region outlined, and the activation difference of one layer laid over the original.
/// A pair's images and heatmap layer come from what it left while it ran (<see cref="GalleryCandidates"/>), or, for a
/// pair run by an earlier process (resume, merge), from running it again (<see cref="PairProcessor.Replay"/>).
/// The heatmaps are coloured last (<see cref="Finish"/>), once every model's gallery is known, on one scale per layer.
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

    private static readonly Scalar DetectionColour = new(40, 220, 40);
    private static readonly Scalar ArtifactColour = new(255, 0, 255); // magenta (BGR)
    private static readonly Scalar PlaceboColour = new(255, 255, 0); // cyan (BGR)

    /// <summary>How many pairs the gallery shows.</summary>
    public const int DefaultCount = 6;

    /// <summary>At most this many gallery pairs of one model start from the same image; the next most affected pair takes the place of another.</summary>
    public const int PairsPerBaseImage = 2;

    /// <summary>A thumbnail's smallest width in pixels: an image narrower than this is scaled up, so a logo or a label stays legible.</summary>
    public const int MinThumbnailWidth = 320;

    /// <summary>A thumbnail's largest width in pixels (a wider image is scaled down), which keeps the report's size bounded.</summary>
    public const int MaxThumbnailWidth = 400;

    /// <summary>A thumbnail's largest height in pixels (a very tall image is scaled down further).</summary>
    public const int MaxThumbnailHeight = 540;

    /// <summary>
    /// JPEG quality of the thumbnails: at 70 (progressive) the report's gallery costs about three quarters of its bytes at
    /// 85 (baseline) and the page at 100 dpi shows no difference; detection labels, ruler digits and watermark text stay legible.
    /// </summary>
    public const int JpegQuality = 70;

    /// <summary>Height in pixels of the colour bar strip below a heatmap.</summary>
    public const int ColourBarHeight = 34;

    /// <param name="processor">Runs a ranked pair again (<see cref="PairProcessor.Replay"/>) when its material was not kept.</param>
    /// <param name="outcomes">The model's completed pairs in manifest order.</param>
    /// <param name="pairs">The dataset's pairs, to find each outcome's pair by id.</param>
    /// <returns>The gallery, heatmaps not yet coloured (<see cref="Finish"/>); a pair that fails again (its files changed since) is left out.</returns>
    /// <param name="kept">Material kept while the pairs ran (<see cref="GalleryCandidates"/>): a ranked pair found there is
    /// drawn from it instead of being run again; the images and predictions are the same either way.</param>
    public static IReadOnlyList<GalleryDraft> Build(PairProcessor processor, IReadOnlyList<AuditPair> pairs, IReadOnlyList<PairOutcome> outcomes, int count = DefaultCount, GalleryCandidates? kept = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(outcomes);
        // Only the outcomes' pairs, the first of each id: a manifest's pairs are built per access (ManifestPairTable).
        var byId = new Dictionary<string, AuditPair>(StringComparer.Ordinal);
        var wanted = new HashSet<string>(outcomes.Select(o => o.PairId), StringComparer.Ordinal);
        var table = pairs as ManifestPairTable;
        for (int i = 0; i < pairs.Count && wanted.Count > 0; i++)
        {
            string id = table?.PairIdOf(i) ?? pairs[i].PairId;
            if (wanted.Remove(id))
            {
                byId.Add(id, pairs[i]);
            }
        }

        // The replays are independent (Replay is safe from several threads, each pair's placebo seeded by its id), and
        // after a model's pairs the cores are otherwise idle: run them in parallel, keep them in rank order.
        IReadOnlyList<PairOutcome> ranked = MostAffected(outcomes, count, o => byId.TryGetValue(o.PairId, out AuditPair? p) ? p.Image : o.PairId);
        var rendered = new GalleryDraft?[ranked.Count];
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
        return [.. rendered.OfType<GalleryDraft>()];
    }

    /// <summary>
    /// Colours every model's heatmaps on one scale per layer: the largest per-cell activation difference of that layer
    /// over every gallery pair of every model, so the same change has the same colour in every model's gallery. Takes
    /// the drafts (disposes them) and returns each model's gallery in the same order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<GalleryPair>> Finish(IReadOnlyList<IReadOnlyList<GalleryDraft>> galleries)
    {
        ArgumentNullException.ThrowIfNull(galleries);
        try
        {
            Dictionary<string, double> scales = LayerScales(galleries);
            return [.. galleries.Select(drafts => (IReadOnlyList<GalleryPair>)[.. drafts.Select(d => d.Finish(d.Pair.Layer is { } layer ? scales[layer] : double.NaN))])];
        }
        finally
        {
            foreach (GalleryDraft draft in galleries.SelectMany(g => g))
            {
                draft.Dispose();
            }
        }
    }

    /// <summary>Per layer, the largest heatmap peak over every draft of every model (0 when nothing changed).</summary>
    public static Dictionary<string, double> LayerScales(IReadOnlyList<IReadOnlyList<GalleryDraft>> galleries)
    {
        ArgumentNullException.ThrowIfNull(galleries);
        var scales = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (GalleryDraft draft in galleries.SelectMany(g => g))
        {
            if (draft.Pair.Layer is { } layer)
            {
                scales[layer] = Math.Max(scales.GetValueOrDefault(layer), draft.Pair.HeatmapPeak);
            }
        }

        return scales;
    }

    /// <summary>The <paramref name="count"/> outcomes with the largest artifact score shift; ties keep manifest order; pairs without a value are left out.</summary>
    public static IReadOnlyList<PairOutcome> MostAffected(IReadOnlyList<PairOutcome> outcomes, int count) => MostAffected(outcomes, count, o => o.PairId);

    /// <summary>
    /// As <see cref="MostAffected(IReadOnlyList{PairOutcome}, int)"/>, with at most <see cref="PairsPerBaseImage"/> outcomes of
    /// one base image (<paramref name="baseImageOf"/>): a pair with two better ones of its base image gives way to the next.
    /// </summary>
    public static IReadOnlyList<PairOutcome> MostAffected(IReadOnlyList<PairOutcome> outcomes, int count, Func<PairOutcome, string> baseImageOf)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(baseImageOf);
        var perBase = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<PairOutcome>();
        foreach (PairOutcome outcome in outcomes
            .Select((o, index) => (o, index, shift: RankingShift(o)))
            .Where(t => double.IsFinite(t.shift))
            .OrderByDescending(t => t.shift)
            .ThenBy(t => t.index)
            .Select(t => t.o))
        {
            if (chosen.Count >= count)
            {
                break;
            }

            string key = baseImageOf(outcome);
            int seen = perBase.GetValueOrDefault(key);
            if (seen < PairsPerBaseImage)
            {
                perBase[key] = seen + 1;
                chosen.Add(outcome);
            }
        }

        return chosen;
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
    /// with the heatmap layer copied earlier by <see cref="CopyHeatmapLayer"/>, the three predictions' detections and the
    /// outlines of the artifact mask and of the first placebo's region.
    /// </summary>
    internal static GalleryMaterial Keep(
        HeatmapLayerCopy heatmap, PreparedPair prepared, YoloPrediction original, YoloPrediction removed, (Mat Image, IReadOnlyList<Detection> Detections, ArtifactMask Region)? placebo)
    {
        Mat? originalImage = null, removedImage = null;
        try
        {
            originalImage = prepared.Original.Clone();
            removedImage = prepared.Removed.Clone();
            return new GalleryMaterial(
                heatmap.Layer, originalImage, removedImage, placebo?.Image.Clone(), original.Detections, removed.Detections, placebo?.Detections, heatmap.Original, heatmap.Removed, original.Letterbox)
            {
                BaseImage = prepared.Pair.Image,
                ArtifactOutline = Outline(prepared.Mask),
                PlaceboOutline = placebo is { } p ? Outline(p.Region) : [],
            };
        }
        catch
        {
            originalImage?.Dispose();
            removedImage?.Dispose();
            throw;
        }
    }

    /// <summary>The outer contours of a mask, in its pixels.</summary>
    public static IReadOnlyList<Point[]> Outline(ArtifactMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.IsEmpty)
        {
            return [];
        }

        Cv2.FindContours(mask.Pixels, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        return contours;
    }

    private static GalleryDraft Render(PairOutcome outcome, GalleryMaterial material)
    {
        (double artifactShift, double placeboShift) = PairMetrics.Effects(outcome, MetricKind.ScoreShift, null);
        bool shifted = outcome.PlaceboHost is null;
        double factor = ThumbnailFactor(material.Original.Width, material.Original.Height);

        // The placebo's region is drawn on the original only when it lies in this image (a shifted placebo); a
        // transplanted one sits at the artifact's own place on the host, where the placebo thumbnail shows it.
        byte[] original = Thumbnail(material.Original, material.OriginalDetections, factor, material.ArtifactOutline, shifted ? material.PlaceboOutline : []);
        byte[] removed = Thumbnail(material.Removed, material.RemovedDetections, factor, [], []);
        byte[]? placebo = material.Placebo is { } image && material.PlaceboDetections is { } placeboDetections
            ? Thumbnail(image, placeboDetections, ThumbnailFactor(image.Width, image.Height), [], material.PlaceboOutline)
            : null;
        string? layer = material.Layer.Length == 0 ? null : material.Layer;
        Mat? change = null, heatBase = null;
        double peak = double.NaN;
        try
        {
            if (layer is not null && material.OriginalLayer is { } a && material.RemovedLayer is { } b)
            {
                heatBase = Scaled(material.Original, factor);
                DrawOutline(heatBase, material.ArtifactOutline, factor, ArtifactColour);
                change = ChangeMap(a, b, material.Letterbox, heatBase.Size(), out float max);
                peak = max;
            }
            else
            {
                layer = null;
            }

            var pair = new GalleryPair(outcome.PairId, outcome.ArtifactType, artifactShift, placeboShift, layer, original, removed, placebo, null)
            {
                BaseImage = Path.GetFileName(material.BaseImage),
                PlaceboHost = outcome.PlaceboHost,
                HeatmapPeak = peak,
            };
            var draft = new GalleryDraft(pair, heatBase, change);
            (heatBase, change) = (null, null);
            return draft;
        }
        finally
        {
            heatBase?.Dispose();
            change?.Dispose();
        }
    }

    /// <summary>
    /// The layer's activation difference per cell, √(Σ_c (A_c − B_c)²), in activation units, mapped back through the
    /// letterbox (grid → network input → the resized image's region) onto an image of <paramref name="size"/>
    /// (the source image, or its thumbnail); <paramref name="peak"/> is the largest cell's value (interpolation never exceeds it).
    /// </summary>
    public static Mat ChangeMap(TapActivation a, TapActivation b, LetterboxGeometry letterbox, Size size, out float peak)
    {
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

        for (int i = 0; i < cells; i++)
        {
            energy[i] = MathF.Sqrt(energy[i]);
        }

        peak = energy.Max();
        using var grid = new Mat(height, width, MatType.CV_32FC1);
        Marshal.Copy(energy, 0, grid.Data, cells);
        using var input = new Mat();
        Cv2.Resize(grid, input, new Size(letterbox.InputWidth, letterbox.InputHeight), 0, 0, InterpolationFlags.Linear);
        using Mat region = new Mat(input, new Rect(letterbox.PadLeft, letterbox.PadTop, letterbox.ResizedWidth, letterbox.ResizedHeight));
        var mapped = new Mat();
        Cv2.Resize(region, mapped, size, 0, 0, InterpolationFlags.Linear);
        return mapped;
    }

    /// <summary>
    /// The change map coloured in the JET colour map on the fixed <paramref name="scale"/> (0 blue, <paramref name="scale"/>
    /// and above red) and blended over <paramref name="image"/> (60 % image, 40 % colour).
    /// </summary>
    public static Mat Heatmap(Mat image, Mat change, double scale)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(change);
        using var bytes = new Mat();
        change.ConvertTo(bytes, MatType.CV_8UC1, scale > 0 ? 255.0 / scale : 0.0);
        using var colour = new Mat();
        using Mat jet = JetLookupTable();
        Cv2.ApplyColorMap(bytes, colour, jet);
        var blended = new Mat();
        Cv2.AddWeighted(image, 0.6, colour, 0.4, 0, blended);
        return blended;
    }

    /// <summary>
    /// The heatmap with its colour bar below: the JET ramp from 0 to <paramref name="scale"/>, labelled at 0, half and the
    /// full scale (3 significant digits), so a reader can tell a change of 0.03 from one of 0.7 across models.
    /// </summary>
    public static Mat WithColourBar(Mat heatmap, double scale)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        var framed = new Mat(heatmap.Height + ColourBarHeight, heatmap.Width, MatType.CV_8UC3, Scalar.All(255));
        using (Mat top = new Mat(framed, new Rect(0, 0, heatmap.Width, heatmap.Height)))
        {
            heatmap.CopyTo(top);
        }

        const int margin = 12, barTop = 4, barHeight = 12;
        int barWidth = Math.Max(2, heatmap.Width - (2 * margin));
        byte[] table = JetTable.Value;
        for (int x = 0; x < barWidth; x++)
        {
            int level = (int)Math.Round(255.0 * x / (barWidth - 1));
            var colour = new Scalar(table[level * 3], table[(level * 3) + 1], table[(level * 3) + 2]);
            Cv2.Line(framed, new Point(margin + x, heatmap.Height + barTop), new Point(margin + x, heatmap.Height + barTop + barHeight - 1), colour, 1);
        }

        Cv2.Rectangle(framed, new Rect(margin, heatmap.Height + barTop, barWidth, barHeight), Scalar.All(0), 1);
        double[] ticks = [0, scale / 2, scale];
        double fontScale = LabelScale(heatmap.Width);
        for (int i = 0; i < ticks.Length; i++)
        {
            string label = ScaleLabel(ticks[i]);
            Size size = Cv2.GetTextSize(label, HersheyFonts.HersheySimplex, fontScale, 1, out int baseline);
            int x = margin + (int)Math.Round((barWidth - 1) * i / 2.0) - (size.Width / 2);
            x = Math.Clamp(x, 1, heatmap.Width - size.Width - 1);
            int y = heatmap.Height + barTop + barHeight + 3 + size.Height;
            Cv2.PutText(framed, label, new Point(x, Math.Min(y, framed.Height - baseline)), HersheyFonts.HersheySimplex, fontScale, Scalar.All(0), 1, LineTypes.AntiAlias);
        }

        return framed;
    }

    /// <summary>A colour bar's number: 3 significant digits, invariant culture.</summary>
    public static string ScaleLabel(double value) =>
        value == 0 ? "0" : double.IsFinite(value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "n/a";

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

    /// <summary>
    /// The scale factor of an image's thumbnail: its width brought into [<see cref="MinThumbnailWidth"/>,
    /// <see cref="MaxThumbnailWidth"/>], then its height held to <see cref="MaxThumbnailHeight"/>.
    /// </summary>
    public static double ThumbnailFactor(int width, int height)
    {
        double factor = (double)Math.Clamp(width, MinThumbnailWidth, MaxThumbnailWidth) / width;
        return height * factor > MaxThumbnailHeight ? (double)MaxThumbnailHeight / height : factor;
    }

    /// <summary>JPEG bytes at <see cref="JpegQuality"/>, progressive with optimised Huffman tables.</summary>
    public static byte[] Jpeg(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Optimised Huffman tables and progressive scans: the same pixels in fewer bytes, still deterministic.
        Cv2.ImEncode(".jpg", image, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality), new ImageEncodingParam(ImwriteFlags.JpegOptimize, 1), new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1));
        return jpeg;
    }

    /// <summary>The image scaled by <see cref="ThumbnailFactor"/> with each detection's box and score drawn, as JPEG.</summary>
    public static byte[] Thumbnail(Mat image, IReadOnlyList<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Thumbnail(image, detections, ThumbnailFactor(image.Width, image.Height), [], []);
    }

    /// <summary>
    /// The image scaled by <paramref name="factor"/> with the artifact outline (magenta), the placebo outline (cyan) and
    /// each detection's box (green) and label drawn, as JPEG. A label sits above its box when there is room, else just
    /// inside its top edge, and is shifted left to stay inside the frame.
    /// </summary>
    public static byte[] Thumbnail(Mat image, IReadOnlyList<Detection> detections, double factor, IReadOnlyList<Point[]> artifact, IReadOnlyList<Point[]> placebo)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(detections);
        using Mat small = Scaled(image, factor);
        DrawOutline(small, artifact, factor, ArtifactColour);
        DrawOutline(small, placebo, factor, PlaceboColour);
        double fontScale = LabelScale(small.Width);
        foreach (Detection detection in detections)
        {
            var rect = new Rect(
                (int)Math.Round(detection.Box.X1 * factor),
                (int)Math.Round(detection.Box.Y1 * factor),
                Math.Max(1, (int)Math.Round((detection.Box.X2 - detection.Box.X1) * factor)),
                Math.Max(1, (int)Math.Round((detection.Box.Y2 - detection.Box.Y1) * factor)));
            Cv2.Rectangle(small, rect, DetectionColour, 2);
            string label = detection.ClassName + " " + detection.Score.ToString("0.00", CultureInfo.InvariantCulture);
            Size text = Cv2.GetTextSize(label, HersheyFonts.HersheySimplex, fontScale, 1, out int baseline);
            int x = Math.Clamp(rect.X + 2, 1, Math.Max(1, small.Width - text.Width - 2));
            int above = rect.Y - 4;
            int y = above - text.Height >= 1 ? above : rect.Y + text.Height + 4;
            y = Math.Clamp(y, text.Height + 1, Math.Max(text.Height + 1, small.Height - baseline - 1));
            var origin = new Point(x, y);
            Cv2.PutText(small, label, origin, HersheyFonts.HersheySimplex, fontScale, Scalar.All(0), 3, LineTypes.AntiAlias);
            Cv2.PutText(small, label, origin, HersheyFonts.HersheySimplex, fontScale, Scalar.All(255), 1, LineTypes.AntiAlias);
        }

        return Jpeg(small);
    }

    /// <summary>Label size for a thumbnail this wide: the page draws every thumbnail at one width, so wider ones get larger text.</summary>
    private static double LabelScale(int width) => 0.4 * Math.Max(1.0, width / (double)MinThumbnailWidth);

    private static Mat Scaled(Mat image, double factor)
    {
        var small = new Mat();
        var size = new Size(Math.Max(1, (int)Math.Round(image.Width * factor)), Math.Max(1, (int)Math.Round(image.Height * factor)));
        Cv2.Resize(image, small, size, 0, 0, factor < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        return small;
    }

    private static void DrawOutline(Mat image, IReadOnlyList<Point[]> contours, double factor, Scalar colour)
    {
        if (contours.Count == 0)
        {
            return;
        }

        Point[][] scaled = [.. contours.Select(c => c.Select(p => new Point((int)Math.Round((p.X + 0.5) * factor), (int)Math.Round((p.Y + 0.5) * factor))).ToArray())];
        Cv2.Polylines(image, scaled, isClosed: true, colour, 2, LineTypes.AntiAlias);
    }
}
