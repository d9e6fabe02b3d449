using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;
using ScottPlot;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The report's charts of one model, built from the <see cref="ArtifactTypeProfile"/>s the engine put in the
/// summary (nothing is recomputed here): score shifts per pair as box plots, layer reliance along the network
/// depth (artifact against placebo), and each rate check's reliance with its interval, drawn from the check itself.
/// </summary>
public static class ReportCharts
{
    public const float ChartHeight = 215f;

    private static readonly Color ArtifactColor = Color.FromHex("#C62828");
    private static readonly Color PlaceboColor = Color.FromHex("#546E7A");
    private static readonly Color ZeroLine = Color.FromHex("#9E9E9E");

    /// <summary>The chart blocks of one model; none when the summary holds no profile for it. <paramref name="confidence"/> is its intervals' level.</summary>
    public static IReadOnlyList<ChartBlock> For(ModelAuditSummary model, double confidence)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Profiles.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ArtifactTypeProfile> profiles = model.Profiles;
        var charts = new List<ChartBlock>
        {
            new(model.Model + ": score shift per pair", ChartHeight, () => ScoreShift(model.Model, profiles)),
        };
        if (profiles.Any(p => p.Layers.Count > 0))
        {
            charts.Add(new ChartBlock(model.Model + ": layer relative change", ChartHeight, () => Layers(model.Model, profiles, confidence, relativeChange: true)));
            charts.Add(new ChartBlock(model.Model + ": layer inside-share excess", ChartHeight, () => Layers(model.Model, profiles, confidence, relativeChange: false)));
        }

