namespace AuditHarness.Core.Statistics;

/// <summary>
/// Holm's step-down adjustment of a family of p-values (Holm, "A simple sequentially rejective multiple test procedure",
/// Scand. J. Statist. 6, 1979): sorted ascending, the i-th smallest (1-based) of m becomes max over j ≤ i of
/// min(1, (m - j + 1) p(j)). Rejecting where the adjusted value is at most α keeps the chance of any false rejection in
/// the family at most α, under any dependence between the tests (R's <c>p.adjust(method = "holm")</c>).
/// </summary>
public static class HolmAdjustment
{
    /// <summary>
    /// The adjusted p-values, in the input's order. NaN entries (no test was possible) stay NaN and are not counted in
    /// the family's size m.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        double[] adjusted = new double[pValues.Count];
        var tested = new List<int>(pValues.Count);
        for (int i = 0; i < pValues.Count; i++)
        {
            double p = pValues[i];
            if (double.IsNaN(p))
            {
                adjusted[i] = double.NaN;
                continue;
            }

            if (p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, $"a p-value must lie in [0, 1] or be NaN; entry {i} is {p}.");
            }

            tested.Add(i);
        }

        // Ties may come in any order: the running maximum gives tied p-values the same adjusted value either way.
        int[] order = [.. tested.OrderBy(i => pValues[i])];
        int m = order.Length;
        double running = 0;
        for (int j = 0; j < m; j++)
        {
            running = Math.Max(running, Math.Min(1, (m - j) * pValues[order[j]]));
            adjusted[order[j]] = running;
        }

        return adjusted;
    }
}
