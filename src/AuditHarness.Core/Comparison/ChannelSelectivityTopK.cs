namespace AuditHarness.Core.Comparison;

/// <summary>
/// Running ranking of the channels of each tapped layer by mean artifact selectivity across the pairs of one artifact
/// type, ranked per (artifact type, tap): a channel that answers to dark corners is not averaged with rulers, so the
/// ranking of each type says which channels that artifact drives. Keeps per channel an exact sum, a count and the
/// maximum: memory O(C) per artifact type and layer whatever the number of pairs.
/// </summary>
/// <remarks>
/// The result does not depend on the order pairs are added in: sums are exact until one final rounding (a plain
/// double sum is not associative and could flip near-tied ranks), and the maximum's pair is the lowest pair index
/// among equal maxima. Ranks: mean selectivity descending, then channel index ascending. NaN selectivities (region
/// not on the grid) are skipped per channel; channels with no defined value are not ranked.
/// Each pair must be added once per tap (under its own artifact type): detecting a repeat would need memory per pair. Not thread-safe.
/// </remarks>
public sealed class ChannelSelectivityTopK
{
    public const int DefaultK = 10;

    private readonly Dictionary<(string ArtifactType, string Tap), LayerAccumulator> _layers = [];

    public ChannelSelectivityTopK(int k = DefaultK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
    }

    /// <summary>How many channels <see cref="Top"/> returns at most.</summary>
    public int K { get; }

    /// <summary>The (artifact type, tap) groups seen so far, in ordinal order of artifact type, then tap.</summary>
    public IReadOnlyList<(string ArtifactType, string Tap)> Groups =>
        [.. _layers.Keys.OrderBy(k => k.ArtifactType, StringComparer.Ordinal).ThenBy(k => k.Tap, StringComparer.Ordinal)];

    /// <summary>Adds one pair's per-channel selectivity for <paramref name="tap"/>, ranked among the pairs of <paramref name="artifactType"/>.</summary>
    public void Add(string artifactType, string tap, int pairIndex, string pairId, float[] selectivity)
    {
        ArgumentNullException.ThrowIfNull(artifactType);
        ArgumentNullException.ThrowIfNull(tap);
        ArgumentNullException.ThrowIfNull(pairId);
        ArgumentNullException.ThrowIfNull(selectivity);
        ArgumentOutOfRangeException.ThrowIfNegative(pairIndex);

        if (!_layers.TryGetValue((artifactType, tap), out LayerAccumulator? layer))
        {
            if (selectivity.Length == 0)
            {
                throw new ArgumentException($"Tap '{tap}': selectivity of pair '{pairId}' has no channels.", nameof(selectivity));
            }

            layer = new LayerAccumulator(selectivity.Length);
            _layers.Add((artifactType, tap), layer);
        }
        else if (selectivity.Length != layer.Sums.Length)
        {
            throw new ArgumentException(
                $"Tap '{tap}': pair '{pairId}' has {selectivity.Length} channels, earlier pairs had {layer.Sums.Length}.",
                nameof(selectivity));
        }

        for (int c = 0; c < selectivity.Length; c++)
        {
            float s = selectivity[c];
            if (float.IsNaN(s))
            {
                continue;
            }

            if (float.IsInfinity(s))
            {
                throw new ArgumentOutOfRangeException(nameof(selectivity), s, $"Tap '{tap}': channel {c} of pair '{pairId}' is infinite.");
            }

            layer.Sums[c].Add(s);
            layer.Counts[c]++;
            if (layer.Counts[c] == 1 || s > layer.Max[c] || (s == layer.Max[c] && pairIndex < layer.MaxPairIndex[c]))
            {
                layer.Max[c] = s;
                layer.MaxPairIndex[c] = pairIndex;
                layer.MaxPairId[c] = pairId;
            }
        }
    }

    /// <summary>The up to <see cref="K"/> most selective channels of <paramref name="tap"/> on the pairs of <paramref name="artifactType"/>, most selective first.</summary>
    /// <exception cref="ArgumentException">Nothing was added for that artifact type and tap.</exception>
    public IReadOnlyList<SelectiveChannel> Top(string artifactType, string tap)
    {
        ArgumentNullException.ThrowIfNull(artifactType);
        ArgumentNullException.ThrowIfNull(tap);
        if (!_layers.TryGetValue((artifactType, tap), out LayerAccumulator? layer))
        {
            throw new ArgumentException($"No selectivity was added for tap '{tap}' on artifact type '{artifactType}'; known: {string.Join(", ", Groups.Select(g => g.ArtifactType + "/" + g.Tap))}.", nameof(tap));
        }

        var channels = new List<SelectiveChannel>();
        for (int c = 0; c < layer.Sums.Length; c++)
        {
            if (layer.Counts[c] > 0)
            {
                channels.Add(new SelectiveChannel(tap, c, layer.Sums[c].Value / layer.Counts[c], layer.Max[c], layer.Counts[c], layer.MaxPairId[c]!, artifactType));
            }
        }

        channels.Sort(static (a, b) =>
        {
            int byMean = b.MeanSelectivity.CompareTo(a.MeanSelectivity);
            return byMean != 0 ? byMean : a.Channel.CompareTo(b.Channel);
        });

        return channels.Count > K ? channels.GetRange(0, K) : channels;
    }

    private sealed class LayerAccumulator
    {
        public LayerAccumulator(int channels)
        {
            Sums = new ExactSum[channels];
            for (int c = 0; c < channels; c++)
            {
                Sums[c] = new ExactSum();
            }

            Counts = new int[channels];
            Max = new double[channels];
            MaxPairIndex = new int[channels];
            MaxPairId = new string?[channels];
        }

        public ExactSum[] Sums { get; }

        public int[] Counts { get; }

        public double[] Max { get; }

        public int[] MaxPairIndex { get; }

        public string?[] MaxPairId { get; }
    }
}
