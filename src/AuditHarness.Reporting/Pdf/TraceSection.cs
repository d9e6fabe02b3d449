using System.Globalization;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Results;
using ScottPlot;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Where the reliance lives": per model with a trace result, artifact type and traced layer, the recovered share against
/// k (selective channels with their interval, random draws as a band, region and outside patches), the rows at the k
/// where selective beats random by the most (<see cref="TraceGap"/>) and a sentence read off those numbers; then, when
/// the run audited an ablated model beside its source, "What the ablation did". Only formats what the summary holds.
/// </summary>
public static class TraceSection
{
    public const string Heading = "Where the reliance lives";

    public const string AblationHeading = "What the ablation did";

    public const float ChartHeight = 200f;

    private static readonly Color SelectiveColor = Color.FromHex("#C62828");
    private static readonly Color RandomColor = Color.FromHex("#757575");
    private static readonly Color RegionColor = Color.FromHex("#1565C0");
    private static readonly Color OutsideColor = Color.FromHex("#2E7D32");

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        ModelAuditSummary[] traced = [.. summary.Models.Where(m => m.Trace is not null)];
        if (traced.Length > 0)
        {
            AddTrace(traced, blocks);
        }

        if (summary.Ablations.Count > 0)
        {
            AddAblations(summary.Ablations, blocks);
        }
    }

    private static void AddTrace(IReadOnlyList<ModelAuditSummary> models, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(Heading));
        blocks.Add(new ParagraphBlock(
            "Activation patching: each pair's original image is run again with some of a layer's activations replaced by those of its artifact-removed image. "
            + "The recovered share is the part of the artifact's effect on the original detections' scores this reproduces: 1, the whole effect flows through "
            + "the patched activations; 0, none of it. Channels are ranked by artifact selectivity on one half of the pairs and measured on the other half; "
            + "the same number of channels drawn at random is the control, and patching every channel only inside or only outside the artifact's region asks "
            + "whether the effect passes through the artifact's location at that depth.", 9f));
        foreach (ModelAuditSummary model in models)
        {
            ModelTrace trace = model.Trace!;
            blocks.Add(new ParagraphBlock(
                $"{model.Model}: channels ranked on {Int(trace.SelectionPairs)} pair(s), shares measured on {Int(trace.MeasurementPairs)} (split by {trace.SplitUnit}); "
                + $"scores read from the {trace.ScoreSource.Name()}.", 9f, Bold: true));
            foreach (TraceLayer layer in trace.Layers)
            {
                TraceRow[] rows = [.. trace.Rows.Where(r => r.ArtifactType == layer.ArtifactType && r.Layer == layer.Layer)];
                if (rows.Length == 0)
                {
                    continue;
                }

                blocks.Add(new ChartBlock($"{model.Model}: {layer.ArtifactType} {layer.Layer} recovered share", ChartHeight, () => Chart(model.Model, layer, rows)));
                blocks.Add(new ParagraphBlock(
                    "Recovered share against k (log2 scale; \"all\" = every channel). Red line and band: the top-k selective channels and their interval; "
                    + "grey band: from the lowest to the highest recovered share of the random draws at each k (dashed: their median draw); "
                    + "blue and green points with intervals: every channel patched only inside (region) or only outside the artifact's region.", 7.5f, Color: 0xFF606060));
                TraceGap? gap = TraceGap.Largest(rows, layer.ArtifactType, layer.Layer);
                blocks.Add(new ParagraphBlock(Sentence(layer, gap, rows), 9.5f));
                if (gap is not null)
                {
                    blocks.Add(GapTable(model.Model, layer, gap, rows));
                }
            }
        }

        blocks.Add(new ParagraphBlock(
            "Limits. Patching a layer's channels is not the whole circuit: the effect can also reach the output through skip connections that bypass the "
            + "layer, which a patch at one layer leaves alone. Recovered shares of different channel sets need not add up, because the network is not linear; "
            + "a share above 1 or below 0 means the patch overshoots or works against the effect. Shares are pooled over the measurement pairs with an effect; "
            + "pairs where removing the artifact changed nothing are left out and counted.", 8.5f));
    }

    /// <summary>The finding of one layer in words, from its largest-gap row, or its honest opposite.</summary>
    public static string Sentence(TraceLayer layer, TraceGap? gap, IReadOnlyList<TraceRow> rows)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(rows);
        string text;
        if (gap is null)
        {
            TraceRow? top = rows.Where(r => r.Selection == TraceSelection.Selective).MaxBy(r => r.K);
            text = top is null
                ? $"{layer.Layer}: no selective channels were measured for {layer.ArtifactType}."
                : $"The top {Int(top.K)} of {Int(layer.ChannelCount)} channels of {layer.Layer} recover {Share(top)} of the {layer.ArtifactType} effect; no random channels were measured to compare them with.";
        }
        else
        {
            TraceRow median = gap.MedianRandom;
            string random = $"{Int(gap.K)} random channels recover {Share(median)}" + (gap.Random.Count > 1 ? $" (median of {Int(gap.Random.Count)} draws)" : string.Empty);
            string selective = $"the top {Int(gap.K)} of {Int(layer.ChannelCount)} channels of {layer.Layer} recover {Share(gap.Selective)} of the {layer.ArtifactType} effect";
            text = gap.BeatsRandom ? $"{Capital(selective)}; {random}."
                : double.IsNaN(gap.Gap) ? $"{Capital(selective)}; {random}; without intervals at every k they cannot be told apart from random."
                : $"{Capital(selective)}, no better than random: {random}, and their intervals overlap at every k.";
        }

        TraceRow? region = rows.FirstOrDefault(r => r.Selection == TraceSelection.Region);
        TraceRow? outside = rows.FirstOrDefault(r => r.Selection == TraceSelection.Outside);
        if (region is not null && outside is not null)
        {
            text += $" All channels patched only inside the {layer.ArtifactType}'s region recover {Share(region)}; only outside it, {Share(outside)}.";
        }

        return text;
    }

    private static TableBlock GapTable(string model, TraceLayer layer, TraceGap gap, IReadOnlyList<TraceRow> rows)
    {
        IEnumerable<TraceRow> shown = new[] { gap.Selective }.Concat(gap.Random)
            .Concat(rows.Where(r => r.Selection is TraceSelection.Region or TraceSelection.Outside));
        return new TableBlock($"{model} {layer.ArtifactType} {layer.Layer} at k {Int(gap.K)}", ["selection", "k", "draw", "pairs", "recovered share", "CI", "left out"], [1.2f, 0.6f, 0.6f, 0.6f, 1f, 1.6f, 0.7f],
            [.. shown.Select(r => new TableRow(
            [
                Name(r.Selection),
                Int(r.K),
                r.Selection == TraceSelection.Random ? Int(r.Draw) : string.Empty,
                Int(r.Pairs),
                Number(r.RecoveredShare),
                Interval(r),
                Int(r.PairsLeftOut),
            ], r.Selection == TraceSelection.Selective ? 0xFFFDECEA : 0))]);
    }

    private static Plot Chart(string model, TraceLayer layer, IReadOnlyList<TraceRow> rows)
    {
        Plot plot = ReportCharts.NewPlot();
        plot.Title($"{model}: {layer.ArtifactType}, {layer.Layer} ({Int(layer.ChannelCount)} channels)", 10);
        plot.YLabel("recovered share", 9);
        plot.XLabel("channels patched, k", 9);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Legend.FontSize = 8;

        int[] ks = [.. rows.Where(r => r.Selection is TraceSelection.Selective or TraceSelection.Random).Select(r => r.K).Distinct().Order()];
        double allPosition = ks.Where(k => k < layer.ChannelCount).Select(k => Math.Log2(k)).DefaultIfEmpty(-1).Max() + 1;
        double Position(int k) => k >= layer.ChannelCount ? allPosition : Math.Log2(k);

        TraceRow[] selective = [.. rows.Where(r => r.Selection == TraceSelection.Selective && Finite(r)).OrderBy(r => r.K)];
        if (selective.Length > 0)
        {
            double[] xs = [.. selective.Select(r => Position(r.K))];
            TraceRow[] banded = [.. selective.Where(r => double.IsFinite(r.CiLow) && double.IsFinite(r.CiHigh))];
            if (banded.Length > 0)
            {
                var band = plot.Add.FillY([.. banded.Select(r => Position(r.K))], [.. banded.Select(r => r.CiHigh)], [.. banded.Select(r => r.CiLow)]);
                band.FillColor = SelectiveColor.WithAlpha(0.2);
                band.LineColor = Colors.Transparent;
            }

            var line = plot.Add.Scatter(xs, [.. selective.Select(r => r.RecoveredShare)], SelectiveColor);
            line.LineWidth = 1.5f;
            line.MarkerSize = 5;
        }

        var randomByK = rows.Where(r => r.Selection == TraceSelection.Random && Finite(r)).GroupBy(r => r.K).OrderBy(g => g.Key).ToArray();
        if (randomByK.Length > 0)
        {
            double[] xs = [.. randomByK.Select(g => Position(g.Key))];
            var band = plot.Add.FillY(xs, [.. randomByK.Select(g => g.Max(r => r.RecoveredShare))], [.. randomByK.Select(g => g.Min(r => r.RecoveredShare))]);
            band.FillColor = RandomColor.WithAlpha(0.3);
            band.LineColor = Colors.Transparent;
            double[] medians = [.. randomByK.Select(g => g.OrderBy(r => r.RecoveredShare).ThenBy(r => r.Draw).ElementAt((g.Count() - 1) / 2).RecoveredShare)];
            var median = plot.Add.Scatter(xs, medians, RandomColor);
            median.LinePattern = LinePattern.Dashed;
            median.MarkerSize = 3;
        }

        double regionPosition = allPosition + 1;
        var extras = new List<(double Position, string Label)>();
        foreach ((TraceSelection selection, Color color, double position) in new[] { (TraceSelection.Region, RegionColor, regionPosition), (TraceSelection.Outside, OutsideColor, regionPosition + 1) })
        {
            TraceRow? row = rows.FirstOrDefault(r => r.Selection == selection);
            if (row is null || !Finite(row))
            {
                continue;
            }

            var marker = plot.Add.Marker(position, row.RecoveredShare, MarkerShape.FilledSquare, 7, color);
            marker.LegendText = string.Empty;
            if (double.IsFinite(row.CiLow) && double.IsFinite(row.CiHigh))
            {
                var bar = plot.Add.ErrorBar([position], [row.RecoveredShare], [row.CiHigh - row.RecoveredShare]);
                bar.YErrorPositive = [row.CiHigh - row.RecoveredShare];
                bar.YErrorNegative = [row.RecoveredShare - row.CiLow];
                bar.Color = color;
            }

            extras.Add((position, Name(selection)));
        }

        var ticks = ks.Select(k => (Position(k), k >= layer.ChannelCount ? "all" : Int(k))).Concat(extras).ToArray();
        if (ticks.Length > 0)
        {
            plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Item1)], [.. ticks.Select(t => t.Item2)]);
            plot.Axes.SetLimitsX(ticks.Min(t => t.Item1) - 0.5, ticks.Max(t => t.Item1) + 0.5);
        }

        plot.Add.HorizontalLine(0, 1, Color.FromHex("#9E9E9E"), LinePattern.Dashed);
        plot.Add.HorizontalLine(1, 1, Color.FromHex("#9E9E9E"), LinePattern.Dotted);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "selective (top k)", LineColor = SelectiveColor, FillColor = SelectiveColor, LineWidth = 1.5f });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "random draws", LineColor = RandomColor, FillColor = RandomColor.WithAlpha(0.3), LineWidth = 1.5f });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "region", FillColor = RegionColor, LineColor = RegionColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "outside", FillColor = OutsideColor, LineColor = OutsideColor });
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static void AddAblations(IReadOnlyList<AblationAudit> ablations, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(AblationHeading));
        blocks.Add(new ParagraphBlock(
            "A model made by 'ablate' (chosen channels of one layer replaced by a constant) was audited beside the model it was made from. "
            + "The reliance before (source) and after (ablated) per check, and what the ablation cost on the artifact-free images (the pairs' artifact-removed variants "
            + "both models processed): the source's detections matched to the ablated model's at the spec's match IoU.", 9f));
        blocks.Add(new TableBlock("ablation reliance", ["ablated model", "source", "artifact", "check", "before", "after", "verdict before", "verdict after"], [1.2f, 1f, 0.9f, 2f, 0.8f, 0.8f, 0.8f, 0.8f],
            [.. ablations.SelectMany(a => a.Reliance.Select(c => new TableRow(
            [
                a.AblatedModel,
                a.SourceModel,
                c.ArtifactType,
                c.CheckId,
                Estimate(c.Before),
                Estimate(c.After),
                VerdictText.Of(c.VerdictBefore),
                VerdictText.Of(c.VerdictAfter),
            ])))]));
        blocks.Add(new TableBlock("ablation cost", ["ablated model", "layer", "channels", "fill", "clean images", "source detections", "class changed", "lost", "gained", "mean score drift"], [1.2f, 0.8f, 1.6f, 0.6f, 0.7f, 0.8f, 0.7f, 0.6f, 0.6f, 0.8f],
            [.. ablations.Select(a => new TableRow(
            [
                a.AblatedModel,
                a.Layer,
                string.Join(" ", a.Channels.Select(Int)),
                a.Fill,
                Int(a.CleanImages),
                Int(a.SourceDetections),
                Int(a.DetectionsChanged),
                Int(a.DetectionsLost),
                Int(a.DetectionsGained),
                Estimate(a.MeanScoreDrift),
            ]))]));
        foreach (AblationAudit a in ablations)
        {
            blocks.Add(new ParagraphBlock(
                $"Ablating {Int(a.Channels.Count)} channel(s) of {a.Layer} ({a.Fill} fill) in {a.SourceModel}: of its {Int(a.SourceDetections)} detection(s) on "
                + $"{Int(a.CleanImages)} artifact-free image(s), {Int(a.DetectionsLost)} were lost and {Int(a.DetectionsChanged)} changed class; "
                + $"{Int(a.DetectionsGained)} new detection(s) appeared; matched scores moved by {Estimate(a.MeanScoreDrift)} on average.", 9f));
        }
    }

    private static bool Finite(TraceRow row) => double.IsFinite(row.RecoveredShare);

    /// <summary>A share as the sentence and table print it: two decimals and the interval, e.g. "0.71 [0.64, 0.78]".</summary>
    public static string Share(TraceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return double.IsFinite(row.RecoveredShare)
            ? $"{Number(row.RecoveredShare)} {Interval(row)}"
            : "n/a (no measurement pair had an effect)";
    }

    private static string Interval(TraceRow row) => double.IsFinite(row.CiLow) && double.IsFinite(row.CiHigh) ? $"[{Number(row.CiLow)}, {Number(row.CiHigh)}]" : "[n/a]";

    private static string Name(TraceSelection selection) => selection switch
    {
        TraceSelection.Selective => "selective",
        TraceSelection.Random => "random",
        TraceSelection.Region => "region",
        _ => "outside",
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // Shares are fractions of an effect: two decimals are what the reader compares; the CSV and JSON keep every digit.
    private static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);

    // Estimates and drifts as the checks table prints them: the report's one number rule.
    private static string Estimate(double value) => ReportNumber.Format(value);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
