namespace AuditHarness.Core.Specs;

/// <summary>Where the image pairs come from: a paired manifest (<see cref="ManifestDataset"/>) or originals plus a synthetic artifact (<see cref="InsertionDataset"/>).</summary>
public abstract record DatasetSource;
