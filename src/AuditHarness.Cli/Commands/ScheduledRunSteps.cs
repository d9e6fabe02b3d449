using AuditHarness.Core.Specs;
using AuditHarness.Engine;
using AuditHarness.Engine.Baseline;
using AuditHarness.Engine.History;
using AuditHarness.Engine.Provenance;
using AuditHarness.Results;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// What <c>run</c> does around the audit for scheduled and gated runs: picks the run folder (a new
/// <c>&lt;UTC timestamp&gt;_&lt;short id&gt;</c> folder under the spec's output root unless <c>--output</c> names one), refuses an
/// incomparable baseline before any pair runs, adds the regression checks and the history to the summary, and
/// appends the run to the root's <c>history.csv</c> once everything is written.
/// </summary>
public static class ScheduledRunSteps
{
    /// <summary>The run folder, and the history root (null with <c>--output</c>: such runs are one-offs outside any history).</summary>
    public static (string Folder, string? HistoryRoot) ChooseFolder(AuditSpec spec, string? outputFolder, DateTimeOffset startUtc)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return outputFolder is not null
            ? (outputFolder, null)
            : (ScheduledRunFolder.NewPath(spec.Output.FullPath, startUtc), spec.Output.FullPath);
    }

    /// <summary>
    /// The history root of a run folder being resumed: the spec's output root when the folder is one of its scheduled
    /// run folders (so the resumed run, when it finishes, adds the row the killed run never got to), else null.
    /// </summary>
    public static string? HistoryRootOfResumed(AuditSpec spec, string runFolder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(runFolder);
        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runFolder));
        string root = Path.TrimEndingDirectorySeparator(spec.Output.FullPath);
        bool scheduled = string.Equals(Path.GetDirectoryName(folder), root, StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(folder), ScheduledRunFolder.NamePattern);
        return scheduled ? root : null;
    }

    /// <summary>Reads the baseline run and checks it can be compared with a run of <paramref name="spec"/>; null without a baseline.</summary>
    public static RecordedRun? ReadBaseline(AuditSpec spec, string? baselineFolder, bool unpaired)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (baselineFolder is null)
        {
            return null;
        }

        RecordedRun baseline = RecordedRunReader.Read(baselineFolder);
        BaselineComparer.EnsureComparable(baseline, RecordedRun.Planned(spec, spec.Output.FullPath), unpaired);
        return baseline;
    }

    /// <summary>
    /// The summary the exporters read: with the regression checks (also written to <c>regressions.csv</c>) and, for a
    /// scheduled run, the history so far plus this run's row. A comparison that turns out impossible only now (e.g.
    /// different pair ids where no dataset digest was recorded) is returned as an error, so the run's own outputs are
    /// still written.
    /// </summary>
    public static (AuditSummary Summary, string? BaselineError) Complete(AuditSpec spec, AuditSummary summary, RecordedRun? baseline, bool unpaired, string? historyRoot, DateTimeOffset finishedUtc)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(summary);
        string? error = null;
        if (baseline is not null)
        {
            try
            {
                BaselineComparison comparison = BaselineComparer.Compare(baseline, RecordedRun.FromSummary(spec, summary), unpaired);
                RegressionTable.Write(comparison, summary.OutputFolder);
                summary = summary with { Baseline = comparison };
            }
            catch (Core.Errors.AuditInputException ex)
            {
                error = ex.Message;
            }
        }

        if (historyRoot is not null)
        {
            summary = summary with { History = [.. RunHistory.ReadOrSetAside(historyRoot, Console.Error.WriteLine), HistoryEntry(summary, finishedUtc)] };
        }

        return (summary, error);
    }

    /// <summary>Appends the finished run to <c>history.csv</c> (after its manifest: a row means a complete run folder).</summary>
    public static void RecordHistory(AuditSummary summary, string? historyRoot)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (historyRoot is not null && summary.History.Count > 0)
        {
            RunHistory.Append(historyRoot, summary.History[^1], Console.Error.WriteLine);
        }
    }

    private static RunHistoryEntry HistoryEntry(AuditSummary summary, DateTimeOffset finishedUtc) =>
        RunHistory.EntryFor(summary, finishedUtc, path => File.Exists(path) ? FileDigest.Compute(path).Sha256 : null);
}
