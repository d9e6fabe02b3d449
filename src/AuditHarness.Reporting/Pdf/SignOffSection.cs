using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Sign-off": what signing means, then a name, date and signature line for each of author, reviewer and approver,
/// with the document id the signatures bind to.
/// </summary>
public static class SignOffSection
{
    /// <summary>The roles that sign, in signing order.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["author", "reviewer", "approver"];

    public const string Meaning = "By signing, each person confirms for their role that they have read this document in full, that it reports the run named in the footer, and that the verdicts, limitations and deviations stated in it are accepted as the basis of the release decision; the approver's signature is that decision.";

    private const string Blank = "______________________________";

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        blocks.Add(new HeadingBlock("Sign-off"));
        blocks.Add(new ParagraphBlock($"Document {ReportIdentity.DocumentId(summary)}, revision {ReportIdentity.Revision}. {Meaning}"));
        foreach (string role in Roles)
        {
            blocks.Add(new ParagraphBlock(role, 10f, Bold: true));
            blocks.Add(new KeyValueBlock("sign-off " + role,
            [
                new("name", Blank),
                new("date", Blank),
                new("signature", Blank),
            ], 10f, 115f));
        }
    }
}
