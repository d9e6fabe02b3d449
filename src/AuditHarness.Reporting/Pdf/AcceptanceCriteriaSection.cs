using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Acceptance criteria": each policy check once, what it measures on which artifact types and its limit, the policy's
/// description of it, and its rationale (why the threshold is where it is: the policy's <c>checks[].rationale</c>).
/// </summary>
public static class AcceptanceCriteriaSection
{
    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        PolicyCheck[] checks = [.. summary.Models.SelectMany(m => m.Checks).Select(c => c.Check).DistinctBy(c => c.Id)];
        if (checks.Length == 0)
        {
            return;
        }

        string policy = summary.Provenance is { } provenance ? $" (policy {provenance.PolicyName})" : string.Empty;
        blocks.Add(new HeadingBlock("Acceptance criteria" + policy));
        blocks.Add(new ParagraphBlock("Each criterion bounds a reliance (artifact effect minus placebo effect) by its threshold, judged by the verdict rule of the method; the rationale is the policy's own reason for the threshold."));
        foreach (PolicyCheck check in checks)
        {
            blocks.Add(new ParagraphBlock(Criterion(check)));
            blocks.Add(new ParagraphBlock("Rationale: " + (string.IsNullOrWhiteSpace(check.Rationale) ? "none given (policy checks[].rationale)." : check.Rationale.Trim()), 9f, Color: 0xFF404040));
        }
    }

    /// <summary>One sentence per check: what it measures, on which artifacts, and its limit; then the policy's own description.</summary>
    public static string Criterion(PolicyCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        string types = check.ArtifactTypes.Contains(PolicyCheck.AllArtifactTypes) ? "every artifact type" : string.Join(", ", check.ArtifactTypes);
        string layer = check.Layer is null ? string.Empty : " at " + check.Layer;
        string limit = check.Direction == ThresholdDirection.Max ? "at most" : "at least";
        string description = string.IsNullOrWhiteSpace(check.Description) ? string.Empty : " " + check.Description.Trim();
        string noData = check.OnNoData == NoDataVerdict.Warn ? " Without data (n = 0) it is WARN, not INCONCLUSIVE." : string.Empty;
        return $"{check.Id}: the reliance in {check.Metric.Definition().Name}{layer} on {types} must be {limit} {CheckReason.Number(check.Threshold)}.{description}{noData}";
    }
}
