namespace AuditHarness.Core.Metrics;

/// <summary>
/// Summary of one activation tensor: mean, population standard deviation, extremes and L2 norm, accumulated
/// in double precision so large tensors do not lose digits.
/// </summary>
public readonly record struct TensorStatistics(long Count, double Mean, double StandardDeviation, double Min, double Max, double L2Norm)
{
    public static TensorStatistics Compute(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return new TensorStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        double sum = 0, sumOfSquares = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (float v in values)
        {
            sum += v;
            sumOfSquares += (double)v * v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        double mean = sum / values.Length;

        // Second pass for the variance: the one-pass formula cancels badly when the mean is large.
        double squaredDeviations = 0;
        foreach (float v in values)
        {
            double d = v - mean;
            squaredDeviations += d * d;
        }

        return new TensorStatistics(values.Length, mean, Math.Sqrt(squaredDeviations / values.Length), min, max, Math.Sqrt(sumOfSquares));
    }
}
