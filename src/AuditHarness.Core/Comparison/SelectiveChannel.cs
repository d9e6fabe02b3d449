namespace AuditHarness.Core.Comparison;

/// <summary>
/// One channel of a tapped layer ranked by its artifact selectivity across the pairs of one artifact type. Selectivity is
/// a ratio without unit: the channel's mean absolute activation change (original minus artifact removed) inside the
/// artifact's region over its mean absolute change outside it; 1 means no preference for the region.
/// </summary>
/// <param name="Tap">Layer name.</param>
/// <param name="Channel">Channel index in the layer.</param>
/// <param name="MeanSelectivity">Mean selectivity over the pairs where it was defined.</param>
/// <param name="MaxSelectivity">Largest selectivity seen.</param>
/// <param name="Pairs">Pairs that contributed (undefined, NaN, selectivities are skipped).</param>
/// <param name="MaxPairId">
/// The pair that gave <paramref name="MaxSelectivity"/> (lowest pair index on ties), so a report can show the image.
/// </param>
/// <param name="ArtifactType">The artifact type whose pairs the channel was ranked on.</param>
public sealed record SelectiveChannel(string Tap, int Channel, double MeanSelectivity, double MaxSelectivity, int Pairs, string MaxPairId, string ArtifactType);
