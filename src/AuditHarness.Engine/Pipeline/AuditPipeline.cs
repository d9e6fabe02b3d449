using System.Diagnostics;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Baseline;
using AuditHarness.Engine.History;
using AuditHarness.Engine.Provenance;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// A run from spec to finished run folder, in one call for any host: the pairs through the models (<see cref="AuditRunner"/>),
/// then the finishing steps every finished run goes through in this order — the regression checks against a baseline
/// (<c>regressions.csv</c>), the history so far, the exports (<c>junit.xml</c>, <c>summary.json</c>, <c>report.pdf</c>),
/// the provenance manifest (<c>run-manifest.json</c>, last, as it hashes every output) and the run's
/// <c>history.csv</c> row (after the manifest: a row means a complete run folder). A merge of shards and a comparison
/// of two runs end through the same steps. The summary is completed here, once, before any exporter reads it.
/// </summary>
public static class AuditPipeline
{
    /// <summary>Runs <paramref name="spec"/> (or resumes it, or runs one shard of it) and finishes its run folder.</summary>
    /// <exception cref="AuditInputException">Bad input stopped the run before any output of a pair was written (a bad
    /// baseline, resume folder or spec, an unreadable manifest or model).</exception>
    public static AuditPipelineResult Run(AuditSpec spec, AuditPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new AuditPipelineOptions();

        // A bad or incomparable baseline is refused before any pair runs; the pair files it hashed are not read twice.
        var fingerprints = new FingerprintCache();
        RecordedRun? baseline = ReadBaseline(spec, options.BaselineFolder, options.Unpaired, fingerprints);
        if (options.Force && (options.OutputFolder is null || options.ResumeFolder is not null || options.Shard is not null))
        {
            throw new AuditInputException("Option '--force' empties the '--output' folder before a fresh run: it needs '--output' and does not go with '--resume' or '--shard'.");
        }

        if (options.Force)
        {
            RunFolderGuard.EnsureSafeToEmpty(spec, options.OutputFolder!); // before the lock file is made in it
        }

        DateTimeOffset startUtc = DateTimeOffset.UtcNow;
        RunFolderPlan plan = RunFolderPlan.For(spec, options, startUtc);
        if (plan.FinishedBefore is { } finished)
        {
            return new AuditPipelineResult(finished.Folder) { FinishedBefore = finished };
        }

        // One run per folder: a second run (or resume) into it is refused at once, naming the holder. The check of what
        // the folder holds comes under the lock, so no other run can change it in between.
        using RunFolderLock folderLock = RunFolderLock.Acquire(plan.Folder, startUtc);
        if (options.ResumeFolder is null && options.OutputFolder is not null && options.Shard is null)
        {
            RunFolderGuard.Prepare(spec, plan.Folder, options.Force, options.Log);
        }

        try
        {
            return RunInFolder(spec, options, plan, baseline, fingerprints.Count == 0 ? null : fingerprints);
        }
        catch (IOException ex) when (DiskFullException.IsDiskFull(ex))
        {
            throw new DiskFullException(plan.Folder, $"go on with 'run {spec.Source.Text} --resume {plan.Folder}'", ex);
        }
    }

    private static AuditPipelineResult RunInFolder(AuditSpec spec, AuditPipelineOptions options, RunFolderPlan plan, RecordedRun? baseline, FingerprintCache? fingerprints)
    {

        var runOptions = new AuditRunOptions
        {
            OutputFolder = plan.Folder,
            IntraOpThreads = options.IntraOpThreads,
            Workers = options.Workers,
            StageTimings = options.StageTimings,
            Resume = options.ResumeFolder is not null,
            Progress = options.Progress,
            InputFingerprints = fingerprints,
        };
        long start = Stopwatch.GetTimestamp();
        if (options.Shard is { } shard)
        {
            ShardRunResult part = AuditRunner.RunShard(spec, shard, runOptions);
            TimeSpan shardTime = Stopwatch.GetElapsedTime(start);
            options.PairsFinished?.Invoke();
            return new AuditPipelineResult(part.Folder) { Shard = part, RunTime = shardTime };
        }

        AuditSummary summary = AuditRunner.Run(spec, runOptions);
        TimeSpan runTime = Stopwatch.GetElapsedTime(start);
        options.PairsFinished?.Invoke();
        return Finish(spec, summary, baseline, options.Unpaired, plan.HistoryRoot, options.Log, options.Exporters) with { RunTime = runTime };
    }

