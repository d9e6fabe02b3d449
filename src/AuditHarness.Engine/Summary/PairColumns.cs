using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// One model's completed pairs reduced to the numbers its checks, profiles and gallery ranking read, one row per pair
/// in pair order, in columns: per pair an index into the dataset's pair list (for its id), its subject as an index into
/// the model's subjects, its artifact type and placebo control as small indexes, and per metric the pair's
/// <see cref="PairMetrics.Effects(PairOutcome, MetricKind, string?)"/> and <see cref="PairMetrics.Pooled"/> numbers as
/// computed from its outcome. No object per pair, so a model of a million pairs takes a few hundred bytes per pair, and
/// the numbers are the very doubles the outcomes give, so statistics over them keep their bits.
/// </summary>
/// <remarks>
/// The metrics recorded are those of the policy's checks, the score shift (profiles, gallery) and both layer metrics of
/// every tap the pairs have (profiles); a tap first seen at a later pair gets NaN (no value) for the pairs before it,
/// which is what <see cref="PairMetrics.Effects(PairOutcome, MetricKind, string?)"/> gives a pair without that tap.
/// </remarks>
internal sealed class PairColumns
{
    /// <summary><see cref="PlaceboControls"/> by index, as <see cref="Control"/> holds them.</summary>
    public static readonly IReadOnlyList<string> ControlNames = [PlaceboControls.None, PlaceboControls.Shifted, PlaceboControls.Transplant];

    private readonly Func<int, string> _pairIdOf;
    private readonly Dictionary<string, int> _subjectIndex = new(StringComparer.Ordinal);
    private readonly List<string> _subjects = [];
    private readonly List<string> _types = [];
    private readonly List<List<string>> _tapsByType = [];
    private readonly Dictionary<(MetricKind Metric, string? Layer), MetricColumn> _metrics = [];
    private readonly List<string> _taps = [];
    private int[] _pair;
    private int[] _subject;
    private byte[] _type;
    private byte[] _control;

    /// <param name="capacity">The most pairs expected (the dataset's pair count): columns are sized once, not doubled as they grow.</param>
    /// <param name="pairIdOf">The id of a pair from its index (as <see cref="Add"/> was given it).</param>
    /// <param name="checks">The checks to be judged: their metrics are recorded from the start.</param>
    public PairColumns(int capacity, Func<int, string> pairIdOf, IEnumerable<PolicyCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(pairIdOf);
        ArgumentNullException.ThrowIfNull(checks);
        _pairIdOf = pairIdOf;
        capacity = Math.Max(capacity, 1);
        _pair = new int[capacity];
        _subject = new int[capacity];
        _type = new byte[capacity];
        _control = new byte[capacity];
        Metric(MetricKind.ScoreShift, null);
        foreach (PolicyCheck check in checks)
        {
            Metric(check.Metric, check.Layer);
        }
    }

    /// <summary>Pairs added.</summary>
    public int Count { get; private set; }

    /// <summary>Artifact types in order of first appearance; <see cref="TypeOf"/> indexes them.</summary>
    public IReadOnlyList<string> Types => _types;

    /// <summary>Subject ids in order of first appearance; <see cref="SubjectOf"/> indexes them.</summary>
    public IReadOnlyList<string> Subjects => _subjects;

    /// <summary>Whether some pair's score drops were read at the matched detection (<see cref="ScoreSource"/>).</summary>
    public bool AnyMatchedDetectionScore { get; private set; }

    /// <summary>The columns of a model's outcomes, in their order; pair ids are the outcomes'.</summary>
    public static PairColumns Of(IReadOnlyList<PairOutcome> outcomes, IEnumerable<PolicyCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var columns = new PairColumns(outcomes.Count, i => outcomes[i].PairId, checks);
        for (int i = 0; i < outcomes.Count; i++)
        {
            columns.Add(i, outcomes[i]);
        }

        return columns;
    }

    /// <summary>Records one pair (pairs in order); <paramref name="pair"/> is what <c>pairIdOf</c> takes.</summary>
    public void Add(int pair, PairOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        int row = Count;
        if (row == _pair.Length)
        {
            Grow();
        }

        int type = _types.IndexOf(outcome.ArtifactType);
        if (type < 0)
        {
            type = _types.Count;
            if (type > byte.MaxValue)
            {
                throw new InvalidOperationException($"More than {byte.MaxValue + 1} artifact types in one audit (pair '{outcome.PairId}' brings '{outcome.ArtifactType}').");
            }

            _types.Add(outcome.ArtifactType);
            _tapsByType.Add([]);
        }

        _pair[row] = pair;
        _type[row] = (byte)type;
        _control[row] = (byte)ControlIndex(outcome.PlaceboControl);
        _subject[row] = SubjectIndex(outcome.SubjectId);
        AnyMatchedDetectionScore |= outcome.ScoreSource == ScoreSource.MatchedDetectionScore;
        foreach (LayerChange layer in outcome.ArtifactLayers)
        {
            if (!_tapsByType[type].Contains(layer.Tap, StringComparer.Ordinal))
            {
                _tapsByType[type].Add(layer.Tap);
            }

            if (!_taps.Contains(layer.Tap, StringComparer.Ordinal))
            {
                _taps.Add(layer.Tap);
                Metric(MetricKind.LayerRelativeChange, layer.Tap);
                Metric(MetricKind.LayerInsideShare, layer.Tap);
            }
        }

        foreach (((MetricKind metric, string? layer), MetricColumn column) in _metrics)
        {
            column.Set(row, outcome, metric, layer);
        }

        Count++;
    }

