using System.Globalization;
using AuditHarness.Results;
using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The report's "Most affected pairs": per model and pair, on a page of its own, a title line and two rows of two images
/// (original and artifact removed; placebo and heatmap), each at least <see cref="MinImageWidth"/> points wide, which is 320 px
/// at 100 dpi, so a logo or a text token can be read. The heatmaps share one colour scale per layer across models.
/// </summary>
internal static class GallerySection
{
    /// <summary>Two images side by side across the content width (the layout puts 6 pt between them).</summary>
    public const float ImageWidth = (PageLayout.PageWidth - (2 * PageLayout.Margin) - 6f) / 2f;

    /// <summary>320 px at 100 dpi, the least width an image of the gallery is drawn at.</summary>
    public const float MinImageWidth = 320f * 72f / 100f;

    /// <summary>The tallest row: two rows and their captions fit on one page.</summary>
    private const float MaxRowHeight = 320f;

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        if (summary.Models.All(m => m.Gallery.Count == 0))
        {
            return;
        }

        blocks.Add(new PageBreakBlock());
        blocks.Add(new HeadingBlock("Most affected pairs"));
        blocks.Add(new ParagraphBlock(
            "Per model, the pairs whose detection scores dropped most when the artifact was removed (ties in manifest order; at most two pairs starting from one image, the next most affected pair taking the place of a third): the original, the artifact-removed and the placebo variant with their detections (green), the artifact mask outlined in magenta and the placebo's region in cyan, "
            + "and the heatmap of how much the named layer's activations changed between the original and the artifact-removed variant: per cell of the layer the Euclidean norm of the difference over its channels, mapped back through the letterbox onto the original. "
            + "Every heatmap of one layer uses the same colour scale, from 0 (blue) to the largest change of that layer in any gallery pair of any model (red), printed under it, so the same colour means the same change in every model."));
        // One line per model here; then every pair on a page of its own (title and two rows, about 560 pt), so none is split.
        foreach (ModelAuditSummary model in summary.Models.Where(m => m.Gallery.Count > 0))
        {
            string[] layers = [.. model.Gallery.Select(g => g.Layer).OfType<string>().Distinct(StringComparer.Ordinal)];
            string line = layers.Length == 0
                ? $"{model.Model}: {Int(model.Gallery.Count)} pairs; no spatial layer was tapped, so there is no heatmap"
                : $"{model.Model}: {Int(model.Gallery.Count)} pairs, heatmap layer {string.Join(", ", layers)} (colour scale 0 to {Number(model.Gallery.First(g => g.Layer is not null).HeatmapScale)})";
            blocks.Add(new ParagraphBlock(line, 11f, Bold: true));
        }

        foreach (ModelAuditSummary model in summary.Models)
        {
            foreach (GalleryPair pair in model.Gallery)
            {
                blocks.Add(new PageBreakBlock());
                AddPair(model.Model, pair, blocks);
            }
        }
    }

    private static void AddPair(string model, GalleryPair pair, List<ReportBlock> blocks)
    {
        string source = pair.BaseImage.Length == 0 ? string.Empty : $", image {pair.BaseImage}";
        string heatmapLayer = pair.Layer is null ? "no heatmap: no spatial layer was tapped" : $"heatmap layer {pair.Layer}";
        blocks.Add(new ParagraphBlock($"{model}: pair {pair.PairId} ({pair.ArtifactType}{source}; {heatmapLayer})", 11f, Bold: true));
        var first = new List<ReportImage>
        {
            new(pair.OriginalJpeg, "original: artifact outlined in magenta" + (pair.PlaceboJpeg is not null && pair.PlaceboHost is null ? ", placebo region in cyan" : string.Empty)),
            new(pair.ArtifactRemovedJpeg, $"artifact removed: score drop {Number(pair.ArtifactScoreShift)}"),
        };
        var second = new List<ReportImage>();
        if (pair.PlaceboJpeg is { } placebo)
        {
            second.Add(new ReportImage(placebo, pair.PlaceboHost is { } host
                ? $"placebo transplanted from another image (pair {host}), its region outlined in cyan: score drop {Number(pair.PlaceboScoreShift)}"
                : $"placebo, region outlined in cyan: score drop {Number(pair.PlaceboScoreShift)}"));
        }

        if (pair.HeatmapJpeg is { } heatmap && pair.Layer is { } layer)
        {
            second.Add(new ReportImage(heatmap, $"activation change at {layer}: largest {Number(pair.HeatmapPeak)}, colour scale 0 to {Number(pair.HeatmapScale)}" + (pair.PlaceboJpeg is null ? "; no placebo fits" : string.Empty)));
        }
        else if (pair.PlaceboJpeg is null)
        {
            first[1] = first[1] with { Caption = first[1].Caption + "; no placebo fits" };
        }

        blocks.Add(new ImageRowBlock($"{model} {pair.PairId} original", first, RowHeight(first)));
        if (second.Count > 0)
        {
            blocks.Add(new ImageRowBlock($"{model} {pair.PairId} placebo", second, RowHeight(second)));
        }
    }

    /// <summary>The row height at which every image of the row is drawn <see cref="ImageWidth"/> wide, held to <see cref="MaxRowHeight"/>.</summary>
    private static float RowHeight(IReadOnlyList<ReportImage> images)
    {
        float aspect = 0f;
        foreach (ReportImage image in images)
        {
            using var data = SKData.CreateCopy(image.Encoded);
            using SKCodec? codec = SKCodec.Create(data);
            if (codec is not null && codec.Info.Width > 0)
            {
                aspect = Math.Max(aspect, (float)codec.Info.Height / codec.Info.Width);
            }
        }

        return Math.Min(MaxRowHeight, Math.Max(1f, ImageWidth * aspect));
    }

    /// <summary>The report's one number rule (<see cref="ReportNumber"/>), so captions read like the tables.</summary>
    internal static string Number(double value) => ReportNumber.Format(value);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
