namespace AuditHarness.Core.Statistics;

/// <summary>
/// A bounded sample of values for drawing: all of them up to a limit, beyond it that many evenly spaced order statistics
/// (the smallest, the largest and the values at equal rank steps between). It keeps the extremes and the shape (every
/// band of ranks holds the same share of the sample as of the values), and it is the same for the same values in any
/// order, so a resumed, sharded or merged run keeps the very values of a single run. A fixed stride in pair order would
/// depend on the manifest's order and could miss the extremes, the pairs an auditor looks for.
/// </summary>
public static class OrderStatisticSample
{
    /// <summary>
    /// <paramref name="values"/> in their order when there are at most <paramref name="limit"/>; else
    /// <paramref name="limit"/> of them in ascending order, the k-th (from 0) the value of rank
    /// round(k (n - 1) / (limit - 1)), halves rounded up, computed in integers so that no midpoint is rounded by
    /// floating-point noise. A sample of a sample is exact when the second limit's steps fall on the first's ranks:
    /// with <c>limit = (m - 1) j + 1</c>, the m-sample of the limit-sample is the m-sample of the values.
    /// </summary>
    public static IReadOnlyList<double> Of(IReadOnlyList<double> values, int limit)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2); // one value could not hold both extremes
        if (values.Count <= limit)
        {
            return values;
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        var sample = new double[limit];
        long last = sorted.Length - 1, steps = limit - 1;
        for (int k = 0; k < limit; k++)
        {
            sample[k] = sorted[((2 * k * last) + steps) / (2 * steps)];
        }

        return sample;
    }
}
