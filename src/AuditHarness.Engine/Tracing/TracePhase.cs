using System.Collections.Concurrent;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pairs;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Tracing;
using AuditHarness.Results;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// The causal-tracing experiment of a run (the spec's <c>trace</c> section), model by model once every pair record of
/// the model is known: per artifact type, the processed pairs are split into a selection and a measurement half
/// (<see cref="TraceSplit"/>); each traced layer's channels are ranked on the selection half (<see cref="ChannelRanking"/>);
/// on each measurement pair the original and the artifact-removed image go through a <see cref="CutTracer"/> and the
/// original is re-run from the layer on with the patches of <see cref="TracePatchPlan"/>; the shares are pooled over the
/// pairs with an effect (<see cref="RecoveredShare"/>). Each pair's measurements are journaled (<see cref="TraceJournal"/>)
/// before they count, so a resumed run or a merge goes on where a killed one stopped.
/// </summary>
public sealed class TracePhase : IDisposable
{
    private readonly AuditSpec _spec;
    private readonly TraceSettings _settings;
    private readonly PairList _pairs;
    private readonly PairPreparer _preparer;
    private readonly TraceJournal _journal;
    private readonly int _workers;
    private readonly int _intraOpThreads;
    private readonly DecodeSettings _decode;
    private readonly DetectionMatcher _matcher;

