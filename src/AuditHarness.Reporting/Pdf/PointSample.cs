namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The values a box plot draws as points: all of them up to <see cref="MaxPoints"/>, beyond that
/// <see cref="MaxPoints"/> evenly spaced order statistics (the smallest, the largest and the values at equal rank steps
/// between). That sample is a picture of the whole distribution at a fixed cost: it keeps the extremes and the shape
/// (every band of ranks holds the same share of points as of pairs), and it is the same for the same values in any
/// order, so a resumed, sharded or merged run draws the very points of a single run. A fixed stride in pair order would
/// depend on the manifest's order and could miss the extremes, which are the pairs an auditor looks for.
/// </summary>
public static class PointSample
{
    /// <summary>
    /// The most points drawn beside one box. A box's strip of points is about 15 pt wide: past a few hundred points
    /// they cover it and more add bytes (each is a path in the PDF) but nothing visible.
    /// </summary>
    public const int MaxPoints = 200;

    /// <summary>
    /// <paramref name="values"/> in their order when there are at most <paramref name="limit"/>; else
    /// <paramref name="limit"/> of them in ascending order, the k-th the value of rank round(k (n - 1) / (limit - 1)).
    /// </summary>
    public static double[] Of(IReadOnlyList<double> values, int limit = MaxPoints)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        if (values.Count <= limit)
        {
            return [.. values];
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        var sample = new double[limit];
        double step = (sorted.Length - 1) / (double)(limit - 1);
        for (int k = 0; k < limit; k++)
        {
            sample[k] = sorted[(int)Math.Round(k * step, MidpointRounding.AwayFromZero)];
        }

        return sample;
    }
}
