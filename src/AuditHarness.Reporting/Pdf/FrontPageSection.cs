using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Page 1 under the overall verdict: document id, run id and intended use, then per model its role and verdict and
/// every check that did not pass, one line each (estimate, interval, threshold) with one sentence of why, so a
/// reviewer can act on page 1 alone. A reference model is marked so and said to decide nothing.
/// </summary>
public static class FrontPageSection
{
    private const float LineSize = 8.5f;
    private const uint Green = 0xFF1E8C3A;
    private const uint Amber = 0xFFB07500;
    private const uint Red = 0xFFC62828;
    private const uint Purple = 0xFF6A1B9A;
    private const uint Grey = 0xFF404040;

    /// <summary>Hex digits of the dataset digest page 1 shows; the Dataset section has all 64.</summary>
    public const int ShortDigestLength = 16;

    /// <summary>The dataset digest cut to <see cref="ShortDigestLength"/> digits, pointing to the full value.</summary>
    public static string DatasetDigestText(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Provenance?.DatasetDigest is { } digest
            ? $"{digest[..ShortDigestLength]}... (in full under Dataset)"
            : "not recorded (summary made outside a run)";
    }

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        blocks.Add(new KeyValueBlock("document",
        [
            new("document", $"{ReportIdentity.DocumentId(summary)}, revision {ReportIdentity.Revision.ToString(CultureInfo.InvariantCulture)}"),
            new("run id", ReportIdentity.RunIdText(summary)),
            new("dataset digest", DatasetDigestText(summary)),
            new("intended use", IntendedUse(summary)),
        ], 9f, 90f));

        ModelAuditSummary[] references = [.. summary.Models.Where(m => m.Role == ModelRole.Reference)];
        if (references.Length > 0)
        {
            string audited = string.Join(", ", summary.Models.Where(m => m.Role == ModelRole.Audited).Select(m => m.Model));
            blocks.Add(new ParagraphBlock($"The overall verdict is decided by the audited model(s) {audited} only. {string.Join(", ", references.Select(m => m.Model))} {(references.Length == 1 ? "is a reference model" : "are reference models")}: a control of known behaviour whose verdict shows the audit can tell a reliant model from a sound one, and decides nothing.", 9f));
        }

        foreach (ModelAuditSummary model in summary.Models)
        {
            CheckResult[] open = [.. model.Checks.Where(c => c.Verdict != Verdict.Pass)];
            string role = model.Role == ModelRole.Reference ? " (reference, decides nothing)" : string.Empty;
            string count = open.Length == 0
                ? $"all {Int(model.Checks.Count)} checks pass"
                : $"{Int(open.Length)} of {Int(model.Checks.Count)} checks not passed";
            blocks.Add(new ParagraphBlock($"{model.Model}{role}: {VerdictText.Of(model.Verdict)}, {count}", 11f, Bold: true, Color: Colour(model.Verdict)));
            foreach (CheckResult check in open)
            {
                blocks.Add(new ParagraphBlock(CheckReason.Line(check), LineSize, Bold: true, Color: Colour(check.Verdict)));
                blocks.Add(new ParagraphBlock("Why: " + CheckReason.Why(check), LineSize, Color: Grey));
            }
        }

        if (summary.IsBroken)
        {
            blocks.Add(new ParagraphBlock($"BROKEN: a model's share of failed pairs exceeds the maximum error rate {CheckReason.Number(summary.MaxErrorRate)}, so the verdicts above rest on too few pairs (see Errors).", 9f, Bold: true, Color: Purple));
        }
    }

    /// <summary>The spec's description, the audit's stated intended use; said to be missing when the spec has none.</summary>
    public static string IntendedUse(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string? description = summary.Provenance?.Description;
        return string.IsNullOrWhiteSpace(description) ? "not stated (the spec has no description)" : description.Trim();
    }

    private static uint Colour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => Green,
        Verdict.Warn => Amber,
        Verdict.Inconclusive => Purple,
        _ => Red,
    };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
