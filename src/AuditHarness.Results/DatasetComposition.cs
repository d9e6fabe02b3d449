namespace AuditHarness.Results;

/// <summary>
/// What the audited pairs are made of, for the report's dataset description: pairs per artifact type and label, and
/// how many distinct subjects (the manifest's <c>subject_id</c>) they come from.
/// </summary>
/// <param name="Groups">One row per artifact type and label, in order of first appearance.</param>
/// <param name="Pairs">Pairs that could be read (manifest rows that could not are not counted).</param>
/// <param name="Subjects">Distinct subjects over all pairs.</param>
/// <param name="PairsWithoutSubject">Pairs without a <c>subject_id</c> (every pair of an insertion dataset).</param>
public sealed record DatasetComposition(IReadOnlyList<DatasetGroup> Groups, int Pairs, int Subjects, int PairsWithoutSubject);
