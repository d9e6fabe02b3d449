using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;

namespace AuditHarness.Tests.Core.Pairs;

[TestClass]
public sealed class InsertionPairsTests
{
    private string _folder = string.Empty;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("originals").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void EveryImageIsOnePairNamedByItsFileInOrdinalOrder()
    {
        Touch("b.jpg", "a.png", "notes.txt", "C.jpg");

        IReadOnlyList<InsertionPair> pairs = InsertionPairs.List(Dataset(_folder));

        CollectionAssert.AreEqual(new[] { "C", "a", "b" }, pairs.Select(p => p.PairId).ToArray());
        Assert.AreEqual(new InsertionPair("a", Path.Combine(_folder, "a.png"), "ruler"), pairs[1]);
        Assert.IsTrue(pairs.All(p => p.Label is null && p.ManifestRow is null));
    }

    [TestMethod]
    public void SharedFileNamesGetSuffixesThatNoOtherOriginalHas()
    {
        // a-2 is another file's own name, so the second "a" skips it.
        Touch("a.jpg", "a.png", "a.bmp", "a-2.jpg");

        IReadOnlyList<InsertionPair> pairs = InsertionPairs.List(Dataset(_folder));

        var idOf = pairs.ToDictionary(p => Path.GetFileName(p.Image), p => p.PairId);
        Assert.AreEqual("a-2", idOf["a-2.jpg"]);
        Assert.AreEqual("a", idOf["a.bmp"]);
        Assert.AreEqual("a-3", idOf["a.jpg"]);
        Assert.AreEqual("a-4", idOf["a.png"]);
    }

    [TestMethod]
    public void PatternTakesOnlyTheMatchingImages()
    {
        Touch("x1.jpg", "x2.png", "y1.jpg");

        IReadOnlyList<InsertionPair> pairs = InsertionPairs.List(Dataset(Path.Combine(_folder, "x*")));

        CollectionAssert.AreEqual(new[] { "x1", "x2" }, pairs.Select(p => p.PairId).ToArray());
    }

    [TestMethod]
    public void FolderWithoutImagesIsOneLineNamingTheField()
    {
        Touch("notes.txt");

        var error = Assert.ThrowsExactly<AuditInputException>(() => InsertionPairs.List(Dataset(_folder, text: "originals")));

        StringAssert.StartsWith(error.Message, "dataset.insertion.originals 'originals' holds no image; expected files ending .bmp, ");
        Assert.IsFalse(error.Message.Contains('\n', StringComparison.Ordinal));
    }

    private static InsertionDataset Dataset(string fullPath, string? text = null)
        => new(new SpecPath(text ?? fullPath, fullPath), new ArtifactInsertion(InsertedArtifactType.Ruler, null, 1, 1, ArtifactPosition.BottomRight, null));

    private void Touch(params string[] names)
    {
        foreach (string name in names)
        {
            File.WriteAllBytes(Path.Combine(_folder, name), []);
        }
    }
}
