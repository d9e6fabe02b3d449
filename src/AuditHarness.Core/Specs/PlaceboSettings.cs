namespace AuditHarness.Core.Specs;

/// <summary>The placebo control: the artifact's mask moved onto neutral background and removed the same way.</summary>
/// <param name="PerPair">Placebo variants per pair.</param>
/// <param name="Seed">Seed of the placement, so runs repeat.</param>
/// <param name="AvoidDetections">Keep the placebo patch off the original's detections.</param>
/// <param name="Margin">Minimum gap in pixels between the placebo patch and the artifact (and detections).</param>
/// <param name="MaxAttempts">Random placements tried before the pair is reported as having no placebo.</param>
public sealed record PlaceboSettings(int PerPair, int Seed, bool AvoidDetections, int Margin, int MaxAttempts)
{
    /// <summary>Which control a pair gets: shifted, transplanted onto a host image, or shifted where it fits and transplanted elsewhere.</summary>
    public PlaceboMode Mode { get; init; } = PlaceboMode.Auto;
}
