using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Pipeline;

/// <summary>What a shard run did: its folder, which shard, how many pairs the shard has, how many pair records (pairs x models) and failures its journal holds.</summary>
public sealed record ShardRunResult(string Folder, ShardSpec Shard, int Pairs, int Records, int Failed);
