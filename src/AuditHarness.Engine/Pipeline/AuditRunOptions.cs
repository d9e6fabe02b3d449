using AuditHarness.Engine.Provenance;
using AuditHarness.Engine.Pairs;
namespace AuditHarness.Engine.Pipeline;

/// <summary>How a run executes, as opposed to what it audits (that is the spec).</summary>
public sealed record AuditRunOptions
{
    /// <summary>Output folder; null takes the spec's.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>
    /// ONNX Runtime threads per inference. With one thread per inference and one worker per core, whole pairs
    /// run side by side, which also spreads decoding, inpainting and comparison over the cores.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Pairs processed at once (each a whole pair: decode, variants, inferences, comparison); default one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>When set, every pair's stage times (decode, predictions, placebo search, comparison, CSV rows) are added here.</summary>
    public AuditStageTimings? StageTimings { get; init; }

    /// <summary>
    /// Go on from the journal in the output folder: pairs it holds are not run again (a torn last line is dropped),
    /// the rest are. Refused when the journal belongs to another spec, policy, manifest, model or shard; without a
    /// journal the run starts from the beginning.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>The run's recorded start (the report's date); null takes the clock (or <c>SOURCE_DATE_EPOCH</c>). A resume keeps the journal's.</summary>
    public DateTime? StartedUtc { get; init; }

    /// <summary>Called after every pair.</summary>
    public Action<AuditProgress>? Progress { get; init; }

    /// <summary>Pair files already hashed before the run (for a baseline check): <c>inputs.csv</c> takes them when unchanged.</summary>
    public FingerprintCache? InputFingerprints { get; init; }
}
