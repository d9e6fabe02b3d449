using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// The report's document id and revision, printed on page 1, in every page footer and in <c>summary.md</c>:
/// <c>AH-&lt;audit name&gt;-&lt;the run id's 8 hex digits&gt;</c>, so a signed copy names the run it came from. Every run is
/// a new document; the revision counts only changes to how the harness writes the report of one run, so it is 1.
/// </summary>
public static class ReportIdentity
{
    public const int Revision = 1;

    /// <summary>The document id; without a run id (a summary made outside a run), <c>AH-&lt;audit name&gt;</c>.</summary>
    public static string DocumentId(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int underscore = summary.RunId.LastIndexOf('_');
        string shortId = underscore >= 0 ? summary.RunId[(underscore + 1)..] : summary.RunId;
        return shortId.Length == 0 ? "AH-" + summary.AuditName : $"AH-{summary.AuditName}-{shortId}";
    }

    /// <summary>The footer line of every page: document id and revision.</summary>
    public static string Footer(AuditSummary summary) => $"{DocumentId(summary)} rev. {Revision}";

    /// <summary>The run id as printed: the summary's, or a note that the summary was made outside a run.</summary>
    public static string RunIdText(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.RunId.Length == 0 ? "not recorded (summary made outside a run)" : summary.RunId;
    }
}
