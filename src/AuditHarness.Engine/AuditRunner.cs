using System.Diagnostics;
using System.Threading.Channels;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
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
    /// <summary>Pairs prepared ahead of the model: enough to hide decoding and inpainting, few enough to bound memory.</summary>
    public const int PreparedPairsAhead = 4;

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

            using var log = new AuditLog(folder);
            var summaries = new List<ModelAuditSummary>();
            for (int m = 0; m < models.Count; m++)
            {
                summaries.Add(RunModel(spec, policy, pairs, inserter, models[m].Spec, models[m].Model, log, m, models.Count, progress));
            }

            var summary = new AuditSummary(spec.Name, folder, spec.MaxErrorRate, summaries);
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

    private static ModelAuditSummary RunModel(
        AuditSpec spec, Policy policy, PairList pairs, ArtifactInserter? inserter, AuditedModel audited, YoloModel model, AuditLog log, int modelIndex, int modelCount, Action<AuditProgress>? progress)
    {
        var failures = new List<PairFailure>();
        foreach (ManifestRowProblem problem in pairs.Problems)
        {
            var failure = new PairFailure(audited.Name, problem.PairId, problem.RowNumber, "manifest", problem.Message);
            failures.Add(failure);
            log.WriteFailure(failure);
        }

        var processor = new PairProcessor(model, spec, inserter);
        var outcomes = new List<PairOutcome>(pairs.Pairs.Count);
        var topChannels = new ChannelSelectivityTopK();
        var clock = Stopwatch.StartNew();

        // Decoding, mask checks and inpainting of the next pairs run on another thread while this one runs the
        // model; the bounded queue keeps at most a few prepared pairs (and their images) in memory.
        var queue = Channel.CreateBounded<(int Index, PreparedPair? Prepared, PairException? Error)>(
            new BoundedChannelOptions(PreparedPairsAhead) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        Task producer = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < pairs.Pairs.Count; i++)
                {
                    (int, PreparedPair?, PairException?) item;
                    try
                    {
                        item = (i, processor.Prepare(pairs.Pairs[i]), null);
                    }
                    catch (PairException ex)
                    {
                        item = (i, null, ex);
                    }

                    try
                    {
                        await queue.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        item.Item2?.Dispose();
                        throw;
                    }
                }

                queue.Writer.Complete();
            }
            catch (Exception ex)
            {
                queue.Writer.TryComplete(ex);
            }
        });

        try
        {
            foreach ((int i, PreparedPair? prepared, PairException? prepareError) in queue.Reader.ReadAllAsync().ToBlockingEnumerable())
            {
                AuditPair pair = pairs.Pairs[i];
                try
                {
                    if (prepareError is not null)
                    {
                        throw prepareError;
                    }

                    ProcessedPair processed = processor.Evaluate(prepared!);
                    log.WritePair(audited.Name, processed);
                    foreach (LayerChange layer in processed.Outcome.ArtifactLayers)
                    {
                        topChannels.Add(layer.Tap, i, pair.PairId, layer.ChannelSelectivity);
                    }

                    outcomes.Add(WithoutChannelDetail(processed.Outcome));
                }
                catch (PairException ex)
                {
                    var failure = new PairFailure(audited.Name, pair.PairId, pair.ManifestRow, ex.Stage, ex.Message);
                    failures.Add(failure);
                    log.WriteFailure(failure);
                }
                finally
                {
                    prepared?.Dispose();
                }

                progress?.Invoke(new AuditProgress(audited.Name, modelIndex, modelCount, i + 1, pairs.Pairs.Count, failures.Count, clock.Elapsed));
            }
        }
        finally
        {
            stop.Cancel();
            while (queue.Reader.TryRead(out var left))
            {
                left.Prepared?.Dispose();
            }

            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // The producer only ever fails through the queue, which the loop above already surfaced.
            }
        }

        IReadOnlyList<CheckResult> checks = SummaryBuilder.Judge(audited.Name, policy, outcomes, spec.Bootstrap);
        var channels = topChannels.Taps.ToDictionary(t => t, t => topChannels.Top(t), StringComparer.Ordinal);
        int attempted = pairs.Pairs.Count + pairs.Problems.Count;
        return new ModelAuditSummary(audited.Name, audited.Path.FullPath, attempted, outcomes.Count, failures, checks, channels);
    }
}
