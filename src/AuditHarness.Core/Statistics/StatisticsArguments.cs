using MathNet.Numerics.Distributions;

namespace AuditHarness.Core.Statistics;

/// <summary>Argument checks shared by the statistics, so every one words the same mistake the same way.</summary>
internal static class StatisticsArguments
{
    public static void RequireConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, $"confidence must be strictly between 0 and 1 (for example 0.95); got {confidence}.");
        }
    }

    /// <summary>Copies the values, refusing NaN and infinities: a missing per-pair metric must be dropped
    /// (and counted) upstream, not silently averaged in or ranked.</summary>
    public static double[] RequireFinite(IReadOnlyList<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        double[] copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{paramName}[{i}] is {v}; every value must be finite (drop pairs without a value first).", paramName);
            }

            copy[i] = v;
        }

        return copy;
    }

    /// <summary>
    /// Copies per-cluster numerators and denominators, refusing non-finite values, lists of different lengths and
    /// negative denominators (and zero ones unless <paramref name="zeroAllowed"/>: a cluster with no value in one run of a difference).
    /// </summary>
    public static (double[] Numerators, double[] Denominators) RequireClusters(
        IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, string denominatorsName, bool zeroAllowed)
    {
        double[] top = RequireFinite(numerators, nameof(numerators));
        double[] bottom = RequireFinite(denominators, denominatorsName);
        if (top.Length != bottom.Length)
        {
            throw new ArgumentException($"numerators and denominators must be one per cluster; got {top.Length} and {bottom.Length}.", denominatorsName);
        }

        if (zeroAllowed ? Array.Exists(bottom, d => d < 0) : Array.Exists(bottom, d => d <= 0))
        {
            throw new ArgumentException(zeroAllowed
                ? "every cluster's denominator must be zero or above."
                : "every cluster's denominator must be above zero (a cluster with nothing to count over is left out before).", denominatorsName);
        }

        return (top, bottom);
    }

    /// <summary>The two-sided critical value z with P(|Z| &lt;= z) = confidence.</summary>
    public static double TwoSidedZ(double confidence) => Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
}
