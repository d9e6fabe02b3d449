using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// What <see cref="AuditPipeline"/> left: a finished run folder (<see cref="Summary"/>), a shard's journal
/// (<see cref="Shard"/>), or, on resuming a run that had already finished, nothing new (<see cref="FinishedBefore"/>).
/// Turning it into an exit code is the host's business.
/// </summary>
/// <param name="Folder">The run folder (or the comparison's output folder).</param>
public sealed record AuditPipelineResult(string Folder)
{
    /// <summary>The frozen summary every output was written from; null for a shard run or an already finished run.</summary>
    public AuditSummary? Summary { get; init; }

    /// <summary>
    /// Why the baseline comparison could not be made, found only once the run was done (e.g. different pair ids where
    /// no dataset digest was recorded); the run's own outputs are written all the same.
    /// </summary>
    public string? BaselineError { get; init; }

    /// <summary>What a shard run journaled; null unless <see cref="AuditPipelineOptions.Shard"/> was given.</summary>
    public ShardRunResult? Shard { get; init; }

    /// <summary>The resumed run or shard that had already finished; null when the pipeline ran.</summary>
    public FinishedRun? FinishedBefore { get; init; }

    /// <summary>The files the exporters wrote and the exporters that failed; null when there was nothing to export.</summary>
    public ExportReport? Exports { get; init; }

    /// <summary>
    /// Every export asked for was written (or there was nothing to export). When false the run folder is not sealed: its
    /// manifest lists the failed exports, no history row was added, and resuming the run finishes it.
    /// </summary>
    public bool IsSealed => Exports is null || Exports.Succeeded;

    /// <summary>Wall time of the pairs through the models, up to the frozen summary (or the sealed shard journal).</summary>
    public TimeSpan RunTime { get; init; }

    /// <summary>Wall time of the exports (<c>junit.xml</c>, <c>summary.json</c>, <c>report.pdf</c>).</summary>
    public TimeSpan ExportTime { get; init; }
}
