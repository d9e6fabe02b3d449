namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// What <see cref="ShardJournalGenerator"/> simulates: <see cref="Pairs"/> pairs of <see cref="Subjects"/> subjects
/// audited in <see cref="Shards"/> shards, whose per-pair results are resampled from the finished run in
/// <see cref="SourceRun"/>; everything is written into <see cref="Folder"/>.
/// </summary>
/// <param name="SourceRun">Folder of a finished whole run of a manifest dataset (its sealed <c>journal.jsonl</c> and the spec it names).</param>
/// <param name="Folder">Scratch folder for the manifest, the spec copy and the shard journals; must be absent or empty.</param>
/// <param name="Pairs">Pairs of the simulated dataset.</param>
/// <param name="Shards">Shards the pairs are split into (as <c>run --shard i/n</c> splits them).</param>
/// <param name="Subjects">Subjects the pairs are drawn over (the clusters the bootstrap resamples).</param>
/// <param name="Seed">Seed of the draws, so the same scenario writes the same bytes.</param>
/// <param name="Resamples">The bootstrap resamples of the spec copy; null keeps the source spec's. Fewer make the statistics
/// quicker and change no memory but their replicate arrays: for measuring memory at 10^6 pairs in minutes, not for timing.</param>
public sealed record ScaleScenario(string SourceRun, string Folder, int Pairs, int Shards, int Subjects, int Seed = 1, int? Resamples = null);