    /// <param name="inserter">Draws the artifact of an insertion dataset, as the pair phase did.</param>
    /// <param name="folder">The run folder, where the trace journal is kept.</param>
    /// <param name="resume">Go on with the trace journal in the folder (a resume or a merge) instead of starting afresh.</param>
    public TracePhase(AuditSpec spec, PairList pairs, ArtifactInserter? inserter, string folder, bool resume, int workers, int intraOpThreads)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pairs);
        _spec = spec;
        _settings = spec.Trace ?? throw new ArgumentException("The spec has no trace section.", nameof(spec));
        _pairs = pairs;
        _preparer = new PairPreparer(spec, inserter);
        _workers = Math.Max(1, workers);
        _intraOpThreads = intraOpThreads;
        _decode = new DecodeSettings { Confidence = (float)spec.Prediction.Confidence, Iou = (float)spec.Prediction.Iou };
        _matcher = new DetectionMatcher(spec.Prediction.MatchIou);
        _journal = TraceJournal.Open(folder, TraceJournalHeader.Describe(spec, pairs.Pairs.Count), resume);
    }

    /// <summary>When set, each model's trace phase adds its wall time (stage "trace phase (per model)").</summary>
    public AuditStageTimings? Timings { get; init; }

    /// <summary>The layers traced, in the spec's order.</summary>
    public IReadOnlyList<string> Layers => _settings.Layers;

    /// <summary>Traces one model on its processed pairs (pair index and outcome, with the traced layers' channel selectivity).</summary>
    public ModelTrace Run(int model, IReadOnlyList<(int Pair, PairOutcome Outcome)> processed)
    {
        ArgumentNullException.ThrowIfNull(processed);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        AuditedModel audited = _spec.Models[model];
        using CutTracer tracer = CutTracer.Load(audited.Path.FullPath, _settings.Layers, _intraOpThreads);
        Dictionary<string, int> channels = ChannelCounts(tracer);

        var types = new List<TypePlan>();
        int selectionPairs = 0;
        foreach (IGrouping<string, (int Pair, PairOutcome Outcome)> group in processed.GroupBy(p => p.Outcome.ArtifactType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            (IReadOnlyList<(int Pair, PairOutcome Outcome)> selection, IReadOnlyList<(int Pair, PairOutcome Outcome)> measurement) =
                TraceSplit.Split([.. group], p => (p.Outcome.PairId, p.Outcome.SubjectId), _settings.Seed);
            selectionPairs += selection.Count;
            var layers = new List<LayerPlan>();
            foreach (string layer in _settings.Layers)
            {
                int width = channels[layer];
                IReadOnlyList<int> ranked = ChannelRanking.Rank(
                    selection.SelectMany(p => p.Outcome.ArtifactLayers.Where(l => l.Tap == layer).Select(l => l.ChannelSelectivity)), width);
                int largest = Math.Min(_settings.K.Max(), width);
                layers.Add(new LayerPlan(layer, width, [.. ranked.Take(largest)], TracePatchPlan.For(_settings, audited.Name, group.Key, layer, width, ranked)));
            }

            types.Add(new TypePlan(group.Key, [.. MostAffected(measurement).Select(p => p.Pair)], layers));
        }

        var planOf = types.SelectMany(t => t.Measurement.Select(p => (p, t))).ToDictionary(x => x.p, x => x.t);
        int[] todo = [.. planOf.Keys.Order()];
        var records = new Dictionary<int, TracePairRecord>();
        foreach (int pair in todo.Where(p => _journal.Previous.ContainsKey((model, p))))
        {
            records[pair] = _journal.Previous[(model, pair)];
        }

        // Pairs are independent; workers each take a whole pair while this thread journals them in pair order.
        IEnumerable<TracePairRecord> measured = todo.Where(p => !records.ContainsKey(p))
            .AsParallel().AsOrdered().WithDegreeOfParallelism(_workers).WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(p => Measure(tracer, model, p, planOf[p]));
        foreach (TracePairRecord record in measured)
        {
            _journal.Append(record);
            records[record.Pair] = record;
        }

        var rows = new List<TraceRow>();
        var traceLayers = new List<TraceLayer>();
        foreach (TypePlan type in types)
        {
            TracePairRecord[] all = [.. type.Measurement.Select(p => records[p])];
            TracePairRecord[] entered = [.. all.Where(r => r.Layers is not null)];
            for (int l = 0; l < type.Layers.Count; l++)
            {
                LayerPlan layer = type.Layers[l];
                traceLayers.Add(new TraceLayer(type.ArtifactType, layer.Layer, layer.Channels, layer.Ranked));
                for (int p = 0; p < layer.Plans.Count; p++)
                {
                    TracePatchPlan plan = layer.Plans[p];
                    Core.Statistics.MethodInterval chosen = RecoveredShare.Of([.. entered.Select(r => (r.Cluster, r.Layers![l].Drops[p], r.Effect))], _spec.Bootstrap);
                    Core.Statistics.Interval share = chosen.Interval;
                    rows.Add(new TraceRow(audited.Name, type.ArtifactType, layer.Layer, plan.Selection, plan.K, plan.Draw, entered.Length, share.Estimate, share.Low, share.High, all.Length - entered.Length)
                    {
                        IntervalMethod = chosen.Method,
                    });
                }
            }
        }

        int withoutSubject = processed.Count(p => p.Outcome.SubjectId is null);
        Timings?.Add("trace phase (per model)", System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return new ModelTrace(rows, traceLayers, ResamplingClusters.Unit(processed.Count, withoutSubject), selectionPairs, types.Sum(t => t.Measurement.Count), tracer.ScoreSource);
    }

    /// <summary>Seals the trace journal: every model is traced.</summary>
    public void Seal() => _journal.Seal();

    public void Dispose() => _journal.Dispose();

    /// <summary>
    /// With <see cref="TraceSettings.Pairs"/> = N, the N measurement pairs the artifact affected most in the pair phase
    /// (the sum of their original detections' class-conditional score drops; ties by pair order); in pair order.
    /// </summary>
    private IEnumerable<(int Pair, PairOutcome Outcome)> MostAffected(IReadOnlyList<(int Pair, PairOutcome Outcome)> measurement)
    {
        if (_settings.Pairs >= measurement.Count)
        {
            return measurement;
        }

        static double Effect(PairOutcome o) => double.IsFinite(o.Artifact.MeanScoreDrop) ? o.Artifact.MeanScoreDrop * o.Artifact.OriginalCount : double.NegativeInfinity;
        return measurement.OrderByDescending(p => Effect(p.Outcome)).ThenBy(p => p.Pair).Take(_settings.Pairs).OrderBy(p => p.Pair);
    }

    private static Dictionary<string, int> ChannelCounts(CutTracer tracer)
    {
        IReadOnlyList<IReadOnlyList<int>> shapes = tracer.Model.MeasureTapShapes();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (LayerCut cut in tracer.Cuts)
        {
            int tap = tracer.Model.Taps.Select((t, i) => (t, i)).First(x => x.t.TensorName == cut.LayerTensor).i;
            IReadOnlyList<int> shape = shapes[tap];
            if (shape.Count != 4)
            {
                throw new AuditInputException($"Model '{tracer.Model.DisplayName}': layer {cut.Layer} has shape [{string.Join(",", shape)}]; tracing expected a [1, C, H, W] feature map.");
            }

            counts[cut.Layer] = shape[1];
        }

        return counts;
    }

    /// <summary>The original and artifact-removed passes of one pair and, when it has an effect, every patch of every traced layer.</summary>
    private TracePairRecord Measure(CutTracer tracer, int model, int pairIndex, TypePlan type)
    {
        AuditPair pair = _pairs.Pairs[pairIndex];
        string cluster = ResamplingClusters.Key((pair as ManifestPair)?.SubjectId, pair.PairId);
        PreparedPair prepared;
        try
        {
            prepared = _preparer.Prepare(pair);
        }
        catch (PairException ex)
        {
            // It prepared in the pair phase; failing now means an input changed under the run.
            throw new AuditInputException($"Tracing model '{_spec.Models[model].Name}': pair '{pair.PairId}' could not be prepared again ({ex.Message}); expected the inputs of the pair phase unchanged.", ex);
        }

        using (prepared)
        {
            TracedPass original = tracer.Run(prepared.Original, _decode);
            TracedPass removed = tracer.Run(prepared.Removed, _decode);
            int detections = original.Detections.Count;
            double effect = detections == 0 ? double.NaN : Drop(original, removed.Detections, removed.ClassScores);
            if (!TracePairRecord.HasEffect(detections, effect))
            {
                return new TracePairRecord(model, pairIndex, pair.PairId, pair.ArtifactType, cluster, detections, effect, null);
            }

            var layers = new List<TraceLayerDrops>();
            foreach (LayerPlan layer in type.Layers)
            {
                IReadOnlyList<int> shape = original.Tensors[tracer.Cut(layer.Layer).LayerTensor].Shape;
                float[] weights = prepared.Mask.ToLayerGrid(original.Letterbox, shape[2], shape[3]);
                var done = new Dictionary<string, double>(StringComparer.Ordinal); // "all" random draws and clamped ks repeat a patch
                double[] drops = new double[layer.Plans.Count];
                for (int p = 0; p < layer.Plans.Count; p++)
                {
                    TracePatchPlan plan = layer.Plans[p];
                    string key = $"{plan.Inside}|{(plan.Channels is null || plan.Channels.Count == layer.Channels ? "all" : string.Join(",", plan.Channels))}";
                    if (!done.TryGetValue(key, out double drop))
                    {
                        PatchRegion? region = plan.Inside is { } inside ? new PatchRegion(weights, inside) : null;
                        SuffixOutput output = tracer.RunSuffix(layer.Layer, original, new ActivationPatch(removed, plan.Channels, region));
                        drop = Drop(original, tracer.Decode(output, original.Letterbox, _decode), tracer.ClassScores(output));
                        done[key] = drop;
                    }

                    drops[p] = drop;
                }

                layers.Add(new TraceLayerDrops(layer.Layer, drops));
            }

            return new TracePairRecord(model, pairIndex, pair.PairId, pair.ArtifactType, cluster, detections, effect, layers);
        }
    }

    /// <summary>
    /// Σ over the original's detections of its score minus the variant's: the class's score at the detection's anchor
    /// when the variant's class scores are known, else the matched detection's score (0 when lost), as the pair phase reads them.
    /// </summary>
    private double Drop(TracedPass original, IReadOnlyList<Detection> variant, AnchorClassScores? scores)
    {
        DetectionMatching matching = _matcher.Match(original.Detections, variant, _ => 0, scores is null ? null : d => scores.Score(d.Anchor, d.ClassId));
        double sum = 0;
        foreach (DetectionChange change in matching.Changes)
        {
            if (float.IsFinite(change.ClassScoreDrop))
            {
                sum += change.ClassScoreDrop;
            }
        }

        return sum;
    }

    private sealed record LayerPlan(string Layer, int Channels, IReadOnlyList<int> Ranked, IReadOnlyList<TracePatchPlan> Plans);

    private sealed record TypePlan(string ArtifactType, IReadOnlyList<int> Measurement, IReadOnlyList<LayerPlan> Layers);
}
