using System.Runtime;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Journal;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using AuditHarness.Inference.Tracing;
using AuditHarness.Engine.Tracing;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// The one place where a run's results become its logs and its summary, whether the pair records come straight from
/// the models, from a journal being resumed, or from merged shards: records go in model by model, each model's in
/// pair order; their rows are appended to the CSV logs as they come (so logs grow as a run goes), their outcomes
/// feed the running top channels, the model's <see cref="PairColumns"/> (a few hundred bytes per pair, released when the
/// model ends) and its gallery shortlist, and when the model ends <see cref="SummaryBuilder"/> and <see cref="ProfileBuilder"/>
/// judge it from those columns and its <c>pair-metrics.csv</c> rows are written. The first model's records are
/// <see cref="Add"/>ed as they are journaled; <see cref="Finish"/> reads the later models' back from the journal. The
/// same ordered records therefore give the same bytes however they were produced.
/// </summary>
public sealed class AuditFinisher : IDisposable
{
    private readonly AuditSpec _spec;
    private readonly PairList _pairs;
    private readonly string _folder;
    private readonly AuditLog _log;
    private readonly List<ModelAuditSummary> _models = [];
    private readonly List<Task<IReadOnlyList<GalleryDraft>>> _galleries = []; // one per ended model, joined (and coloured on one scale) at Finish
    private ModelState? _current;

    // Per model, what 'ablate' wrote into it (null: not ablated); and, only when some model was ablated, each model's
    // artifact-free detections by pair index, which the ablation audit compares at the end.
    private readonly AblationMetadata?[] _ablations;
    private readonly Dictionary<int, IReadOnlyList<Detection>>[]? _cleanDetections;

