namespace AuditHarness.Core.Specs;

/// <summary>The bootstrap behind every confidence interval.</summary>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Seed">Seed, so intervals repeat.</param>
/// <param name="Confidence">Confidence level of the intervals, e.g. 0.95.</param>
public sealed record BootstrapSettings(int Resamples, int Seed, double Confidence);
