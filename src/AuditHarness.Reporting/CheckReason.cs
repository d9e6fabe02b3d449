using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// A check as page 1 of the report, its limitations and <c>summary.md</c> state it: one line with the verdict, estimate,
/// interval and threshold, and for a non-PASS one sentence of why, built from what was measured (the metric's artifact
/// and placebo effects) and the threshold it was judged against. Numbers follow the report's one rule (four decimals); NaN is "n/a".
/// </summary>
public static class CheckReason
{
    /// <summary>
    /// A judged check in one line: <c>FAIL: ruler-score-shift on ruler: 0.441 [0.376, 0.511], threshold max 0.05, n 140</c>
    /// (the verdict with its colon, as in junit.xml, so the line is not mistaken for a row of the checks table).
    /// </summary>
    public static string Line(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return $"{VerdictText.Of(check.Verdict)}: {check.Check.Id} on {check.ArtifactType}: {Number(check.Estimate)} {Interval(check)}, threshold {Threshold(check.Check)}, n {check.Pairs.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The interval as <c>[low, high]</c>, or <c>[n/a]</c> when there is none.</summary>
    public static string Interval(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return double.IsNaN(check.Low) || double.IsNaN(check.High) ? "[n/a]" : $"[{Number(check.Low)}, {Number(check.High)}]";
    }

    /// <summary>The threshold with its direction: <c>max 0.05</c>.</summary>
    public static string Threshold(PolicyCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return (check.Direction == ThresholdDirection.Max ? "max " : "min ") + Number(check.Threshold);
    }

    /// <summary>
    /// Why a check did not pass, in one sentence: what was measured against which threshold and what removing the
    /// artifact did; for a PASS, that it stayed within the threshold.
    /// </summary>
    public static string Why(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        PolicyCheck policy = check.Check;
        string measured = $"{check.ArtifactType} {Words(policy.Metric)}{(policy.Layer is null ? string.Empty : " at " + policy.Layer)} {Number(check.Estimate)} {Interval(check)}";
        string side = policy.Direction == ThresholdDirection.Max ? "above" : "below";
        string other = policy.Direction == ThresholdDirection.Max ? "below" : "above";
        string threshold = Number(policy.Threshold);
        switch (check.Verdict)
        {
            case Verdict.Inconclusive:
            case Verdict.Warn when check.Pairs == 0:
                string verdict = VerdictText.Of(check.Verdict);
                return $"{check.ArtifactType} {Words(policy.Metric)}: no pair had both an artifact and a placebo effect (n = 0), so nothing was measured against the threshold {threshold} ({verdict}{(check.Verdict == Verdict.Warn ? ", as the check's onNoData says" : ", which fails the gate like FAIL")}){(string.IsNullOrWhiteSpace(check.Note) ? string.Empty : "; " + check.Note)}.";
            case Verdict.Fail:
                return $"{measured} is {side} the threshold {threshold} with its whole interval (FAIL): {Effect(check)}.";
            case Verdict.Warn:
                return $"{measured} is {side} the threshold {threshold} but its interval reaches {other} it (WARN: more pairs would decide): {Effect(check)}.";
            default:
                return $"{measured} is within the threshold {threshold} (PASS).";
        }
    }

    /// <summary>What removing the artifact did, in the metric's own terms, beside what the placebo did.</summary>
    private static string Effect(CheckResult check)
    {
        string artifact = check.ArtifactType;
        double a = check.ArtifactEffect, p = check.PlaceboEffect;
        string layer = check.Check.Layer ?? "the layer";
        return check.Check.Metric switch
        {
            MetricKind.ScoreShift => $"removing the {artifact} {(a >= 0 ? "lowers" : "raises")} the detections' own-class scores by {Number(Math.Abs(a))} on average, against {Number(p)} for a neutral patch of the same shape",
            MetricKind.FlipRate => $"removing the {artifact} changes the class of {Percent(a)} of the original detections, against {Percent(p)} for the placebo",
            MetricKind.LostRate => $"removing the {artifact} loses {Percent(a)} of the original detections, against {Percent(p)} for the placebo",
            MetricKind.NewRate => $"removing the {artifact} adds {Number(a)} new detections per original detection, against {Number(p)} for the placebo",
            MetricKind.LayerRelativeChange => $"removing the {artifact} changes {layer}'s activations by {Percent(a)} of their norm, against {Percent(p)} for the placebo",
            MetricKind.LayerInsideShare => $"{Percent(a)} of {layer}'s activation change falls on the {artifact} beyond the region's share of the area, against {Percent(p)} for the placebo",
            MetricKind.OnArtifactRate => $"{Percent(a)} of the original detections have their box at least half on the {artifact}",
            _ => $"artifact effect {Number(a)}, placebo effect {Number(p)}",
        };
    }

    /// <summary>The metric's name in words (<c>score-shift</c> is "score shift").</summary>
    private static string Words(MetricKind metric) => metric.Definition().Name.Replace('-', ' ');

    private static string Percent(double fraction) => double.IsNaN(fraction) ? "n/a" : (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>The report's one number rule (<see cref="Pdf.ReportNumber"/>: four decimals, never an exponent, NaN "n/a"), so page 1, summary.md and the tables print a value alike.</summary>
    public static string Number(double value) => Pdf.ReportNumber.Format(value);
}
