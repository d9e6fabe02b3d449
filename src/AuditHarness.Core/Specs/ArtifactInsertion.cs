namespace AuditHarness.Core.Specs;

/// <summary>The synthetic artifact of an <see cref="InsertionDataset"/>.</summary>
/// <param name="Type">What is drawn.</param>
/// <param name="Text">The watermark's text; only for <see cref="InsertedArtifactType.Watermark"/>.</param>
/// <param name="FontScale">Size of the watermark text or the ruler's tick labels, relative to the default.</param>
/// <param name="Opacity">0 is invisible, 1 opaque.</param>
/// <param name="Position">Where it is drawn.</param>
/// <param name="Logo">The logo image; only for <see cref="InsertedArtifactType.Logo"/>.</param>
public sealed record ArtifactInsertion(
    InsertedArtifactType Type,
    string? Text,
    double FontScale,
    double Opacity,
    ArtifactPosition Position,
    SpecPath? Logo);
