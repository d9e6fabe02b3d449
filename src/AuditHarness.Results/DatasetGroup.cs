namespace AuditHarness.Results;

/// <summary>The pairs of one artifact type and label: how many, and from how many distinct subjects.</summary>
/// <param name="Label">The manifest's label; null when the pairs have none.</param>
public sealed record DatasetGroup(string ArtifactType, string? Label, int Pairs, int Subjects);
