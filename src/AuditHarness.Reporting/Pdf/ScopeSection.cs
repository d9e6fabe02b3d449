using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Intended use and scope": the spec's description (what the audit is for), the policy's (what its acceptance
/// criteria are for), which models are judged and which are references, which artifact types were judged, and what
/// the audit does not cover.
/// </summary>
public static class ScopeSection
{
    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        AuditProvenance? provenance = summary.Provenance;
        string policy = provenance?.PolicyDescription is { Length: > 0 } text ? text.Trim() : "not stated (the policy has no description)";
        string[] audited = [.. summary.Models.Where(m => m.Role == ModelRole.Audited).Select(m => m.Model)];
        string[] references = [.. summary.Models.Where(m => m.Role == ModelRole.Reference).Select(m => m.Model)];
        string[] types = [.. summary.Models.SelectMany(m => m.Checks).Select(c => c.ArtifactType).Distinct(StringComparer.Ordinal)];
        blocks.Add(new HeadingBlock("Intended use and scope"));
        blocks.Add(new KeyValueBlock("scope",
        [
            new("intended use", FrontPageSection.IntendedUse(summary)),
            new("policy", provenance is null ? policy : $"{provenance.PolicyName}: {policy}"),
            new("models judged", audited.Length == 0 ? "none" : string.Join(", ", audited)),
            new("reference models", references.Length == 0 ? "none" : string.Join(", ", references) + " (controls of known behaviour; shown, decide nothing)"),
            new("artifact types judged", types.Length == 0 ? "none" : string.Join(", ", types)),
            new("acceptance criteria", $"{summary.Models.SelectMany(m => m.Checks).Select(c => c.Check.Id).Distinct(StringComparer.Ordinal).Count().ToString(System.Globalization.CultureInfo.InvariantCulture)} policy checks, each with its rationale under Acceptance criteria"),
        ], 9f, 115f));
        blocks.Add(new ParagraphBlock("Out of scope: the audit measures how much the models rely on the listed artifact types, on this dataset, with the policy's checks. It does not measure accuracy, calibration or robustness in general, nor reliance on features it was not given pairs for; a PASS means no reliance above the thresholds was found on these pairs, not that none exists."));
    }
}
