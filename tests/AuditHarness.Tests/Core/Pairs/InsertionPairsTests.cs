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
    public void FileNamesOutsideTheNameRuleBecomeValidIdsAndAFileThatHasTheIdKeepsIt()
    {
        // '=' and ';' become '_'; an id not starting with a letter or digit gets 'img-'; a_b.png is really named a_b.
        Touch("=cmd.png", "a;b.png", "a_b.png", "+SUM(1+1).jpg", " x.jpg", "ünï.jpg");

        IReadOnlyList<InsertionPair> pairs = InsertionPairs.List(Dataset(_folder));

        var idOf = pairs.ToDictionary(p => Path.GetFileName(p.Image), p => p.PairId);
        Assert.AreEqual("img-_cmd", idOf["=cmd.png"]);
        Assert.AreEqual("a_b", idOf["a_b.png"]);
        Assert.AreEqual("a_b-2", idOf["a;b.png"]);
        Assert.AreEqual("img-_SUM_1_1_", idOf["+SUM(1+1).jpg"]);
        Assert.AreEqual("img-_x", idOf[" x.jpg"]);
        Assert.AreEqual("img-_n_", idOf["ünï.jpg"]);
        Assert.IsTrue(pairs.All(p => NameRule.IsValid(p.PairId)), string.Join(", ", pairs.Select(p => p.PairId)));
        Assert.HasCount(pairs.Count, pairs.Select(p => p.PairId).Distinct().ToArray());
    }

    [TestMethod]
    public void IdsDoNotDependOnTheOrderTheFilesWereMadeIn()
    {
        Touch("a_b.png", "a;b.png");
        string[] first = [.. InsertionPairs.List(Dataset(_folder)).Select(p => p.PairId)];
        DeleteFolder();
        CreateFolder();
        Touch("a;b.png", "a_b.png");

        string[] second = [.. InsertionPairs.List(Dataset(_folder)).Select(p => p.PairId)];

        CollectionAssert.AreEqual(first, second);
        CollectionAssert.AreEqual(new[] { "a_b-2", "a_b" }, second); // pairs stay in ordinal path order
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
