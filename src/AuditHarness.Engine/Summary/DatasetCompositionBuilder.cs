using AuditHarness.Core.Pairs;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>Counts the audited pairs per artifact type and label, and their distinct subjects, for the report's dataset description.</summary>
public static class DatasetCompositionBuilder
{
    public static DatasetComposition Build(IReadOnlyList<AuditPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        static string? SubjectOf(AuditPair pair) => pair is ManifestPair { SubjectId: { Length: > 0 } subject } ? subject : null;
        DatasetGroup[] groups =
        [
            .. pairs.GroupBy(p => (p.ArtifactType, Label: string.IsNullOrEmpty(p.Label) ? null : p.Label))
                .Select(g => new DatasetGroup(g.Key.ArtifactType, g.Key.Label, g.Count(), g.Select(SubjectOf).OfType<string>().Distinct(StringComparer.Ordinal).Count())),
        ];
        int subjects = pairs.Select(SubjectOf).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        return new DatasetComposition(groups, pairs.Count, subjects, pairs.Count(p => SubjectOf(p) is null));
    }
}
