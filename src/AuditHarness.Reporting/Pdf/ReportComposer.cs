using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Engine;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Turns the frozen summary into the report model: cover, summary table, errors, method, sign-off. It only
/// formats numbers the summary holds (4 significant digits; NaN, meaning no data, as "n/a").
/// </summary>
public static class ReportComposer
{
    /// <summary>How many pair failures the errors section lists; errors.csv has them all.</summary>
    public const int ListedFailures = 20;

    public static readonly IReadOnlyList<string> SummaryHeader = ["model", "artifact", "check", "estimate", "95 % CI", "threshold", "p-value", "n", "verdict"];

    private const uint Green = 0xFF1E8C3A;
    private const uint Amber = 0xFFD08A00;
    private const uint Red = 0xFFC62828;
    private const uint Purple = 0xFF6A1B9A;

    public static ReportDocument Compose(AuditSummary summary, DateTime date)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var blocks = new List<ReportBlock>();
        AddCover(summary, blocks);
        blocks.Add(new PageBreakBlock());
        AddSummaryTable(summary, blocks);
        BaselineSection.Add(summary, blocks);
        HistorySection.Add(summary, blocks);
        AddErrors(summary, blocks);
        AddMethod(blocks);
        AddSignOff(blocks);
        return new ReportDocument("Spurious-feature audit: " + summary.AuditName, "AuditHarness", date, blocks);
    }

    /// <summary>The overall verdict as the report shows it: BROKEN when too many pairs failed, else PASS/WARN/FAIL.</summary>
    public static string OverallVerdict(AuditSummary summary) => summary.IsBroken ? "BROKEN" : ReportText.Verdict(summary.Verdict);

    private static void AddCover(AuditSummary summary, List<ReportBlock> blocks)
    {
        string verdict = OverallVerdict(summary);
        uint color = summary.IsBroken ? Purple : summary.Verdict switch { Verdict.Pass => Green, Verdict.Warn => Amber, _ => Red };
        blocks.Add(new ParagraphBlock("Spurious-feature audit report", 22f, Bold: true));
        blocks.Add(new ParagraphBlock(summary.AuditName, 16f));
        blocks.Add(new ParagraphBlock("Overall verdict", 12f, Bold: true, Color: 0xFF606060));
        blocks.Add(new ParagraphBlock(verdict, 40f, Bold: true, Color: color));
        var entries = new List<KeyValuePair<string, string>>
        {
            new("audit", summary.AuditName),
            new("date", "as recorded by the run"),
            new("maximum error rate", Number(summary.MaxErrorRate)),
        };
        blocks.Add(new KeyValueBlock("audit", entries));
        foreach (ModelAuditSummary model in summary.Models)
        {
            blocks.Add(new KeyValueBlock("model " + model.Model,
            [
                new("model", model.Model),
                new("file", model.ModelPath),
                new("verdict", ReportText.Verdict(model.Verdict)),
                new("pairs", $"{Int(model.PairsAttempted)} attempted, {Int(model.PairsCompleted)} completed, {Int(model.Failures.Count)} failed (error rate {Number(model.ErrorRate)})"),
            ]));
        }
    }

    private static void AddSummaryTable(AuditSummary summary, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Checks"));
        blocks.Add(new ParagraphBlock("One row per model, artifact type and policy check. The estimate is the reliance (artifact effect minus placebo effect, mean over pairs); n counts pairs with a value; n/a means no data."));
        var rows = new List<TableRow>();
        foreach (ModelAuditSummary model in summary.Models)
        {
            foreach (CheckResult check in model.Checks)
            {
                string threshold = (check.Check.Direction == ThresholdDirection.Max ? "max " : "min ") + Number(check.Check.Threshold);
                rows.Add(new TableRow(
                [
                    model.Model,
                    check.ArtifactType,
                    check.Check.Id,
                    Number(check.Estimate),
                    double.IsNaN(check.Low) || double.IsNaN(check.High) ? "n/a" : $"[{Number(check.Low)}, {Number(check.High)}]",
                    threshold,
                    Number(check.PValue),
                    Int(check.Pairs),
                    ReportText.Verdict(check.Verdict),
                ], VerdictFill(check.Verdict)));
            }
        }

        blocks.Add(new TableBlock("checks", SummaryHeader, [1.2f, 1.1f, 1.9f, 0.9f, 1.4f, 1.05f, 0.9f, 0.45f, 0.8f], rows));
    }

    private static void AddErrors(AuditSummary summary, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Errors"));
        blocks.Add(new TableBlock("errors per model", ["model", "pairs attempted", "pairs failed", "error rate", "maximum"],
            [2f, 1f, 1f, 1f, 1f],
            [.. summary.Models.Select(m => new TableRow(
                [m.Model, Int(m.PairsAttempted), Int(m.Failures.Count), Number(m.ErrorRate), Number(summary.MaxErrorRate)],
                m.ErrorRate > summary.MaxErrorRate ? 0xFFF4C7C3 : 0u))]));
        List<PairFailure> failures = [.. summary.Models.SelectMany(m => m.Failures)];
        if (failures.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No pair failed."));
            return;
        }

        blocks.Add(new ParagraphBlock($"The first {Int(Math.Min(ListedFailures, failures.Count))} of {Int(failures.Count)} failed pairs (errors.csv lists them all):"));
        blocks.Add(new TableBlock("failed pairs", ["model", "pair id", "stage", "message"], [1.2f, 1f, 1f, 3.5f],
            [.. failures.Take(ListedFailures).Select(f => new TableRow([f.Model, f.PairId ?? "(none)", f.Stage, f.Message]))]));
    }

    private static void AddMethod(List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Method"));
        string[] sentences =
        [
            "Each image pair holds an original with the artifact and a counterfactual with it removed; a placebo patch of the artifact's shape, put where it covers nothing of interest, is the control. The reliance estimate of a check is the artifact effect minus the placebo effect, averaged over pairs, so changes any edit would cause are subtracted.",
            "score shift: how much the scores of the original's detections drop when the artifact is removed.",
            "flip rate: the share of the original's detections whose class changes when the artifact is removed.",
            "lost rate: the share of the original's detections that disappear when the artifact is removed.",
            "new rate: new detections per original detection when the artifact is removed.",
            "layer relative change: at one tapped layer, how much the activations change relative to their size.",
            "layer inside share: at one tapped layer, the share of the activation change that falls on the artifact region beyond the region's share of the area.",
            "on-artifact rate: the share of the original's detections whose box is at least half covered by the artifact.",
            "Verdict rule: a check FAILs when its whole 95 % confidence interval is on the wrong side of the threshold, WARNs when only the point estimate is (or when there is no data), and PASSes otherwise. The audit is BROKEN when a model's share of failed pairs exceeds the maximum error rate.",
            "Statistics: the interval is a percentile bootstrap over pairs; the p-value is the one-sided Wilcoxon signed-rank test of artifact against placebo effects; pooled rates carry a Wilson interval.",
        ];
        foreach (string sentence in sentences)
        {
            blocks.Add(new ParagraphBlock(sentence));
        }
    }

    private static void AddSignOff(List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Sign-off"));
        const string blank = "______________________________";
        blocks.Add(new KeyValueBlock("sign-off",
        [
            new("prepared by", blank),
            new("reviewed by", blank),
            new("date", blank),
        ]));
    }

    private static uint VerdictFill(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0xFFDFF2E1,
        Verdict.Warn => 0xFFFFF1CC,
        _ => 0xFFF8D7D5,
    };

    private static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
