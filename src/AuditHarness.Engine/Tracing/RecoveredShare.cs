using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// The recovered share of one patch over the pairs with an effect, pooled: Σ patched drops / Σ effects, with a
/// percentile cluster-bootstrap interval (<see cref="ClusterBootstrap.Ratio"/>, the spec's bootstrap settings) that
/// resamples whole clusters and recomputes the ratio in each resample, or from <c>bootstrap.largeSampleClusters</c>
/// clusters a linearised one (<see cref="ClusterInterval"/> decides).
/// </summary>
public static class RecoveredShare
{
    /// <param name="pairs">Per pair with an effect: its cluster, its patched drop (numerator) and its effect (denominator, above zero).</param>
    public static MethodInterval Of(IReadOnlyList<(string Cluster, double Drop, double Effect)> pairs, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var numerators = new List<double>();
        var denominators = new List<double>();
        foreach ((string cluster, double drop, double effect) in pairs)
        {
            if (!index.TryGetValue(cluster, out int c))
            {
                c = index.Count;
                index.Add(cluster, c);
                numerators.Add(0);
                denominators.Add(0);
            }

            numerators[c] += drop;
            denominators[c] += effect;
        }

        return ClusterInterval.Ratio(numerators, denominators, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
    }
}
