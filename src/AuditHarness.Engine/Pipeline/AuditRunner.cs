using System.Diagnostics;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Provenance;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Engine.Journal;
using AuditHarness.Results;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Engine.Tracing;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// Runs an audit spec: for each model, every pair of the dataset (manifest rows, or originals with an inserted artifact) through <see cref="PairProcessor"/>, logging as
/// it goes; then freezes the <see cref="AuditSummary"/>. Bad input in one pair is logged in <c>errors.csv</c> and
/// the run goes on; a bad spec, manifest header, empty originals folder, logo or model stops before any pair (<see cref="AuditInputException"/>).
/// The library returns the summary; turning it into an exit code is the host's business.
/// </summary>
public static class AuditRunner
{
    /// <summary>
    /// Runs every pair through every model and finishes the run: CSV logs, <c>summary.csv</c>, <c>channels.csv</c> and a
    /// sealed <c>journal.jsonl</c> in the output folder. With <see cref="AuditRunOptions.Resume"/>, pairs already in the
    /// folder's journal are taken from it instead of being run again.
    /// </summary>
    public static AuditSummary Run(AuditSpec spec, AuditRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Execute(spec, options ?? new AuditRunOptions(), shard: null).Summary!;
    }

    /// <summary>
    /// Runs the pairs of one shard through every model and writes only the shard's journal (sealed when every pair is
    /// done), for <see cref="ShardMerger"/> to combine with the other shards. Resumable like <see cref="Run"/>.
    /// </summary>
    public static ShardRunResult RunShard(AuditSpec spec, ShardSpec shard, AuditRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shard);
        RunOutcome outcome = Execute(spec, options ?? new AuditRunOptions(), shard);
        return new ShardRunResult(outcome.Folder, shard, outcome.PairsInShard, outcome.Records, outcome.Failed);
    }

    private static RunOutcome Execute(AuditSpec spec, AuditRunOptions options, ShardSpec? shard)
    {
        Action<AuditProgress>? progress = options.Progress;
        OpenCvRuntime.EnsureLoaded();
        PairList pairs = ReadPairs(spec);
        string folder = Path.GetFullPath(options.OutputFolder ?? spec.Output.FullPath);
        string[] taps = TapsOf(spec);
        DateTime started = options.StartedUtc ?? ProvenanceCapture.NowToTheSecond();
        JournalHeader header = JournalHeader.Describe(spec, pairs.Pairs.Count, shard) with { Started = started };
        JournalContents? previous = options.Resume ? ReadJournalToResume(folder, header) : null;

        // The logo and the models are loaded (and taps checked) before any output is written, so bad ones stop cleanly.
        using ArtifactInserter? inserter = spec.Dataset is InsertionDataset insertion ? CreateInserter(spec, insertion) : null;
        var models = new List<(AuditedModel Spec, YoloModel Model)>();
        GalleryCandidates[]? gallery = null; // per model, what its gallery pairs leave while they run; freed after the finisher
        try
        {
            foreach (AuditedModel audited in spec.Models)
            {
                models.Add((audited, YoloModel.Load(audited.Path.FullPath, new YoloModelOptions { Taps = taps, IntraOpThreads = options.IntraOpThreads })));
            }

            using RunJournal journal = previous is null ? RunJournal.Create(folder, header) : RunJournal.Continue(folder, previous);
            gallery = shard is null ? [.. models.Select(_ => new GalleryCandidates())] : null;
            using TracePhase? trace = shard is null && spec.Trace is not null ? new TracePhase(spec, pairs, inserter, folder, options.Resume, options.Workers, options.IntraOpThreads) { Timings = options.StageTimings } : null;
            using AuditFinisher? finisher = shard is null ? new AuditFinisher(spec, pairs, folder) { Trace = trace } : null;
            int[] inShard = [.. Enumerable.Range(0, pairs.Pairs.Count).Where(i => shard?.Contains(i) ?? true)];

            // Each pair goes through every model while its images are decoded (pair-major), and the journal keeps that
            // order. The logs and the summary go model by model: the first model's records are fed to the finisher as
            // they come, the later models' are read back from the journal once the first model is done.
            var clock = Stopwatch.StartNew();
            int[] doneOf = new int[models.Count], replayedOf = new int[models.Count], failedOf = new int[models.Count];
            void Record(PairRecord record, bool replayed)
            {
                int m = record.Model;
                if (m == 0)
                {
                    finisher?.Add(record);
                }

                doneOf[m]++;
                replayedOf[m] += replayed ? 1 : 0;
                failedOf[m] += record.Failure is null ? 0 : 1;
                progress?.Invoke(new AuditProgress(models[m].Spec.Name, m, models.Count, doneOf[m], inShard.Length, pairs.Problems.Count + failedOf[m], clock.Elapsed, replayedOf[m]));
            }

            // Records journaled before the kill, read back one at a time: the first model's rows go back into the logs in
            // the same order, unchanged.
            if (previous is not null)
            {
                foreach (PairRecord record in journal.Records())
                {
                    Record(record, replayed: true);
                }
            }

            // The journal is a prefix in pair and model order: every pair before its last record is done for every
            // model, and that pair for the models up to the record's.
            int done = previous?.RecordCount ?? 0;
            int resumeAt = done / models.Count, resumeModel = done % models.Count;
            (int Pair, int FirstModel)[] todo = [.. inShard.Skip(resumeAt).Select((p, k) => (p, k == 0 ? resumeModel : 0))];
            RunPairs(spec, pairs, inserter, models, todo, options.Workers, options.StageTimings, gallery, record =>
            {
                journal.Append(record); // journaled before it counts: a kill after this line loses nothing
                Record(record, replayed: false);
            });

            // The files of this run's (or shard's) pairs, hashed here, where they were just read; before the seal, so a
            // sealed shard always has its list for the merge.
            InputListReference inputs = PairInputs.Record(spec, inShard.Select(i => pairs.Pairs[i]), folder, options.InputFingerprints);
            if (finisher is null)
            {
                journal.Seal();
                return new RunOutcome(folder, null, inShard.Length, doneOf.Sum(), failedOf.Sum());
            }

            // A resume keeps the first start.
            AuditProvenance provenance = ProvenanceCapture.Capture(spec, pairs.Pairs.Count + pairs.Problems.Count, previous?.Header?.Started ?? started, inputs.DatasetDigest);
            AuditSummary summary = finisher.Finish(journal, journal.RecordsOf, (m, outcomes) => RenderGallery(spec, inserter, models[m].Model, pairs, outcomes, gallery![m]), () => provenance);
            summary = summary with { RunId = RunIdentity.Of(folder, summary) };
            return new RunOutcome(folder, summary, inShard.Length, doneOf.Sum(), failedOf.Sum());
        }
        finally
        {
            foreach (GalleryCandidates kept in gallery ?? [])
            {
                kept.Dispose();
            }

            foreach ((_, YoloModel model) in models)
            {
                model.Dispose();
            }
        }
    }

    /// <summary>The journal to go on from, or null to start afresh (no journal yet, or not even its header was written whole).</summary>
    private static JournalContents? ReadJournalToResume(string folder, JournalHeader expected)
    {
        JournalContents? contents = RunJournal.Read(folder);
        if (contents?.Header is not { } recorded)
        {
            return null;
        }

        if (recorded.InputMismatch(expected) is { } problem)
        {
            throw new AuditInputException($"Cannot resume '{folder}': {problem}.");
        }

        if (!Equals(recorded.Shard, expected.Shard))
        {
            string Name(ShardSpec? s) => s is null ? "a whole run" : $"shard {s}";
            throw new AuditInputException($"Cannot resume '{folder}': it holds {Name(recorded.Shard)}, and this run is {Name(expected.Shard)}.");
        }

        // Records are journaled in order (pair by pair, each pair model by model), so a killed run leaves a prefix of
        // the uninterrupted run's records; anything else (a hand-edited journal) would put rows out of order, so it
        // is refused rather than patched. The reader checked that records increase and belong to the shard, so they are
        // a prefix exactly when their count reaches the last one's place in the shard's order.
        if (contents.LastRecord is { } last)
        {
            int place = ((expected.Shard is { } shard ? (last.Pair - shard.Index) / shard.Count : last.Pair) * expected.Models.Count) + last.Model;
            if (contents.RecordCount != place + 1)
            {
                throw new AuditInputException($"Cannot resume '{folder}': its journal's record {contents.RecordCount} (pair {last.Pair} of model {last.Model}) leaves a gap before it; a run journals pairs in order, so the journal was edited. Start the run afresh.");
            }
        }

        return contents;
    }

    /// <summary>
    /// The pairs to run and the manifest rows that could not become pairs; stops on a bad manifest, a manifest without
    /// rows, no originals, or a policy check naming an artifact type no pair has.
    /// </summary>
    internal static PairList ReadPairs(AuditSpec spec)
    {
        PairList pairs = ListPairs(spec);
        RefuseUnknownArtifactTypes(spec, pairs);
        return pairs;
    }

    private static PairList ListPairs(AuditSpec spec)
    {
        switch (spec.Dataset)
        {
            case ManifestDataset manifestDataset:
                PairManifestContents manifest = PairManifest.Read(manifestDataset.Manifest.FullPath, manifestDataset.Annotations.Labels?.FullPath);
                if (manifest.Pairs.Count == 0 && manifest.Problems.Count == 0)
                {
                    // An empty audit would judge nothing and pass: refused like any other bad input.
                    throw new AuditInputException($"Manifest '{manifestDataset.Manifest.FullPath}' has no pairs (a header and no rows); expected at least one row.");
                }

                return new PairList(manifest.Pairs, manifest.Problems);
            case InsertionDataset insertion:
                try
                {
                    return new PairList(InsertionPairs.List(insertion), []);
                }
                catch (AuditInputException ex)
                {
                    throw new AuditInputException($"{spec.Source.Text}: {ex.Message}", ex);
                }

            default:
                throw new AuditInputException($"{spec.Source.Text}: dataset must have exactly one of manifest or insertion.");
        }
    }

    /// <summary>
    /// A check that names an artifact type no pair of the whole dataset has (a typo such as <c>rulers</c>) would judge
    /// nothing; it is refused before any pair runs, naming the types present. The whole list, not a shard's part, so
    /// every shard agrees with a single run. Not checked when no row became a pair: that run is broken anyway.
    /// </summary>
    private static void RefuseUnknownArtifactTypes(AuditSpec spec, PairList pairs)
    {
        if (pairs.Pairs.Count == 0)
        {
            return;
        }

        var present = new SortedSet<string>(Enumerable.Range(0, pairs.Pairs.Count).Select(pairs.ArtifactTypeOf), StringComparer.Ordinal);
        foreach (PolicyCheck check in spec.Policy.Policy.Checks)
        {
            string[] absent = [.. check.ArtifactTypes.Where(t => t != PolicyCheck.AllArtifactTypes && !present.Contains(t))];
            if (absent.Length > 0)
            {
                throw new AuditInputException(
                    $"{spec.Policy.Source}: check '{check.Id}' names artifact type(s) {string.Join(", ", absent.Select(t => $"'{t}'"))} that no pair of the dataset has; types present: {string.Join(", ", present)}.");
            }
        }
    }

    internal static ArtifactInserter CreateInserter(AuditSpec spec, InsertionDataset insertion)
    {
        try
        {
            return ArtifactInserter.Create(insertion.Artifact, spec.MaxPixels);
        }
        catch (AuditInputException ex)
        {
            throw new AuditInputException($"{spec.Source.Text}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs the pairs of <paramref name="todo"/> (indexes into the pair list, increasing; each from its first model
    /// to run on) through the models and hands each pair's records to <paramref name="record"/> in pair and model order.
    /// </summary>
    private static void RunPairs(
        AuditSpec spec, PairList pairs, ArtifactInserter? inserter, IReadOnlyList<(AuditedModel Spec, YoloModel Model)> models, (int Pair, int FirstModel)[] todo, int workers, AuditStageTimings? timings, GalleryCandidates[]? gallery, Action<PairRecord> record)
    {
        var hosts = new PlaceboHosts(pairs.Pairs, spec.Placebo.Seed);
        PairProcessor[] processors = [.. models.Select((m, i) => new PairProcessor(m.Model, spec, inserter) { Gallery = gallery?[i], Hosts = hosts })];
        try
        {
            // Pairs are independent (each placebo's seed comes from its pair id), so several workers can each take
            // a whole pair -- decode, inpaint, three inferences per model, comparison -- while this thread writes the
            // results in manifest order. NoBuffering hands out one pair at a time, so only pairs in flight hold images.
            IEnumerable<((int Pair, int FirstModel) Item, (ProcessedPair? Processed, PairException? Error)[] Results)> results =
                Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering)
                    .AsParallel()
                    .AsOrdered()
                    .WithDegreeOfParallelism(workers)
                    .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                    .Select(item => (item, PairProcessor.ProcessAcross(processors, pairs.Pairs[item.Pair], item.Pair, item.FirstModel, timings)));
            foreach (((int i, int firstModel), (ProcessedPair? Processed, PairException? Error)[] outcomes) in results)
            {
                AuditPair pair = pairs.Pairs[i];
                for (int m = firstModel; m < models.Count; m++)
                {
                    (ProcessedPair? processed, PairException? error) = outcomes[m];
                    string name = models[m].Spec.Name;
                    if (processed is not null)
                    {
                        long writeStart = Stopwatch.GetTimestamp();
                        PairLogRows rows = AuditLog.FormatPair(name, processed);
                        timings?.Add("write CSV rows (main thread)", Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds);
                        record(new PairRecord(m, i, pair.PairId, rows, processed.Outcome, null));
                    }
                    else
                    {
                        var failure = new PairFailure(name, pair.PairId, pair.ManifestRow, error!.Stage, error.Message);
                        record(new PairRecord(m, i, pair.PairId, new PairLogRows(string.Empty, string.Empty, string.Empty, AuditLog.FormatFailure(failure)), null, failure));
                    }
                }
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            // A bug in one worker: surface it as itself, not wrapped by PLINQ.
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        finally
        {
            foreach (PairProcessor processor in processors)
            {
                processor.Dispose();
            }
        }
    }

    /// <summary>The report's gallery of one model: its most affected pairs run again with <paramref name="model"/>; heatmaps coloured later, on the run's scale.</summary>
    /// <param name="kept">Material of the pairs this process ran (the others are run again); null runs every gallery pair again.</param>
    internal static IReadOnlyList<GalleryDraft> RenderGallery(AuditSpec spec, ArtifactInserter? inserter, YoloModel model, PairList pairs, IReadOnlyList<PairOutcome> outcomes, GalleryCandidates? kept = null)
    {
        using var processor = new PairProcessor(model, spec, inserter) { Hosts = new PlaceboHosts(pairs.Pairs, spec.Placebo.Seed) };
        return GalleryBuilder.Build(processor, pairs.Pairs, outcomes, kept: kept);
    }

    /// <summary>Every layer the run taps: the spec's taps and the policy's layer checks.</summary>
    internal static string[] TapsOf(AuditSpec spec) =>
        [.. spec.Taps.Concat(spec.Policy.Policy.Checks.Where(c => c.Layer is not null).Select(c => c.Layer!)).Distinct(StringComparer.Ordinal)];

    private sealed record RunOutcome(string Folder, AuditSummary? Summary, int PairsInShard, int Records, int Failed);
}
