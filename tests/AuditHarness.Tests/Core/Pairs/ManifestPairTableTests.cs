using AuditHarness.Core.Pairs;

namespace AuditHarness.Tests.Core.Pairs;

[TestClass]
public sealed class ManifestPairTableTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "data");

    [TestMethod]
    public void EveryPairComesBackEqualByValueWithNullsEmptiesAndNonAsciiTextKept()
    {
        ManifestPair[] pairs =
        [
            new(1, "p1", Path.Combine(Root, "images", "a.jpg"), Path.Combine(Root, "cf", "a.jpg"), Path.Combine(Root, "masks", "a.png"), "ruler", "nevus", "S1"),
            new(3, "p2", Path.Combine(Root, "images", "b.jpg"), null, Path.Combine(Root, "masks", "b.png"), "ink", null, null),
            new(4, "p3-é", Path.Combine(Root, "imägés", "日本.jpg"), string.Empty, "mask-without-folder.png", "ruler", "melanoma", string.Empty),
            new(7, "p4", Path.Combine(Root, "images", new string('x', 300) + ".jpg"), Path.Combine(Root, "cf", "d.jpg"), Path.Combine(Root, "masks", "d.png"), "watermark", "nevus", "S1"),
        ];
        var table = new ManifestPairTable();
        foreach (ManifestPair pair in pairs)
        {
            Assert.AreEqual(-1, table.Add(pair));
        }

        table.Complete();

        Assert.HasCount(pairs.Length, table);
        CollectionAssert.AreEqual(pairs, table.ToArray());
        for (int i = 0; i < pairs.Length; i++)
        {
            Assert.AreEqual(pairs[i].PairId, table.PairIdOf(i));
            Assert.AreEqual(pairs[i].Image, table.ImageOf(i));
            Assert.AreEqual(pairs[i].ArtifactType, table.ArtifactTypeOf(i));
            Assert.AreEqual(pairs[i].Label, table.LabelOf(i));
            Assert.AreEqual(pairs[i].RowNumber, table.RowOf(i));
        }
    }

    [TestMethod]
    public void SubjectsAreNumberedInOrderOfFirstAppearanceAndEmptyOrNullHaveNone()
    {
        string[] subjects = ["S2", "S1", "S2", "", "S3", "S1"];
        var table = new ManifestPairTable();
        for (int i = 0; i < subjects.Length; i++)
        {
            table.Add(new ManifestPair(i + 1, $"p{i}", "a.jpg", null, "a.png", "ruler", null, i == 3 ? null : subjects[i]));
        }

        CollectionAssert.AreEqual(new[] { 0, 1, 0, -1, 2, 1 }, Enumerable.Range(0, subjects.Length).Select(table.SubjectIndexOf).ToArray());
        Assert.AreEqual(3, table.SubjectCount);
    }

    [TestMethod]
    public void ARepeatedIdIsNotAddedAndNamesThePairThatHasIt()
    {
        var table = new ManifestPairTable();
        for (int i = 0; i < 5000; i++)
        {
            Assert.AreEqual(-1, table.Add(new ManifestPair(i + 1, $"id{i}", "a.jpg", null, "a.png", "ruler", null, null)));
        }

        Assert.AreEqual(1234, table.Add(new ManifestPair(9999, "id1234", "b.jpg", null, "b.png", "ink", null, null)));
        Assert.AreEqual(5000, table.Count);
        Assert.AreEqual("a.jpg", table.ImageOf(1234));
    }

    [TestMethod]
    public void ACompleteTableRefusesMorePairsAndIndexesOutsideIt()
    {
        var table = new ManifestPairTable();
        table.Add(new ManifestPair(1, "p1", "a.jpg", null, "a.png", "ruler", null, null));
        table.Complete();

        Assert.ThrowsExactly<InvalidOperationException>(() => table.Add(new ManifestPair(2, "p2", "b.jpg", null, "b.png", "ruler", null, null)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => table.PairIdOf(1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = table[-1]);
    }
}
