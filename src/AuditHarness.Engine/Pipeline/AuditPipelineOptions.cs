using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Reporting;

namespace AuditHarness.Engine.Pipeline;

/// <summary>How <see cref="AuditPipeline.Run"/> runs a spec and where its run folder goes; what is audited is the spec's.</summary>
public sealed record AuditPipelineOptions
{
    /// <summary>
    /// The run folder, used exactly (such a run is a one-off: no <c>history.csv</c> row). Null: a new
    /// <c>&lt;UTC timestamp&gt;_&lt;id&gt;</c> folder under the spec's output root, whose <c>history.csv</c> gains the run's row;
    /// for a shard, the output root + <c>-shard-i-of-n</c>.
    /// </summary>
    public string? OutputFolder { get; init; }

    /// <summary>ONNX Runtime threads per inference (0 = one per core); see <see cref="AuditRunOptions.IntraOpThreads"/>.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Pairs processed at once; default one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>When set, every pair's stage times are added here.</summary>
    public AuditStageTimings? StageTimings { get; init; }

    /// <summary>
    /// A finished run folder to gate on: every check also becomes a regression check, written to <c>regressions.csv</c>.
    /// A baseline that cannot be compared with this spec's run is refused before any pair runs.
    /// </summary>
    public string? BaselineFolder { get; init; }

    /// <summary>Compare with the baseline as independent samples, even when its dataset differs.</summary>
    public bool Unpaired { get; init; }

    /// <summary>
    /// Go on with the run in this folder: pairs in its journal are not run again. A folder whose run (or shard) already
    /// finished is left as it is (<see cref="AuditPipelineResult.FinishedBefore"/>); one without a journal starts afresh.
    /// </summary>
    public string? ResumeFolder { get; init; }

    /// <summary>Run only this shard's pairs and write only its journal, for <see cref="AuditPipeline.Merge"/>.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Called after every pair.</summary>
    public Action<AuditProgress>? Progress { get; init; }

    /// <summary>Called once every pair is through every model, before the finishing steps (a host can close its progress display here).</summary>
    public Action? PairsFinished { get; init; }

    /// <summary>
    /// Empty the <see cref="OutputFolder"/> before the run when it holds anything but an unfinished run of this spec
    /// (without it such a folder is refused). Needs <see cref="OutputFolder"/>; not with a resume or a shard.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>The exporters to run once the summary is frozen; null: <see cref="CompositeExporter.CreateDefault"/>.</summary>
    public CompositeExporter? Exporters { get; init; }

    /// <summary>Receives notes and warnings for the operator (a resume that starts afresh, an exporter that failed), one line each.</summary>
    public TextWriter? Log { get; init; }
}