    /// <summary>Creates the logs in <paramref name="folder"/> and begins the first model.</summary>
    public AuditFinisher(AuditSpec spec, PairList pairs, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pairs);
        _spec = spec;
        _pairs = pairs;
        _folder = folder;
        _log = new AuditLog(folder);
        _ablations = [.. spec.Models.Select(m => AblationMetadata.Read(m.Path.FullPath))];
        _cleanDetections = _ablations.Any(a => a is not null) ? [.. spec.Models.Select(_ => new Dictionary<int, IReadOnlyList<Detection>>())] : null;
        BeginModel(0);
    }

    /// <summary>
    /// When the spec traces (its <c>trace</c> section), the experiment each model goes through once its pair records are
    /// all in (the ranking needs the whole selection half); its result is the model's <see cref="ModelAuditSummary.Trace"/>.
    /// </summary>
    public TracePhase? Trace { get; init; }

    /// <summary>Starts the next model; logs the manifest rows that could not become pairs (once per model, as every model "attempts" them).</summary>
    private void BeginModel(int modelIndex)
    {
        if (_current is not null || modelIndex != _models.Count)
        {
            throw new InvalidOperationException($"Models must be fed in order and one at a time; got model {modelIndex} after {_models.Count} finished.");
        }

        _current = new ModelState(modelIndex, new PairColumns(_pairs.Pairs.Count, PairIdOf, _spec.Policy.Policy.Checks));
        string model = _spec.Models[modelIndex].Name;
        foreach (ManifestRowProblem problem in _pairs.Problems)
        {
            var failure = new PairFailure(model, problem.PairId, problem.RowNumber, "manifest", problem.Message);
            _current.Failures.Add(failure);
            _log.WriteFailure(failure);
        }
    }

    /// <summary>
    /// Whether each <see cref="Add"/>ed record's log rows are flushed at once, so a reader follows a live run pair by pair
    /// (the default); a merge, which adds records as fast as they decode, leaves them to the logs' buffers and
    /// <see cref="FlushLogs"/>. Records read back from the journal are never flushed one by one.
    /// </summary>
    public bool FlushEachRecord { get; init; } = true;

    /// <summary>Adds the current model's next pair record (pair indexes increasing): the first model's, as they are journaled.</summary>
    public void Add(PairRecord record) => Add(record, FlushEachRecord);

    /// <summary>Writes the log rows added so far through to the files.</summary>
    public void FlushLogs() => _log.Flush();

    private void Add(PairRecord record, bool flushLogs)
    {
        ArgumentNullException.ThrowIfNull(record);
        ModelState state = _current ?? throw new InvalidOperationException("Every model has ended.");
        if (record.Model != state.Index || record.Pair <= state.LastPair)
        {
            throw new InvalidOperationException($"Record of pair {record.Pair}, model {record.Model} out of order (model {state.Index}, last pair {state.LastPair}).");
        }

        if (record.Outcome is { } processed && PairIdOf(record.Pair) != processed.PairId)
        {
            throw new InvalidOperationException($"Record of pair {record.Pair} names pair '{processed.PairId}'; the dataset's pair {record.Pair} is '{PairIdOf(record.Pair)}'.");
        }

        state.LastPair = record.Pair;
        _log.Append(record.Rows, flushLogs);
        if (record.Outcome is { } outcome)
        {
            foreach (LayerChange layer in outcome.ArtifactLayers)
            {
                state.TopChannels.Add(outcome.ArtifactType, layer.Tap, record.Pair, outcome.PairId, layer.ChannelSelectivity);
            }

            // Only compact numbers stay per pair; the few outcomes that may make the gallery stay whole.
            state.Columns.Add(record.Pair, outcome);
            state.Gallery.Offer(record.Pair, BaseImageOf(record.Pair, outcome.PairId), WithoutChannelDetail(outcome));
            _cleanDetections?[state.Index].Add(record.Pair, CleanImageDetections.Parse(record.Rows.Detections));
            if (Trace is { } trace)
            {
                // Tracing ranks channels on the selection half: it keeps the traced layers' selectivities, nothing else.
                state.Traced.Add((record.Pair, outcome with { ArtifactLayers = [.. outcome.ArtifactLayers.Where(l => trace.Layers.Contains(l.Tap))], PlaceboLayers = [] }));
            }
        }
        else
        {
            state.Failures.Add(record.Failure!);
        }
    }

    /// <summary>
    /// The end of every run, resume and merge: the first model (fed while its records were journaled) ends, each later
    /// model is fed from <paramref name="laterRecords"/> and ends; then the summary is frozen, <c>summary.csv</c> and
    /// <c>channels.csv</c> are written, every log gets its real name and <paramref name="journal"/> its completion line and seal.
    /// </summary>
    /// <param name="journal">The run's journal, holding every record of every model in pair and model order.</param>
    /// <param name="laterRecords">The records of a later model (by index) in pair order: a run reads them back from its
    /// journal (<see cref="RunJournal.RecordsOf"/>), a merge from its shards (so a damaged one names its shard's line).</param>
    /// <param name="gallery">Renders the report's gallery of a model (by index) from its outcomes (those that may make it, in
    /// pair order: the ones <see cref="GalleryBuilder.MostAffected(IReadOnlyList{PairOutcome}, int, Func{PairOutcome, string})"/> chooses from all), heatmaps not yet coloured
    /// (they are coloured on one scale per layer across the models when the summary is frozen); it needs the model,
    /// which must stay loaded until this method or <see cref="Dispose"/> returns.</param>
    /// <param name="provenance">Hashes, settings and environment of the run, for the report's cover; asked for once every
    /// model is judged (a merge writes its combined input list only once every record decoded).</param>
    public AuditSummary Finish(RunJournal journal, Func<int, IEnumerable<PairRecord>> laterRecords, Func<int, IReadOnlyList<PairOutcome>, IReadOnlyList<GalleryDraft>> gallery, Func<AuditProvenance> provenance)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(laterRecords);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(provenance);
        if (_current?.Index != 0)
        {
            throw new InvalidOperationException("Finish once, after the first model's records.");
        }

        for (int m = 0; m < _spec.Models.Count; m++)
        {
            if (m > 0)
            {
                BeginModel(m);
                foreach (PairRecord record in laterRecords(m))
                {
                    Add(record, flushLogs: false);
                }
            }

            _log.Flush();
            int model = m;
            EndModel(outcomes => gallery(model, outcomes));
        }

        AuditSummary summary = Freeze(provenance());
        Trace?.Seal();
        journal.Complete(new JournalCompletion(VerdictText.Of(summary.Verdict), summary.IsBroken));
        journal.Seal();
        return summary;
    }

    /// <summary>
    /// Judges the current model's checks on its outcomes and freezes its summary, all but its gallery: that is rendered
    /// on other threads meanwhile and while the next models are judged, and joins the summary at <see cref="Freeze"/>.
    /// </summary>
    /// <param name="gallery">Renders the report's gallery from the model's outcomes.</param>
    private void EndModel(Func<IReadOnlyList<PairOutcome>, IReadOnlyList<GalleryDraft>> gallery)
    {
        ModelState state = _current ?? throw new InvalidOperationException("BeginModel first.");
        AuditedModel audited = _spec.Models[state.Index];

        // The gallery replays pairs through the model while the statistics of this model and of the next ones are
        // computed: each spreads over the cores, and side by side they fill each other's idle tails. Neither changes
        // what the other computes, and the summaries take the galleries in model order. It ranks the outcomes kept for
        // it, which it ranks as it would every outcome of the model.
        IReadOnlyList<PairOutcome> shortlist = state.Gallery.InPairOrder();
        _galleries.Add(Task.Run(() => gallery(shortlist)));
        PairColumns columns = state.Columns;
        IReadOnlyList<CheckResult> checks = SummaryBuilder.Judge(audited.Name, _spec.Policy.Policy, columns, _spec.Bootstrap);
        ScoreSource scoreSource = columns.AnyMatchedDetectionScore
            ? ScoreSource.MatchedDetectionScore
            : ScoreSource.AnchorClassScore;
        checks = ScoreSourceNote.Apply(checks, scoreSource);
        _log.AppendPairMetrics(columns, checks);
        ReleaseLargeGarbage(); // the checks' per-subject arrays, before the profiles add theirs
        IReadOnlyList<ArtifactTypeProfile> profiles = ProfileBuilder.Build(columns, _spec.Bootstrap);

        // Per tap, each artifact type's own ranking in turn (artifact types in ordinal order).
        var channels = state.TopChannels.Groups.GroupBy(g => g.Tap, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<SelectiveChannel>)[.. g.SelectMany(k => state.TopChannels.Top(k.ArtifactType, k.Tap))],
            StringComparer.Ordinal);
        int attempted = _pairs.Pairs.Count + _pairs.Problems.Count;
        var summary = new ModelAuditSummary(audited.Name, audited.Path.FullPath, attempted, columns.Count, state.Failures, checks, channels)
        {
            Profiles = profiles,
            ScoreSource = scoreSource,
            Role = audited.Role,
            Trace = Trace?.Run(state.Index, state.Traced),
        };
        _models.Add(summary);
        _current = null; // the model's columns go with it

        ReleaseLargeGarbage(); // the profiles' arrays and the model's columns, before the next model's are built
    }

    /// <summary>
    /// At a million pairs the statistics leave some hundreds of MB of large arrays (per-subject sums, ranks, residuals)
    /// that the GC would keep until long after, adding one step's to the next's: a blocking collection between the
    /// steps, which also gives the pages back, holds the peak to one step's. Two per model, a few ms at the demo's size.
    /// </summary>
    private static void ReleaseLargeGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private string PairIdOf(int pair) => pair >= 0 && pair < _pairs.Pairs.Count
        ? _pairs.PairIdOf(pair)
        : throw new InvalidOperationException($"Record of pair {pair}: the dataset has {_pairs.Pairs.Count} pairs.");

    /// <summary>The image a pair starts from, which the gallery shows at most twice; the pair's own id when the dataset does not have it (as the gallery does).</summary>
    private string BaseImageOf(int pair, string pairId) => pair < _pairs.Pairs.Count && _pairs.PairIdOf(pair) == pairId ? _pairs.ImageOf(pair) : pairId;

    /// <summary>Freezes the audit summary, writes <c>summary.csv</c> and <c>channels.csv</c> and gives every log its real name.</summary>
    private AuditSummary Freeze(AuditProvenance provenance)
    {
        if (_current is not null || _models.Count != _spec.Models.Count)
        {
            throw new InvalidOperationException($"Finish after every model: {_models.Count} of {_spec.Models.Count} ended.");
        }

        IReadOnlyList<IReadOnlyList<GalleryDraft>> drafts = [.. _galleries.Select(g => g.GetAwaiter().GetResult())];
        IReadOnlyList<IReadOnlyList<GalleryPair>> galleries = GalleryBuilder.Finish(drafts);
        ModelAuditSummary[] models = [.. _models.Select((m, i) => m with { Gallery = galleries[i] })];
        IReadOnlyList<AblationAudit> ablations = _cleanDetections is null
            ? []
            : AblationAuditBuilder.FindAll(models, provenance.Models, _ablations, _cleanDetections, _spec.Prediction.MatchIou);
        var summary = new AuditSummary(_spec.Name, _folder, _spec.MaxErrorRate, models) { Bootstrap = _spec.Bootstrap, Provenance = provenance, Ablations = ablations, Dataset = DatasetCompositionBuilder.Build(_pairs.Pairs) };
        _log.Complete(summary);
        AblationLog.Write(_folder, ablations);
        return summary;
    }

    /// <summary>Without <see cref="Finish"/>, leaves the logs as <c>*.partial</c>. Returns only when no gallery is rendering.</summary>
    public void Dispose()
    {
        foreach (Task<IReadOnlyList<GalleryDraft>> rendering in _galleries)
        {
            Task.WaitAny(rendering); // the caller disposes the models next; WaitAny does not throw
            if (rendering.IsCompletedSuccessfully)
            {
                foreach (GalleryDraft draft in rendering.Result)
                {
                    draft.Dispose(); // a second Dispose after Finish is harmless
                }
            }
        }

        _log.Dispose();
    }

    /// <summary>The summary needs only the per-layer numbers; channel selectivities already went into the running top-k.</summary>
    private static PairOutcome WithoutChannelDetail(PairOutcome outcome) => outcome with
    {
        ArtifactLayers = [.. outcome.ArtifactLayers.Select(l => l with { ChannelSelectivity = [] })],
        PlaceboLayers = [.. outcome.PlaceboLayers.Select(p => (IReadOnlyList<LayerChange>)[.. p.Select(l => l with { ChannelSelectivity = [] })])],
    };

    private sealed class ModelState(int index, PairColumns columns)
    {
        public int Index { get; } = index;

        public int LastPair { get; set; } = -1;

        /// <summary>The compact numbers of every completed pair, what the checks and profiles read.</summary>
        public PairColumns Columns { get; } = columns;

        /// <summary>The outcomes that may make the model's gallery.</summary>
        public GalleryShortlist Gallery { get; } = new();

        public List<PairFailure> Failures { get; } = [];

        public ChannelSelectivityTopK TopChannels { get; } = new();

        public List<(int Pair, PairOutcome Outcome)> Traced { get; } = [];
    }
}