        IReadOnlyList<RateChartBar> rates = RateBars(model);
        if (rates.Count > 0)
        {
            charts.Add(new ChartBlock(model.Model + ": rate reliance", ChartHeight, () => Rates(model.Model, rates, confidence)));
        }
        return charts;
    }

    /// <summary>
    /// A plot that does not clear the canvas before it draws. The clear is a copy blend mode, which Skia's PDF backend
    /// can only draw by wrapping everything already on the page into a masked form XObject: every chart then carried
    /// the page before it a second time (about 80 KB per chart). The chart fills its background anyway.
    /// </summary>
    internal static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(ChartFonts.Family);
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        plot.RenderManager.RenderActions.RemoveAll(a => a is ScottPlot.Rendering.RenderActions.ClearCanvas);
        return plot;
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        Plot plot = NewPlot();
        plot.Title(title, 11);
        plot.YLabel(yLabel, 9);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Legend.FontSize = 8;
        plot.Legend.Alignment = Alignment.UpperRight;
        return plot;
    }

    private static void Legend(Plot plot, (string Text, Color Color)[] items)
    {
        foreach ((string text, Color color) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text, FillColor = color, LineColor = color });
        }

        // Outside the data area, so it never hides a series.
        plot.ShowLegend(Edge.Right);
    }

    private static Plot ScoreShift(string model, IReadOnlyList<ArtifactTypeProfile> profiles)
    {
        // From the engine's box numbers of every pair, not the lists, which may hold fewer values than the boxes count.
        bool allZero = AllZero(profiles.SelectMany(p => new[] { p.ScoreShiftArtifactBox, p.ScoreShiftPlaceboBox }));
        Plot plot = NewPlot(model + ": score drop per pair, artifact vs placebo", "score drop (original - variant)");
        NoteAllZero(plot, allZero);
        var ticks = new List<(double Position, string Label)>();
        for (int i = 0; i < profiles.Count; i++)
        {
            ArtifactTypeProfile profile = profiles[i];
            double centre = i * 3.0;
            int artifactPoints = AddBox(plot, profile.ScoreShiftArtifactBox, profile.ScoreShiftArtifact, centre - 0.55, ArtifactColor);
            int placeboPoints = AddBox(plot, profile.ScoreShiftPlaceboBox, profile.ScoreShiftPlacebo, centre + 0.55, PlaceboColor);
            ticks.Add((centre, TickLabel(profile, artifactPoints, placeboPoints)));
        }

        plot.Add.HorizontalLine(0, 1, ZeroLine, LinePattern.Dashed);
        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Position)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.SetLimitsX(-1.5, (profiles.Count * 3.0) - 1.5);
        Legend(plot, [("artifact removed", ArtifactColor), ("placebo", PlaceboColor)]);
        return plot;
    }

    /// <summary>
    /// The artifact type, its pairs (artifact / placebo) and, when a box draws fewer points than it has pairs, how many
    /// it draws, so a sampled strip of points is never read as every pair.
    /// </summary>
    internal static string TickLabel(ArtifactTypeProfile profile, int artifactPoints, int placeboPoints)
    {
        int artifactPairs = profile.ScoreShiftArtifactBox.Count;
        int placeboPairs = profile.ScoreShiftPlaceboBox.Count;
        string label = $"{profile.ArtifactType}\nn {Int(artifactPairs)} / {Int(placeboPairs)}";
        return artifactPoints < artifactPairs || placeboPoints < placeboPairs
            ? label + $"\n{SampledLabel} {Int(artifactPoints)} / {Int(placeboPoints)}"
            : label;
    }

    /// <summary>The tick line of a sampled box: "points 200 / 200" under "n 120000 / 118000".</summary>
    public const string SampledLabel = "points";

    /// <summary>Whether a box of <paramref name="box"/>.Count pairs draws fewer points than that (<see cref="PointSample"/>; the engine may keep fewer values than it counted).</summary>
    public static bool IsSampled(BoxSummary box, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return box.Count > 0 && Math.Min(values.Count, PointSample.MaxPoints) < box.Count;
    }

    /// <summary>The box of every pair and beside it at most <see cref="PointSample.MaxPoints"/> of them as points; returns how many points it drew.</summary>
    private static int AddBox(Plot plot, BoxSummary box, IReadOnlyList<double> values, double position, Color color)
    {
        if (box.Count == 0)
        {
            return 0;
        }

        var plottable = plot.Add.Box(new Box
        {
            Position = position,
            BoxMin = box.LowerQuartile,
            BoxMax = box.UpperQuartile,
            BoxMiddle = box.Median,
            WhiskerMin = box.Min,
            WhiskerMax = box.Max,
            Width = 0.8,
        });
        plottable.FillColor = color.WithAlpha(0.3);
        plottable.LineColor = color;

        // Spread sideways by a fixed low-discrepancy sequence (no random jitter), so the same values draw the same page.
        double[] ys = PointSample.Of(values);
        double[] xs = [.. ys.Select((_, k) => position + 0.6 + (0.3 * ((k * 0.6180339887498949) % 1.0)))];
        plot.Add.Plottable(new BoxPoints(xs, ys, color.WithAlpha(0.6), 2.5f));
        return ys.Length;
    }

    private static Plot Layers(string model, IReadOnlyList<ArtifactTypeProfile> profiles, double confidence, bool relativeChange)
    {
        string what = relativeChange ? "relative change" : "inside-share excess";
        Plot plot = NewPlot($"{model}: {what} per layer (mean, {ReportText.ConfidenceLevel(confidence)} CI)", relativeChange ? "relative change ||D|| / ||A||" : what);
        var plotted = new List<double>();
        string[] taps = [.. profiles.SelectMany(p => p.Layers.Select(l => l.Tap)).Distinct(StringComparer.Ordinal)];
        taps = [.. TapOrder.ByDepth(taps)];
        int series = profiles.Count * 2;
        int s = 0;
        var legend = new List<(string, Color)>();
        foreach (ArtifactTypeProfile profile in profiles)
        {
            foreach (bool artifact in new[] { true, false })
            {
                double offset = (s - ((series - 1) / 2.0)) * 0.08;
                var xs = new List<double>();
                var ys = new List<double>();
                var up = new List<double>();
                var down = new List<double>();
                for (int t = 0; t < taps.Length; t++)
                {
                    LayerProfile? layer = profile.Layers.FirstOrDefault(l => l.Tap == taps[t]);
                    if (layer is null)
                    {
                        continue;
                    }

                    Interval value = (relativeChange, artifact) switch
                    {
                        (true, true) => layer.RelativeChangeArtifact,
                        (true, false) => layer.RelativeChangePlacebo,
                        (false, true) => layer.InsideShareExcessArtifact,
                        _ => layer.InsideShareExcessPlacebo,
                    };
                    if (value.IsUndefined)
                    {
                        continue;
                    }

                    xs.Add(t + offset);
                    plotted.AddRange([value.Estimate, value.Low, value.High]);
                    ys.Add(value.Estimate);
                    up.Add(value.High - value.Estimate);
                    down.Add(value.Estimate - value.Low);
                }

                Color color = TypeColor(Array.IndexOf([.. profiles], profile));
                if (xs.Count > 0)
                {
                    var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 5;
                    line.LinePattern = artifact ? LinePattern.Solid : LinePattern.Dashed;
                    line.MarkerShape = artifact ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                    var bars = plot.Add.ErrorBar(xs, ys, up);
                    bars.YErrorPositive = up;
                    bars.YErrorNegative = down;
                    bars.Color = color;
                    legend.Add(($"{profile.ArtifactType}: {(artifact ? "artifact" : "placebo (dashed)")}", color));
                }

                s++;
            }
        }

        NoteAllZero(plot, AllZero(plotted));
        plot.Add.HorizontalLine(0, 1, ZeroLine, LinePattern.Dashed);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, taps.Length).Select(i => (double)i)], taps);
        plot.Axes.SetLimitsX(-0.5, taps.Length - 0.5);
        plot.XLabel("tapped layer, shallow to deep", 9);
        foreach ((string text, Color color) in legend)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text, LineColor = color, LineWidth = 1.5f, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = color, MarkerLineColor = color });
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// The bars of the rates chart: every judged check of a rate metric (pooled over the original detections; not the
    /// score shift, whose unit is a score) that has an estimate, in the model's check order, with the check's own numbers.
    /// </summary>
    public static IReadOnlyList<RateChartBar> RateBars(ModelAuditSummary model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.Checks
            .Where(c => c.Check.Metric != MetricKind.ScoreShift && c.Check.Metric.Definition().Aggregation == MetricAggregation.PooledOverDetections)
            .Where(c => double.IsFinite(c.Estimate) && double.IsFinite(c.Low) && double.IsFinite(c.High))
            .Select(c => new RateChartBar(c.Check.Id, c.ArtifactType, c.Estimate, c.Low, c.High, RateLabel(c.Estimate)))];
    }

    /// <summary>A rate as the checks table prints it (<see cref="ReportNumber"/>).</summary>
    public static string RateLabel(double value) => ReportNumber.Format(value);

    private static Plot Rates(string model, IReadOnlyList<RateChartBar> rates, double confidence)
    {
        bool allZero = AllZero(rates.SelectMany(r => new[] { r.Estimate, r.Low, r.High }));
        Plot plot = NewPlot($"{model}: rate reliance, artifact - placebo ({ReportText.ConfidenceLevel(confidence)} cluster-bootstrap CI)", "per original detection");
        NoteAllZero(plot, allZero);
        var bars = new List<Bar>();
        var ticks = new List<(double Position, string Label)>();
        for (int i = 0; i < rates.Count; i++)
        {
            RateChartBar rate = rates[i];
            bars.Add(new Bar
            {
                Position = i,
                Value = rate.Estimate,
                ValueBase = 0,
                Error = 0,
                FillColor = ArtifactColor.WithAlpha(0.75),
                LineColor = ArtifactColor,
                Size = 0.7,
            });
            ticks.Add((i, $"{rate.CheckId} ({rate.ArtifactType})"));
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars.ToArray());
            double[] xs = [.. Enumerable.Range(0, rates.Count).Select(i => (double)i)];
            double[] ys = [.. rates.Select(r => r.Estimate)];
            var errors = plot.Add.ErrorBar(xs, ys, [.. rates.Select(r => r.High - r.Estimate)]);
            errors.YErrorPositive = [.. rates.Select(r => r.High - r.Estimate)];
            errors.YErrorNegative = [.. rates.Select(r => r.Estimate - r.Low)];
            errors.Color = Colors.Black;
            for (int i = 0; i < rates.Count; i++)
            {
                // The value in print, so the chart's number can be read, and checked, beside the table's.
                var label = plot.Add.Text(rates[i].ValueLabel, i + 0.12, rates[i].High);
                label.LabelFontSize = 8;
                label.LabelAlignment = Alignment.LowerLeft;
            }
        }

        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Position)], [.. ticks.Select(t => t.Label)]);

        // Check ids are long: slanted labels never run into each other, with room below the axis for the longest.
        plot.Axes.Bottom.TickLabelStyle.Rotation = 20;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
        int longest = ticks.Select(t => t.Label.Length).DefaultIfEmpty(0).Max();
        plot.Axes.Bottom.MinimumSize = Math.Min(90, 12 + (2.2f * longest));
        plot.Axes.Right.MinimumSize = Math.Min(170, 4.2f * longest);
        plot.Axes.SetLimitsX(-0.8, Math.Max(1, rates.Count) - 0.2);
        double top = rates.Count == 0 ? 1 : Math.Max(0.05, rates.Max(r => r.High) * 1.25);
        double bottom = rates.Count == 0 ? 0 : Math.Min(0, rates.Min(r => r.Low) * 1.25);
        plot.Axes.SetLimitsY(bottom, Math.Min(1.05, top));
        plot.Add.HorizontalLine(0, 1, ZeroLine);
        return plot;
    }

    /// <summary>True when at least one box has values and every box with values has only zeros.</summary>
    private static bool AllZero(IEnumerable<BoxSummary> boxes)
    {
        BoxSummary[] filled = [.. boxes.Where(b => b.Count > 0)];
        return filled.Length > 0 && filled.All(b => b.Min == 0 && b.Max == 0);
    }

    /// <summary>True when there is at least one value and every one is exactly 0: such a chart shows only flat lines on the zero line.</summary>
    private static bool AllZero(IEnumerable<double> values)
    {
        bool any = false;
        foreach (double value in values)
        {
            if (value != 0)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    // The label an all-zero chart carries in its data area.
    private const string AllZeroLabel = "all values 0";

    // Said on the chart, so a chart of zeros is read as a result and not taken for a drawing that failed. Not in
    // the title: the longer titles already fill the width and would be clipped.
    private static void NoteAllZero(Plot plot, bool allZero)
    {
        if (allZero)
        {
            var note = plot.Add.Annotation(AllZeroLabel, Alignment.UpperCenter);
            note.LabelFontSize = 9;
        }
    }

    /// <summary>One hue per artifact type (in the profiles' order), cycling after six.</summary>
    private static Color TypeColor(int index)
    {
        string[] palette = ["#C62828", "#1565C0", "#2E7D32", "#6A1B9A", "#EF6C00", "#00838F"];
        return Color.FromHex(palette[index % palette.Length]);
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
