namespace AuditHarness.Engine.Tracing;

/// <summary>
/// Ranks a layer's channels by their mean artifact selectivity (<see cref="Core.Comparison.LayerChange.ChannelSelectivity"/>)
/// over the selection pairs: most selective first, ties by the lower channel index. A pair whose selectivity list has
/// another width (or none) is not counted; a channel's non-finite values are left out of its mean, and a channel with
/// no finite value ranks last.
/// </summary>
public static class ChannelRanking
{
    public static IReadOnlyList<int> Rank(IEnumerable<float[]> selectivities, int channels)
    {
        ArgumentNullException.ThrowIfNull(selectivities);
        double[] sums = new double[channels];
        int[] counts = new int[channels];
        foreach (float[] pair in selectivities)
        {
            if (pair.Length != channels)
            {
                continue;
            }

            for (int c = 0; c < channels; c++)
            {
                if (float.IsFinite(pair[c]))
                {
                    sums[c] += pair[c];
                    counts[c]++;
                }
            }
        }

        double Mean(int c) => counts[c] == 0 ? double.NegativeInfinity : sums[c] / counts[c];
        return [.. Enumerable.Range(0, channels).OrderByDescending(Mean).ThenBy(c => c)];
    }
}
