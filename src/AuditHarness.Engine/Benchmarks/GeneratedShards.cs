namespace AuditHarness.Engine.Benchmarks;

/// <summary>What <see cref="ShardJournalGenerator"/> wrote: the spec copy to merge with, its manifest and the sealed shard folders.</summary>
/// <param name="Spec">The spec copy (same models, policy and settings as the source run, pointing at <paramref name="Manifest"/>).</param>
/// <param name="Manifest">The simulated manifest (absolute image paths).</param>
/// <param name="ShardFolders">One folder per shard, in shard order, each holding a sealed <c>journal.jsonl</c>.</param>
/// <param name="Records">Pair records written over all shards (pairs x models).</param>
/// <param name="RecordBytes">Bytes of those records' journal lines (what a merged journal holds besides its header and completion).</param>
/// <param name="JournalBytes">Bytes of the shard journals on disk (records plus each shard's header).</param>
public sealed record GeneratedShards(string Spec, string Manifest, IReadOnlyList<string> ShardFolders, long Records, long RecordBytes, long JournalBytes);
