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
            copy[i] = Finite(values[i], i, paramName);
        }

        return copy;
    }

    /// <summary>The values as an array the caller must not change (the list itself when it is one), refusing NaN and infinities as <see cref="RequireFinite"/> does.</summary>
    private static double[] RequireFiniteReadOnly(IReadOnlyList<double> values, string paramName)
    {
        if (values is not double[] array)
        {
            return RequireFinite(values, paramName);
        }

        for (int i = 0; i < array.Length; i++)
        {
            Finite(array[i], i, paramName);
        }

        return array;
    }

    private static double Finite(double value, int index, string paramName) => double.IsFinite(value)
        ? value
        : throw new ArgumentException($"{paramName}[{index}] is {value}; every value must be finite (drop pairs without a value first).", paramName);

    /// <summary>
    /// Per-cluster numerators and denominators as arrays (copied only when not arrays already), refusing non-finite values, lists of different lengths and
    /// negative denominators (and zero ones unless <paramref name="zeroAllowed"/>: a cluster with no value in one run of a difference).
    /// </summary>
    /// <remarks>
    /// Arrays are checked where they are, not copied: the cluster statistics only read them, and at half a million
    /// subjects each copy is megabytes of garbage per interval (64 profile means and every check of every model).
    /// </remarks>
    public static (double[] Numerators, double[] Denominators) RequireClusters(
        IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, string denominatorsName, bool zeroAllowed)
    {
        double[] top = RequireFiniteReadOnly(numerators, nameof(numerators));
        double[] bottom = RequireFiniteReadOnly(denominators, denominatorsName);
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
