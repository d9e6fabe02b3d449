using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// What a comparison needs of one check of one run, reduced as its <c>pair-metrics.csv</c> rows are read: per
/// resampling cluster (subject, or the pair without one), in order of first appearance, Σ reliance × weight and Σ weight;
/// how many pairs had a value, how many without a subject; and which pairs (a bit each over the run's pair ids). Memory
/// grows with the clusters, not with the rows and their columns.
/// </summary>
public sealed class CheckClusterSums
{
    private readonly IdTable _pairs;
    private readonly IdTable _clusterKeys;
    private readonly List<int> _clusters = []; // cluster key numbers, in order of first appearance
    private readonly List<double> _numerators = [];
    private readonly List<double> _weights = [];
    private ulong[] _pairBits = [];
    private Dictionary<int, int>? _position = []; // key number -> place in _clusters, only while rows are added

    /// <param name="pairs">The run's pair ids, shared by its checks.</param>
    /// <param name="clusterKeys">The run's cluster keys, shared by its checks.</param>
    public CheckClusterSums(IdTable pairs, IdTable clusterKeys)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(clusterKeys);
        _pairs = pairs;
        _clusterKeys = clusterKeys;
    }

    /// <summary>The sums of <paramref name="values"/>, with tables of their own.</summary>
    public static CheckClusterSums Of(IEnumerable<CheckPairValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sums = new CheckClusterSums(new IdTable(), new IdTable());
        foreach (CheckPairValue value in values)
        {
            sums.Add(value);
        }

        sums.Complete();
        return sums;
    }

    /// <summary>Pairs with a value (rows added).</summary>
    public int Pairs { get; private set; }

    /// <summary>Of <see cref="Pairs"/>, those without a subject (each its own cluster).</summary>
    public int WithoutSubject { get; private set; }

    public int Clusters => _clusters.Count;

    /// <summary>The <paramref name="cluster"/>-th cluster's key (<see cref="ResamplingClusters.Key"/>), in order of first appearance.</summary>
    public string ClusterKey(int cluster) => _clusterKeys[_clusters[cluster]];

    public double Numerator(int cluster) => _numerators[cluster];

    public double Weight(int cluster) => _weights[cluster];

    public double[] Numerators() => [.. _numerators];

    public double[] Weights() => [.. _weights];

    /// <summary>Adds one pair's value to its cluster's sums (summed in the order added, as the run's own statistics do).</summary>
    public void Add(CheckPairValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int pair = _pairs.Add(value.PairId);
        if (pair / 64 >= _pairBits.Length)
        {
            Array.Resize(ref _pairBits, Math.Max(pair / 64 + 1, _pairBits.Length * 2));
        }

        _pairBits[pair / 64] |= 1UL << (pair % 64);
        int key = _clusterKeys.Add(ResamplingClusters.Key(value.SubjectId, value.PairId));
        _position ??= _clusters.Select((k, c) => (k, c)).ToDictionary(x => x.k, x => x.c); // rows after Complete: rare
        if (!_position.TryGetValue(key, out int cluster))
        {
            cluster = _clusters.Count;
            _position.Add(key, cluster);
            _clusters.Add(key);
            _numerators.Add(0);
            _weights.Add(0);
        }

        _numerators[cluster] += value.Reliance * value.Weight;
        _weights[cluster] += value.Weight;
        Pairs++;
        WithoutSubject += value.SubjectId is null ? 1 : 0;
    }

    /// <summary>Drops what only adding needs (the clusters' lookup): the file had the check's rows together, so it is done.</summary>
    public void Complete() => _position = null;

    /// <summary>Whether the pair <paramref name="pairId"/> had a value in this check.</summary>
    public bool HasPair(string pairId)
    {
        int pair = _pairs.NumberOf(pairId);
        return pair >= 0 && pair / 64 < _pairBits.Length && (_pairBits[pair / 64] & (1UL << (pair % 64))) != 0;
    }

    /// <summary>The ids of the pairs with a value, in order of their first row in the run.</summary>
    public IEnumerable<string> PairIds()
    {
        for (int word = 0; word < _pairBits.Length; word++)
        {
            for (ulong bits = _pairBits[word]; bits != 0; bits &= bits - 1)
            {
                yield return _pairs[(word * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
            }
        }
    }

    /// <summary>The check's pooled estimate, Σ(reliance × weight) / Σ weight over its pairs, as the run's summary gives it; NaN for none.</summary>
    public double PooledEstimate()
    {
        double n = 0, w = 0;
        for (int c = 0; c < _clusters.Count; c++)
        {
            n += _numerators[c];
            w += _weights[c];
        }

        return w > 0 ? n / w : double.NaN;
    }
}
