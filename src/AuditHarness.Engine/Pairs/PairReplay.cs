using AuditHarness.Engine.Gallery;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// A pair run again for the report's gallery (<see cref="PairProcessor.Replay"/>) through the same steps as in the
/// audit: what it produced (<see cref="Processed"/>, equal to the audit's) and the gallery's material, which it
/// owns until disposed.
/// </summary>
public sealed class PairReplay(ProcessedPair processed, GalleryMaterial material) : IDisposable
{
    public ProcessedPair Processed { get; } = processed;

    public GalleryMaterial Material { get; } = material;

    public void Dispose() => Material.Dispose();
}
