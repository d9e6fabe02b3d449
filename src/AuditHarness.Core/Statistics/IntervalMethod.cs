namespace AuditHarness.Core.Statistics;

/// <summary>How a cluster interval was computed; <see cref="ClusterInterval"/> chooses one per interval.</summary>
public enum IntervalMethod
{
    /// <summary>Percentile cluster bootstrap (<see cref="ClusterBootstrap"/>, <see cref="RatioDifferenceBootstrap"/>).</summary>
    Bootstrap,

    /// <summary>Linearised (delta-method) interval with the cluster-robust variance (<see cref="LinearisedInterval"/>).</summary>
    Linearised,
}
