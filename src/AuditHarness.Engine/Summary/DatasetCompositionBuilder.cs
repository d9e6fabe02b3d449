using System.Collections;
using AuditHarness.Core.Pairs;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>Counts the audited pairs per artifact type and label, and their distinct subjects, for the report's dataset description.</summary>
public static class DatasetCompositionBuilder
{
    /// <summary>
    /// Groups in order of their first pair. One pass over the pairs holding a subject number per pair and a bit per
    /// subject and group, so a manifest of a million rows (a <see cref="ManifestPairTable"/>, read without building its pairs) is counted in a few MB.
    /// </summary>
    public static DatasetComposition Build(IReadOnlyList<AuditPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var table = pairs as ManifestPairTable;
        (int[] subjectOf, int subjectCount) = table is null ? NumberSubjects(pairs) : (null!, table.SubjectCount);
        var groupOf = new Dictionary<(string Type, string? Label), int>();
        var groups = new List<(string Type, string? Label, int Pairs, int Subjects, BitArray Seen)>();
        int withoutSubject = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            string type = table?.ArtifactTypeOf(i) ?? pairs[i].ArtifactType;
            string? label = table is null ? pairs[i].Label : table.LabelOf(i);
            label = string.IsNullOrEmpty(label) ? null : label;
            int subject = table?.SubjectIndexOf(i) ?? subjectOf[i];
            if (!groupOf.TryGetValue((type, label), out int g))
            {
                g = groups.Count;
                groupOf.Add((type, label), g);
                groups.Add((type, label, 0, 0, new BitArray(subjectCount)));
            }

            (string t, string? l, int count, int subjects, BitArray seen) = groups[g];
            bool first = subject >= 0 && !seen[subject];
            if (first)
            {
                seen[subject] = true;
            }

            withoutSubject += subject < 0 ? 1 : 0;
            groups[g] = (t, l, count + 1, subjects + (first ? 1 : 0), seen);
        }

        DatasetGroup[] composition = [.. groups.Select(g => new DatasetGroup(g.Type, g.Label, g.Pairs, g.Subjects))];
        return new DatasetComposition(composition, pairs.Count, subjectCount, withoutSubject);
    }

    /// <summary>Each pair's subject (a non-empty <see cref="ManifestPair.SubjectId"/>) numbered in order of first appearance; -1 for none.</summary>
    private static (int[] SubjectOf, int Count) NumberSubjects(IReadOnlyList<AuditPair> pairs)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] subjectOf = new int[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            subjectOf[i] = pairs[i] is ManifestPair { SubjectId: { Length: > 0 } subject }
                ? numbers.TryGetValue(subject, out int n) ? n : numbers[subject] = numbers.Count
                : -1;
        }

        return (subjectOf, numbers.Count);
    }
}
