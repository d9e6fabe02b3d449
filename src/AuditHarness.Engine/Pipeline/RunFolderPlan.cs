using System.Globalization;
using System.Text.RegularExpressions;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.History;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// Where a run writes and whether it joins a history, settled before any pair runs: a resumed run goes on in its own
/// folder (keeping its place in the history when it is a scheduled run folder), a shard in its <c>-shard-i-of-n</c>
/// folder, a run with an output folder exactly there, and any other run in a new scheduled folder under the spec's
/// output root.
/// </summary>
/// <param name="Folder">The run folder.</param>
/// <param name="HistoryRoot">The output root whose <c>history.csv</c> gains the run's row; null for a one-off run.</param>
/// <param name="FinishedBefore">Set when the folder to resume holds a run or shard that already finished: nothing is left to do.</param>
internal sealed record RunFolderPlan(string Folder, string? HistoryRoot, FinishedRun? FinishedBefore = null)
{
    public static RunFolderPlan For(AuditSpec spec, AuditPipelineOptions options, DateTimeOffset startUtc)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        string? output = options.OutputFolder;
        if (options.ResumeFolder is not { } resume)
        {
            if (options.Shard is { } shard)
            {
                return new RunFolderPlan(output ?? DefaultShardFolder(spec, shard), null);
            }

            return output is not null
                ? new RunFolderPlan(output, null)
                : new RunFolderPlan(ScheduledRunFolder.NewPath(spec.Output.FullPath, startUtc), spec.Output.FullPath);
        }

        if (output is not null && Path.GetFullPath(output).TrimEnd('/') != Path.GetFullPath(resume).TrimEnd('/'))
        {
            throw new AuditInputException($"Options '--output' ('{output}') and '--resume' ('{resume}') name different folders; a resumed run goes on in its own folder.");
        }

        // A resumed scheduled run keeps its place in the history: it gets the row its first attempt did not live to add.
        var plan = new RunFolderPlan(resume, HistoryRootOfResumed(spec, resume));
        JournalContents? journal = Directory.Exists(resume) ? RunJournal.Read(resume) : null;
        if (journal?.Header is not { } header)
        {
            options.Log?.WriteLine($"note: '{resume}' holds no run journal; starting the run from the beginning there.");
            return plan;
        }

        string specSha256 = FileDigest.Compute(spec.Source.FullPath).Sha256;
        if (header.SpecSha256 != specSha256)
        {
            throw new AuditInputException($"Option '--resume': '{resume}' is a run of another spec ('{header.Spec}', sha256 {header.SpecSha256[..12]}…; '{spec.Source.FullPath}' has sha256 {specSha256[..12]}…); resume it with the spec it was started with.");
        }

        bool finished = journal.IsSealed && !File.Exists(Path.Combine(resume, RunJournal.PartialFileName));
        if (finished && options.Shard is { } asked && Equals(header.Shard, asked))
        {
            return plan with { FinishedBefore = new FinishedRun(resume, asked, journal.RecordCount, null) };
        }

        if (finished && options.Shard is null && header.Shard is null && journal.Completion is { } done && ManifestCoversJournal(resume, journal.Path))
        {
            return plan with { FinishedBefore = new FinishedRun(resume, null, journal.RecordCount, done) };
        }

        return plan;
    }

    /// <summary>The folder a shard writes to when no output folder is given.</summary>
    public static string DefaultShardFolder(AuditSpec spec, ShardSpec shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{spec.Output.FullPath.TrimEnd(Path.DirectorySeparatorChar)}-shard-{shard.Index}-of-{shard.Count}");

    /// <summary>
    /// The history root of a run folder being resumed: the spec's output root when the folder is one of its scheduled
    /// run folders (so the resumed run, when it finishes, adds the row the killed run never got to), else null.
    /// </summary>
    private static string? HistoryRootOfResumed(AuditSpec spec, string runFolder)
    {
        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runFolder));
        string root = Path.TrimEndingDirectorySeparator(spec.Output.FullPath);
        bool scheduled = string.Equals(Path.GetDirectoryName(folder), root, StringComparison.Ordinal)
            && Regex.IsMatch(Path.GetFileName(folder), ScheduledRunFolder.NamePattern);
        return scheduled ? root : null;
    }

    /// <summary>
    /// Whether the folder's <c>run-manifest.json</c> was written after this journal was sealed (it records the journal's
    /// SHA-256), so the run got to its very end; a manifest left by an older run in the same folder does not count, nor
    /// one that lists failed exports (the run is then finished again, which writes them).
    /// </summary>
    internal static bool ManifestCoversJournal(string folder, string journalPath)
    {
        string manifestPath = Path.Combine(folder, RunManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        RunManifest manifest;
        try
        {
            manifest = RunManifestJson.Read(manifestPath);
        }
        catch (AuditInputException)
        {
            return false; // unreadable: finish the run again, which rewrites it
        }

        RecordedOutput? recorded = manifest.Outputs.FirstOrDefault(o => o.Path == RunJournal.FileName);
        return manifest.IsSealed && recorded is not null && recorded.Fingerprint == FileDigest.Compute(journalPath);
    }
}
