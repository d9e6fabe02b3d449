using AuditHarness.Core.Policies;
using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Pipeline;

/// <summary>A run or shard asked to resume that had already finished: nothing was run or written again.</summary>
/// <param name="Folder">The resumed folder.</param>
/// <param name="Shard">The shard, when the folder holds one; null for a whole run.</param>
/// <param name="PairResults">Pair records (pairs x models) its journal holds.</param>
/// <param name="Completion">A whole run's recorded verdict; null for a shard, which has none.</param>
public sealed record FinishedRun(string Folder, ShardSpec? Shard, int PairResults, JournalCompletion? Completion)
{
    /// <summary>The recorded verdict of a whole run; null for a shard.</summary>
    public Verdict? Verdict => Completion is null ? null : Enum.Parse<Verdict>(Completion.Verdict, ignoreCase: true);
}
