using System.Globalization;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "History": the runs recorded in the output root's <c>history.csv</c> (this run last): a table of the latest runs
/// and, per key metric (each check's estimate), a trend strip with one mark per run, scaled to that metric's own
/// range. Absent when the run kept no history (a run with <c>--output</c>).
/// </summary>
public static class HistorySection
{
    /// <summary>Runs the table lists (the newest), and metrics the trend chart shows.</summary>
    public const int ListedRuns = 15;

    public const int ChartedMetrics = 40;

    private const float StripHeight = 12f;
    private const float LabelWidth = 190f;
    private const float ValueWidth = 60f;
    private const float CaptionHeight = 14f;

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        IReadOnlyList<RunHistoryEntry> history = summary.History;
        if (history.Count == 0)
        {
            return;
        }

        blocks.Add(new HeadingBlock("History"));
        blocks.Add(new ParagraphBlock($"{Int(history.Count)} finished run(s) under this output root (history.csv), the newest last; this run is the last row."));
        blocks.Add(new TableBlock("history", ["finished (UTC)", "run", "verdict", "pairs", "failed checks", "warned checks", "regressions"], [1.5f, 2f, 0.8f, 0.7f, 0.8f, 0.8f, 0.8f],
            [.. history.TakeLast(ListedRuns).Select(h => new TableRow(
            [
                h.FinishedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                h.Run,
                h.Verdict,
                Int(h.PairsCompleted),
                Int(h.FailedChecks),
                Int(h.WarnedChecks),
                Int(h.Regressions),
            ]))]));

        string[] keys = [.. history[^1].KeyMetrics.Where(kv => double.IsFinite(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal).Take(ChartedMetrics)];
        if (keys.Length > 0 && history.Count > 1)
        {
            blocks.Add(Trend(history, keys));
        }
    }

    private static FigureBlock Trend(IReadOnlyList<RunHistoryEntry> history, IReadOnlyList<string> keys)
    {
        float plotLeft = LabelWidth, plotWidth = FigureBlock.FigureWidth - LabelWidth - ValueWidth - 8f;
        var shapes = new List<FigureShape>
        {
            new(0, 9f, 0, 0, 0, Text: "Trend of each check's estimate (oldest run left, this run right in red; each strip scaled to the range printed beside it):", TextSize: 8f),
        };
        for (int k = 0; k < keys.Count; k++)
        {
            float top = CaptionHeight + (k * StripHeight);
            double[] values = [.. history.Select(h => h.KeyMetrics.TryGetValue(keys[k], out double v) ? v : double.NaN)];
            double[] finite = [.. values.Where(double.IsFinite)];
            double min = finite.Min(), max = finite.Max();
            shapes.Add(new FigureShape(0, top + 8.5f, 0, 0, 0, Text: keys[k].Replace('|', ' '), TextSize: 6.5f));
            shapes.Add(new FigureShape(plotLeft, top + 1f, plotWidth, StripHeight - 2f, 0xFFF7F7F7, 0xFFCCCCCC));
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    continue;
                }

                float x = plotLeft + 3f + ((plotWidth - 6f) * (values.Length == 1 ? 0.5f : (float)i / (values.Length - 1)));
                float fraction = max > min ? (float)((values[i] - min) / (max - min)) : 0.5f;
                float y = top + 1f + ((StripHeight - 2f - 3f) * (1f - fraction));
                shapes.Add(new FigureShape(x - 1.5f, y, 3f, 3f, i == values.Length - 1 ? 0xFFC62828 : 0xFF1F4E79));
            }

            shapes.Add(new FigureShape(plotLeft + plotWidth + 4f, top + 8.5f, 0, 0, 0, Text: $"{Number(min)}..{Number(max)}", TextSize: 6f, TextColor: 0xFF606060));
        }

        return new FigureBlock("history trend", CaptionHeight + (keys.Count * StripHeight), shapes);
    }

    private static string Number(double value) => ReportNumber.Format(value);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
