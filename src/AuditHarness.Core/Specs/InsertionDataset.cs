namespace AuditHarness.Core.Specs;

/// <summary>Pairs made by drawing a synthetic artifact onto artifact-free originals; the original is the artifact-free image.</summary>
/// <param name="Originals">A folder of images, or a pattern with wildcards in the file name (<c>originals/*.jpg</c>).</param>
/// <param name="Artifact">What is drawn and where.</param>
public sealed record InsertionDataset(SpecPath Originals, ArtifactInsertion Artifact) : DatasetSource
{
    /// <summary>True when <see cref="Originals"/> is a pattern rather than a folder.</summary>
    public bool OriginalsIsPattern => Originals.Text.AsSpan().IndexOfAny('*', '?') >= 0;
}