    /// <summary>Merges the shards of a run (<see cref="ShardMerger"/>) into <paramref name="outputFolder"/> and finishes it as a single run.</summary>
    /// <param name="specPath">The spec to judge with; null loads the one the shards recorded.</param>
    /// <param name="log">Receives warnings for the operator, one line each (a failed export is in the result's <see cref="AuditPipelineResult.Exports"/>).</param>
    /// <param name="exporters">The exporters to run; null: <see cref="CompositeExporter.CreateDefault"/>.</param>
    public static AuditPipelineResult Merge(IReadOnlyList<string> shardFolders, string outputFolder, string? specPath = null, TextWriter? log = null, CompositeExporter? exporters = null)
    {
        try
        {
            MergeResult merged = ShardMerger.Merge(shardFolders, outputFolder, specPath);
            return Finish(merged.Spec, merged.Summary, baseline: null, unpaired: false, historyRoot: null, log, exporters);
        }
        catch (IOException ex) when (DiskFullException.IsDiskFull(ex))
        {
            throw new DiskFullException(outputFolder, "run the same merge again", ex);
        }
    }

    /// <summary>
    /// The regression checks of one finished run against another, from their folders: writes <c>regressions.csv</c> and
    /// the exports of a summary that holds only the comparison into <paramref name="outputFolder"/>, by default
    /// <c>compare-&lt;candidate&gt;-vs-&lt;baseline&gt;</c> beside the candidate (never inside it: its manifest would no longer match).
    /// </summary>
    /// <param name="log">Kept for hosts that pass one; a failed export is in the result's <see cref="AuditPipelineResult.Exports"/>.</param>
    /// <param name="exporters">The exporters to run; null: <see cref="CompositeExporter.CreateDefault"/>.</param>
    public static AuditPipelineResult Compare(
        string baselineFolder, string candidateFolder, string? outputFolder = null, bool unpaired = false, TextWriter? log = null, CompositeExporter? exporters = null)
    {
        RecordedRun baseline = RecordedRunReader.Read(baselineFolder);
        RecordedRun candidate = RecordedRunReader.Read(candidateFolder);
        BaselineComparison comparison = BaselineComparer.Compare(baseline, candidate, unpaired);

        string folder = outputFolder ?? Path.Combine(
            Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(candidate.Folder))!,
            $"compare-{Path.GetFileName(Path.TrimEndingDirectorySeparator(candidate.Folder))}-vs-{Path.GetFileName(Path.TrimEndingDirectorySeparator(baseline.Folder))}");
        try
        {
            OutputFolder.Open(folder, () =>
            {
                RegressionTable.Write(comparison, folder);
                return folder;
            });
        }
        catch (AuditInputException ex) when (ex.InnerException is IOException io && DiskFullException.IsDiskFull(io))
        {
            // A full disk is not bad input: the comparison can be run again once there is space.
            throw new DiskFullException(folder, "run the same compare again", io);
        }

