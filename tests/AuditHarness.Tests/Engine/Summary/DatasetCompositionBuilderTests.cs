using AuditHarness.Core.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Summary;

[TestClass]
public sealed class DatasetCompositionBuilderTests
{
    [TestMethod]
    public void GroupsByTypeAndLabelInOrderOfFirstPairCountingDistinctSubjects()
    {
        ManifestPair[] pairs =
        [
            Pair("p1", "ruler", "nevus", "S1"),
            Pair("p2", "ink", null, "S1"),
            Pair("p3", "ruler", "nevus", "S1"),
            Pair("p4", "ruler", "nevus", "S2"),
            Pair("p5", "ruler", string.Empty, null),
            Pair("p6", "ink", null, string.Empty),
            Pair("p7", "ruler", "melanoma", "S3"),
        ];
        var table = new ManifestPairTable();
        foreach (ManifestPair pair in pairs)
        {
            table.Add(pair);
        }

        DatasetGroup[] expected =
        [
            new("ruler", "nevus", 3, 2),
            new("ink", null, 2, 1),
            new("ruler", null, 1, 0),
            new("ruler", "melanoma", 1, 1),
        ];
        foreach (IReadOnlyList<AuditPair> list in new IReadOnlyList<AuditPair>[] { pairs, table.Complete() })
        {
            DatasetComposition composition = DatasetCompositionBuilder.Build(list);

            CollectionAssert.AreEqual(expected, composition.Groups.ToArray());
            Assert.AreEqual(7, composition.Pairs);
            Assert.AreEqual(3, composition.Subjects);
            Assert.AreEqual(2, composition.PairsWithoutSubject);
        }
    }

    [TestMethod]
    public void TheDemoManifestCountsAsAGroupingOfItsPairsDoes()
    {
        PairManifestContents manifest = PairManifest.Read(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv"));
        ManifestPair[] pairs = [.. manifest.Pairs];

        DatasetComposition composition = DatasetCompositionBuilder.Build(manifest.Pairs);

        // Independently: LINQ grouping of the built pairs.
        DatasetGroup[] expected =
        [
            .. pairs.GroupBy(p => (p.ArtifactType, Label: string.IsNullOrEmpty(p.Label) ? null : p.Label))
                .Select(g => new DatasetGroup(g.Key.ArtifactType, g.Key.Label, g.Count(), g.Where(p => !string.IsNullOrEmpty(p.SubjectId)).Select(p => p.SubjectId).Distinct().Count())),
        ];
        CollectionAssert.AreEqual(expected, composition.Groups.ToArray());
        Assert.AreEqual(pairs.Where(p => !string.IsNullOrEmpty(p.SubjectId)).Select(p => p.SubjectId).Distinct().Count(), composition.Subjects);
        Assert.AreEqual(pairs.Length, composition.Pairs);
        Assert.IsGreaterThan(1, composition.Groups.Count);
    }

    private static ManifestPair Pair(string id, string type, string? label, string? subject) =>
        new(1, id, $"/data/{id}.jpg", null, $"/data/{id}.png", type, label, subject);
}
