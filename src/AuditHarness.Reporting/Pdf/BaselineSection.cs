using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Change since baseline": the regression checks of a run compared with a baseline run, as a table (one row per
/// model, artifact type and check) and a chart of each change with its interval against the tolerance. Absent
/// when the run had no baseline.
/// </summary>
public static class BaselineSection
{
    /// <summary>The table's header; the interval's column names <paramref name="confidence"/>.</summary>
    public static IReadOnlyList<string> Header(double confidence) => ["model", "artifact", "check", "baseline", "now", "change", ReportText.ConfidenceLevel(confidence) + " CI", "tolerance", "n", "verdict"];

    /// <summary>Rows the chart shows at most (the table lists all).</summary>
    public const int ChartedResults = 40;

    private const float RowHeight = 11f;
    private const float LabelWidth = 190f;
    private const float AxisHeight = 16f;
    private const float CaptionHeight = 14f;

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        if (summary.Baseline is not { } comparison)
        {
            return;
        }

        blocks.Add(new HeadingBlock("Change since baseline"));
        blocks.Add(new ParagraphBlock(
            $"Baseline run: {comparison.BaselineFolder} (audit '{comparison.BaselineAuditName}'), compared {(comparison.Paired ? "on the same dataset, subject by subject" : "as independent samples (unpaired: the datasets differ)")}. " +
            $"Baseline and now are the two runs' estimates of the check, pooled as in their checks tables (over the original detections for the detection metrics, a mean over pairs for the layer metrics); the change is now minus baseline, with its {ReportText.ConfidenceLevel(comparison.Confidence)} cluster-bootstrap interval ({(comparison.Paired ? "each resample draws the same subjects for both runs and recomputes both estimates" : "each run's subjects resampled on their own")}). A check FAILs as a regression when the whole interval is worse than the policy's tolerance (above it for a maximum), WARNs when only the change is, and PASSes otherwise. " +
            $"Verdict of the comparison: {VerdictText.Of(comparison.Verdict)}."));
        blocks.Add(new TableBlock("change since baseline", Header(comparison.Confidence), [1.1f, 1f, 1.9f, 0.8f, 0.8f, 0.8f, 1.3f, 0.8f, 0.45f, 0.75f],
            [.. comparison.Results.Select(r => new TableRow(
            [
                r.Model == r.BaselineModel ? r.Model : $"{r.Model} (vs {r.BaselineModel})",
                r.ArtifactType,
                r.Check.Id,
                Number(r.BaselineEstimate),
                Number(r.CandidateEstimate),
                Number(r.Change),
                double.IsNaN(r.Low) || double.IsNaN(r.High) ? "n/a" : $"[{Number(r.Low)}, {Number(r.High)}]",
                (r.Check.Direction == ThresholdDirection.Max ? "+" : "-") + Number(r.Check.RegressionTolerance),
                r.Pairs.ToString(CultureInfo.InvariantCulture),
                VerdictText.Of(r.Verdict),
            ], Fill(r.Verdict)))]));

        RegressionResult[] charted = [.. comparison.Results.Where(r => double.IsFinite(r.Change) && double.IsFinite(r.Low) && double.IsFinite(r.High)).Take(ChartedResults)];
        if (charted.Length > 0)
        {
            blocks.Add(Chart(charted));
        }
    }

    private static FigureBlock Chart(IReadOnlyList<RegressionResult> results)
    {
        double low = Math.Min(0, results.Min(r => Math.Min(r.Low, r.Limit)));
        double high = Math.Max(0, results.Max(r => Math.Max(r.High, r.Limit)));
        if (high - low < 1e-12)
        {
            (low, high) = (low - 0.01, high + 0.01);
        }

        double pad = (high - low) * 0.05;
        (low, high) = (low - pad, high + pad);
        float plotLeft = LabelWidth, plotWidth = FigureBlock.FigureWidth - LabelWidth - 4f;
        float X(double value) => plotLeft + (float)((value - low) / (high - low) * plotWidth);
        float height = CaptionHeight + (results.Count * RowHeight) + AxisHeight;
        var shapes = new List<FigureShape>
        {
            // The caption is part of the figure so that it never ends up on another page than the chart.
            new(0, 9f, 0, 0, 0, Text: "Change with its interval (bar), the estimate (dark mark), zero (grey line) and the tolerance on the worse side (red line):", TextSize: 8f),
            new(plotLeft, CaptionHeight, plotWidth, results.Count * RowHeight, 0xFFF7F7F7, 0xFFAAAAAA),
            new(X(0) - 0.4f, CaptionHeight, 0.8f, results.Count * RowHeight, 0xFF909090),
        };
        for (int i = 0; i < results.Count; i++)
        {
            RegressionResult r = results[i];
            float top = CaptionHeight + (i * RowHeight);
            shapes.Add(new FigureShape(0, top + 8f, 0, 0, 0, Text: Truncate($"{r.Model} {r.ArtifactType} {r.Check.Id}", 48), TextSize: 6.5f));
            shapes.Add(new FigureShape(X(r.Limit) - 0.6f, top + 1f, 1.2f, RowHeight - 2f, 0xFFC62828));
            float left = X(r.Low), right = Math.Max(X(r.High), left + 1f);
            shapes.Add(new FigureShape(left, top + 3.5f, right - left, RowHeight - 7f, BarColor(r.Verdict)));
            shapes.Add(new FigureShape(X(r.Change) - 1.5f, top + 2f, 3f, RowHeight - 4f, 0xFF202020));
        }

        float axis = CaptionHeight + (results.Count * RowHeight);
        var placed = new List<float>();
        foreach (double tick in new[] { 0.0, low + pad, high - pad })
        {
            // Labels closer than 40 pt to one already placed would overlap it.
            if (placed.All(x => Math.Abs(x - X(tick)) >= 40f))
            {
                placed.Add(X(tick));
                shapes.Add(new FigureShape(X(tick) - 8f, axis + 10f, 0, 0, 0, Text: Number(tick), TextSize: 6.5f, TextColor: 0xFF606060));
            }
        }

        return new FigureBlock("change since baseline", height, shapes);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";

    private static uint BarColor(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0xFF7CC08A,
        Verdict.Warn => 0xFFE8B84A,
        _ => 0xFFE57368,
    };

    private static uint Fill(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0xFFDFF2E1,
        Verdict.Warn => 0xFFFFF1CC,
        _ => 0xFFF8D7D5,
    };

    private static string Number(double value) => ReportNumber.Format(value);
}