        // The comparison alone, as a summary without models: the exporters then show only the regression checks.
        var summary = new AuditSummary(candidate.AuditName, folder, candidate.MaxErrorRate, []) { Baseline = comparison, Bootstrap = candidate.Bootstrap };
        (ExportReport exports, TimeSpan exportTime) = Export(summary, exporters);
        return new AuditPipelineResult(folder) { Summary = summary, Exports = exports, ExportTime = exportTime };
    }

    /// <summary>Reads the baseline run and checks it can be compared with a run of <paramref name="spec"/>; null without a baseline.</summary>
    private static RecordedRun? ReadBaseline(AuditSpec spec, string? baselineFolder, bool unpaired, FingerprintCache fingerprints)
    {
        if (baselineFolder is null)
        {
            return null;
        }

        RecordedRun baseline = RecordedRunReader.Read(baselineFolder);
        BaselineComparer.EnsureComparable(baseline, RecordedRun.Planned(spec, spec.Output.FullPath, fingerprints, withDatasetDigest: !unpaired && baseline.DatasetDigest is not null), unpaired);
        return baseline;
    }

    /// <summary>The finishing steps of a run whose logs and summary the finisher wrote; see the class summary.</summary>
    private static AuditPipelineResult Finish(AuditSpec spec, AuditSummary summary, RecordedRun? baseline, bool unpaired, string? historyRoot, TextWriter? log, CompositeExporter? exporters)
    {
        string? baselineError = null;
        if (baseline is not null)
        {
            try
            {
                BaselineComparison comparison = BaselineComparer.Compare(baseline, RecordedRun.FromSummary(spec, summary), unpaired);
                RegressionTable.Write(comparison, summary.OutputFolder);
                summary = summary with { Baseline = comparison };
            }
            catch (AuditInputException ex)
            {
                // Impossible only now (e.g. different pair ids where no dataset digest was recorded): the run's own outputs are still wanted.
                baselineError = ex.Message;
            }
        }

        if (historyRoot is not null)
        {
            RunHistoryEntry entry = RunHistory.EntryFor(summary, DateTimeOffset.UtcNow, path => File.Exists(path) ? FileDigest.Compute(path).Sha256 : null);
            // A damaged history.csv is set aside with a warning, never a reason to lose the finished run.
            summary = summary with { History = [.. RunHistory.ReadOrSetAside(historyRoot, Warn(log)), entry] };
        }

        (ExportReport exports, TimeSpan exportTime) = Export(summary, exporters);

        // Last: the provenance manifest hashes every output written above (verify flags anything added later). An export
        // that was asked for and failed leaves the run unsealed: the manifest lists it (verify reports it, a resume
        // finishes the run) and the history gets no row, as a row means a complete run folder.
        if (!exports.Succeeded)
        {
            WriteUnsealedManifest(spec, summary.OutputFolder, [.. exports.Failures.Select(f => new FailedExport(f.File, $"{f.Error.GetType().Name}: {f.Error.Message}"))]);
            return new AuditPipelineResult(summary.OutputFolder) { Summary = summary, BaselineError = baselineError, Exports = exports, ExportTime = exportTime };
        }

        RunManifestWriter.Write(spec, summary.OutputFolder);
        if (historyRoot is not null)
        {
            RunHistory.Append(historyRoot, summary.History[^1], Warn(log));
        }

        return new AuditPipelineResult(summary.OutputFolder) { Summary = summary, BaselineError = baselineError, Exports = exports, ExportTime = exportTime };
    }

    /// <summary>
    /// The manifest of a run whose exports failed, listing them. On a full disk it may not fit either; then no manifest
    /// is left at all (an older one would claim a sealed run), which verify and a resume read as unfinished too.
    /// </summary>
    private static void WriteUnsealedManifest(AuditSpec spec, string folder, IReadOnlyList<FailedExport> failed)
    {
        try
        {
            RunManifestWriter.Write(spec, folder, failedExports: failed);
        }
        catch (IOException)
        {
            File.Delete(Path.Combine(folder, RunManifest.FileName));
        }
    }

    /// <summary>
    /// Exporters only read the frozen summary; one failing does not stop the others. Failures are returned, not logged:
    /// the host reports them as the errors they are.
    /// </summary>
    private static (ExportReport Exports, TimeSpan Time) Export(AuditSummary summary, CompositeExporter? exporters)
    {
        long start = Stopwatch.GetTimestamp();
        ExportReport exports = RunExports.WriteAll(summary, log: null, exporters);
        return (exports, Stopwatch.GetElapsedTime(start));
    }

    private static Action<string> Warn(TextWriter? log) => line => log?.WriteLine(line);
}
