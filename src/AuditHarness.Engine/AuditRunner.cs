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

namespace AuditHarness.Engine;

/// <summary>
/// Runs an audit spec: for each model, every pair of the dataset (manifest rows, or originals with an inserted artifact) through <see cref="PairProcessor"/>, logging as
/// it goes; then freezes the <see cref="AuditSummary"/>. Bad input in one pair is logged in <c>errors.csv</c> and
/// the run goes on; a bad spec, manifest header, empty originals folder, logo or model stops before any pair (<see cref="AuditInputException"/>).
/// The library returns the summary; turning it into an exit code is the host's business.
/// </summary>
public static class AuditRunner
{

    public static AuditSummary Run(AuditSpec spec, AuditRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new AuditRunOptions();
        Action<AuditProgress>? progress = options.Progress;
        OpenCvRuntime.EnsureLoaded();
        PairList pairs = ReadPairs(spec);
        string folder = options.OutputFolder ?? spec.Output.FullPath;
        Policy policy = spec.Policy.Policy;
        string[] taps = [.. spec.Taps.Concat(policy.Checks.Where(c => c.Layer is not null).Select(c => c.Layer!)).Distinct(StringComparer.Ordinal)];

        // The logo and the models are loaded (and taps checked) before any output is written, so bad ones stop cleanly.
        using ArtifactInserter? inserter = spec.Dataset is InsertionDataset insertion ? CreateInserter(spec, insertion) : null;
        var models = new List<(AuditedModel Spec, YoloModel Model)>();
        try
        {
            foreach (AuditedModel audited in spec.Models)
            {
                models.Add((audited, YoloModel.Load(audited.Path.FullPath, new YoloModelOptions { Taps = taps, IntraOpThreads = options.IntraOpThreads })));
            }

            // After the models loaded (a missing file has had its clear message), before any pair ran.
            AuditProvenance provenance = AuditProvenance.Capture(spec, pairs.Pairs.Count + pairs.Problems.Count);
            using var log = new AuditLog(folder);
            var summaries = new List<ModelAuditSummary>();
            for (int m = 0; m < models.Count; m++)
            {
                summaries.Add(RunModel(spec, policy, pairs, inserter, models[m].Spec, models[m].Model, log, m, models.Count, options.Workers, progress, options.StageTimings));
            }

            var summary = new AuditSummary(spec.Name, folder, spec.MaxErrorRate, summaries) { Provenance = provenance };
            log.Complete(summary);
            return summary;
        }
        finally
        {
            foreach ((_, YoloModel model) in models)
            {
                model.Dispose();
            }
        }
    }

    /// <summary>The summary needs only the per-layer numbers; channel selectivities already went into the running top-k.</summary>
    private static PairOutcome WithoutChannelDetail(PairOutcome outcome) => outcome with
    {
        ArtifactLayers = [.. outcome.ArtifactLayers.Select(l => l with { ChannelSelectivity = [] })],
        PlaceboLayers = [.. outcome.PlaceboLayers.Select(p => (IReadOnlyList<LayerChange>)[.. p.Select(l => l with { ChannelSelectivity = [] })])],
    };

    /// <summary>The pairs to run and the manifest rows that could not become pairs; stops on a bad manifest or no originals.</summary>
    private static PairList ReadPairs(AuditSpec spec)
    {
        switch (spec.Dataset)
        {
            case ManifestDataset manifestDataset:
                PairManifestContents manifest = PairManifest.Read(manifestDataset.Manifest.FullPath);
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

    private static ArtifactInserter CreateInserter(AuditSpec spec, InsertionDataset insertion)
    {
        try
        {
            return ArtifactInserter.Create(insertion.Artifact);
        }
        catch (AuditInputException ex)
        {
            throw new AuditInputException($"{spec.Source.Text}: {ex.Message}", ex);
        }
    }

    private static (int Index, ProcessedPair? Processed, PairException? Error) ProcessOne(PairProcessor processor, AuditPair pair, int index)
    {
        try
        {
            return (index, processor.Process(pair), null);
        }
        catch (PairException ex)
        {
            return (index, null, ex);
        }
    }

    private static ModelAuditSummary RunModel(
        AuditSpec spec, Policy policy, PairList pairs, ArtifactInserter? inserter, AuditedModel audited, YoloModel model, AuditLog log, int modelIndex, int modelCount, int workers, Action<AuditProgress>? progress, AuditStageTimings? timings)
    {
        var failures = new List<PairFailure>();
        foreach (ManifestRowProblem problem in pairs.Problems)
        {
            var failure = new PairFailure(audited.Name, problem.PairId, problem.RowNumber, "manifest", problem.Message);
            failures.Add(failure);
            log.WriteFailure(failure);
        }

        var processor = new PairProcessor(model, spec, inserter, timings);
        var outcomes = new List<PairOutcome>(pairs.Pairs.Count);
        var topChannels = new ChannelSelectivityTopK();
        var clock = Stopwatch.StartNew();

        // Pairs are independent (each placebo's seed comes from its pair id), so several workers can each take
        // a whole pair -- decode, inpaint, three inferences, comparison -- while this thread writes the results
        // in manifest order. NoBuffering hands out one pair at a time, so only pairs in flight hold images.
        IEnumerable<(int Index, ProcessedPair? Processed, PairException? Error)> results =
            Partitioner.Create(Enumerable.Range(0, pairs.Pairs.Count), EnumerablePartitionerOptions.NoBuffering)
                .AsParallel()
                .AsOrdered()
                .WithDegreeOfParallelism(workers)
                .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(i => ProcessOne(processor, pairs.Pairs[i], i));
        try
        {
            foreach ((int i, ProcessedPair? processed, PairException? error) in results)
            {
                AuditPair pair = pairs.Pairs[i];
                if (processed is not null)
                {
                    long writeStart = Stopwatch.GetTimestamp();
                    log.WritePair(audited.Name, processed);
                    timings?.Add("write CSV rows (main thread)", Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds);
                    foreach (LayerChange layer in processed.Outcome.ArtifactLayers)
                    {
                        topChannels.Add(layer.Tap, i, pair.PairId, layer.ChannelSelectivity);
                    }

                    outcomes.Add(WithoutChannelDetail(processed.Outcome));
                }
                else
                {
                    var failure = new PairFailure(audited.Name, pair.PairId, pair.ManifestRow, error!.Stage, error.Message);
                    failures.Add(failure);
                    log.WriteFailure(failure);
                }

                progress?.Invoke(new AuditProgress(audited.Name, modelIndex, modelCount, i + 1, pairs.Pairs.Count, failures.Count, clock.Elapsed));
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            // A bug in one worker: surface it as itself, not wrapped by PLINQ.
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        IReadOnlyList<CheckResult> checks = SummaryBuilder.Judge(audited.Name, policy, outcomes, spec.Bootstrap);
        var channels = topChannels.Taps.ToDictionary(t => t, t => topChannels.Top(t), StringComparer.Ordinal);
        int attempted = pairs.Pairs.Count + pairs.Problems.Count;
        return new ModelAuditSummary(audited.Name, audited.Path.FullPath, attempted, outcomes.Count, failures, checks, channels)
        {
            Profiles = ProfileBuilder.Build(outcomes, spec.Bootstrap),
            Gallery = GalleryBuilder.Build(processor, policy, pairs.Pairs, outcomes),
        };
    }
}
