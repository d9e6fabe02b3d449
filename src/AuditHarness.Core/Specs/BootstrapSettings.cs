using AuditHarness.Core.Statistics;

namespace AuditHarness.Core.Specs;

/// <summary>The bootstrap behind every confidence interval.</summary>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Seed">Seed, so intervals repeat.</param>
/// <param name="Confidence">Confidence level of the intervals, e.g. 0.95.</param>
public sealed record BootstrapSettings(int Resamples, int Seed, double Confidence)
{
    /// <summary>
    /// Clusters from which an interval is linearised instead of bootstrapped (<see cref="ClusterInterval"/>, which also
    /// asks for enough clusters on each side of the estimate); 0 means <see cref="ClusterInterval.DefaultLargeSampleClusters"/>.
    /// </summary>
    public int LargeSampleClusters { get; init; } = ClusterInterval.DefaultLargeSampleClusters;
}