    /// <summary>The index of the pair at <paramref name="row"/>, as <see cref="Add"/> was given it.</summary>
    public int PairOf(int row) => _pair[row];

    /// <summary>The id of the pair at <paramref name="row"/>.</summary>
    public string PairIdOf(int row) => _pairIdOf(_pair[row]);

    /// <summary>Index into <see cref="Types"/>.</summary>
    public int TypeOf(int row) => _type[row];

    /// <summary>Index into <see cref="Subjects"/>; -1 when the pair has no subject.</summary>
    public int SubjectOf(int row) => _subject[row];

    /// <summary>Index into <see cref="ControlNames"/>.</summary>
    public int Control(int row) => _control[row];

    /// <summary>The taps of the pairs of one type, in order of first appearance (pair order, then each pair's layer order).</summary>
    public IReadOnlyList<string> TapsOf(int type) => _tapsByType[type];

    /// <summary>The pair's <see cref="PairMetrics.Effects(PairOutcome, MetricKind, string?)"/> for a recorded metric.</summary>
    public (double Artifact, double Placebo) Effects(int row, MetricKind metric, string? layer) => _metrics[(metric, layer)].Effects(row);

    /// <summary>The pair's <see cref="PairMetrics.Pooled"/> for a recorded metric.</summary>
    public (double Artifact, double Placebo, double Weight) Pooled(int row, MetricKind metric, string? layer) => _metrics[(metric, layer)].Pooled(row);

    /// <summary>The rows of one artifact type, in order.</summary>
    public int[] RowsOf(int type)
    {
        // Counted first, so the one array is the only allocation (a list would double through a million rows).
        int count = 0;
        for (int row = 0; row < Count; row++)
        {
            count += _type[row] == type ? 1 : 0;
        }

        int[] rows = new int[count];
        for (int row = 0, next = 0; next < count; row++)
        {
            if (_type[row] == type)
            {
                rows[next++] = row;
            }
        }

        return rows;
    }

    private static int ControlIndex(string control)
    {
        for (int i = 0; i < ControlNames.Count; i++)
        {
            if (string.Equals(ControlNames[i], control, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Unknown placebo control '{control}'.");
    }

    private int SubjectIndex(string? subject)
    {
        if (subject is null)
        {
            return -1;
        }

        if (!_subjectIndex.TryGetValue(subject, out int index))
        {
            index = _subjects.Count;
            _subjectIndex.Add(subject, index);
            _subjects.Add(subject);
        }

        return index;
    }

    private void Metric(MetricKind metric, string? layer)
    {
        // A check's metric without a layer where it needs one never reaches here: specs are validated first.
        if (!_metrics.ContainsKey((metric, layer)))
        {
            var column = new MetricColumn(_pair.Length, PairMetrics.PoolsOverPairs(metric));
            column.FillMissing(Count);
            _metrics.Add((metric, layer), column);
        }
    }

    private void Grow()
    {
        int capacity = _pair.Length * 2;
        Array.Resize(ref _pair, capacity);
        Array.Resize(ref _subject, capacity);
        Array.Resize(ref _type, capacity);
        Array.Resize(ref _control, capacity);
        foreach (MetricColumn column in _metrics.Values)
        {
            column.Resize(capacity);
        }
    }

    /// <summary>
    /// One metric's per-pair numbers. A metric pooled over pairs (weight 1 where there is a value) keeps its two effects
    /// only, its pooled numbers follow from them; the others keep their pooled sums and weight too.
    /// </summary>
    private sealed class MetricColumn(int capacity, bool poolsOverPairs)
    {
        private double[] _artifact = new double[capacity];
        private double[] _placebo = new double[capacity];
        private double[]? _pooledArtifact = poolsOverPairs ? null : new double[capacity];
        private double[]? _pooledPlacebo = poolsOverPairs ? null : new double[capacity];
        private double[]? _weight = poolsOverPairs ? null : new double[capacity];

        public void Set(int row, PairOutcome outcome, MetricKind metric, string? layer)
        {
            (_artifact[row], _placebo[row]) = PairMetrics.Effects(outcome, metric, layer);
            if (_weight is not null)
            {
                (_pooledArtifact![row], _pooledPlacebo![row], _weight[row]) = PairMetrics.Pooled(outcome, metric, layer);
            }
        }

        /// <summary>Rows before the metric was first seen: no value, as for a pair without that tap.</summary>
        public void FillMissing(int rows)
        {
            _artifact.AsSpan(0, rows).Fill(double.NaN);
            _placebo.AsSpan(0, rows).Fill(double.NaN);
            _pooledArtifact?.AsSpan(0, rows).Fill(double.NaN);
            _pooledPlacebo?.AsSpan(0, rows).Fill(double.NaN);
            // _weight stays 0: no value.
        }

        public (double, double) Effects(int row) => (_artifact[row], _placebo[row]);

        public (double, double, double) Pooled(int row) => _weight is null
            ? PairMetrics.PooledOverPairs((_artifact[row], _placebo[row]))
            : (_pooledArtifact![row], _pooledPlacebo![row], _weight[row]);

        public void Resize(int capacity)
        {
            Array.Resize(ref _artifact, capacity);
            Array.Resize(ref _placebo, capacity);
            if (_weight is not null)
            {
                Array.Resize(ref _pooledArtifact, capacity);
                Array.Resize(ref _pooledPlacebo, capacity);
                Array.Resize(ref _weight, capacity);
            }
        }
    }
}
