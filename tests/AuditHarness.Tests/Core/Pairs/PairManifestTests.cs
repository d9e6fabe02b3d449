using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;

namespace AuditHarness.Tests.Core.Pairs;

[TestClass]
public sealed class PairManifestTests
{
    private string _folder = string.Empty;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("manifest").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void RowsBecomePairsWithPathsResolvedAgainstTheManifestFolder()
    {
        string path = Write(
            "pair_id,image,counterfactual,mask,artifact_type,label,subject_id",
            "p1,images/a.jpg,cf/a.jpg,masks/a.png,ruler,nevus,S1",
            "p2,images/b.jpg,,masks/b.png,ink,,");

        PairManifestContents contents = PairManifest.Read(path);

        Assert.IsEmpty(contents.Problems);
        Assert.AreEqual(
            new ManifestPair(1, "p1", Path.Combine(_folder, "images", "a.jpg"), Path.Combine(_folder, "cf", "a.jpg"), Path.Combine(_folder, "masks", "a.png"), "ruler", "nevus", "S1"),
            contents.Pairs[0]);
        Assert.IsNull(contents.Pairs[1].Counterfactual);
        Assert.IsNull(contents.Pairs[1].Label);
    }

    [TestMethod]
    public void HeaderWithoutRequiredColumnsStopsNamingThem()
    {
        string path = Write("id,image,artifact_type", "p1,a.jpg,ruler");

        var error = Assert.ThrowsExactly<AuditInputException>(() => PairManifest.Read(path));

        StringAssert.Contains(error.Message, "pair_id, mask");
        StringAssert.Contains(error.Message, path);
    }

    [TestMethod]
    public void EmptyFieldsAndRepeatedIdsAreRowProblemsAndTheOtherRowsStay()
    {
        string path = Write(
            "pair_id,image,mask,artifact_type",
            "p1,a.jpg,a.png,ruler",
            "p2,,b.png,ruler",
            "p1,c.jpg,c.png,ruler",
            "p4,d.jpg,d.png,ink");

        PairManifestContents contents = PairManifest.Read(path);

        CollectionAssert.AreEqual(new[] { "p1", "p4" }, contents.Pairs.Select(p => p.PairId).ToArray());
        Assert.HasCount(2, contents.Problems);
        Assert.AreEqual(2, contents.Problems[0].RowNumber);
        StringAssert.Contains(contents.Problems[0].Message, "column 'image' is empty");
        Assert.AreEqual(3, contents.Problems[1].RowNumber);
        StringAssert.Contains(contents.Problems[1].Message, "repeats row 1");
    }

    [TestMethod]
    public void MissingManifestIsNamed()
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => PairManifest.Read(Path.Combine(_folder, "none.csv")));

        StringAssert.Contains(error.Message, "none.csv");
    }

    [TestMethod]
    public void DemoManifestReadsWithoutProblems()
    {
        PairManifestContents contents = PairManifest.Read(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv"));

        Assert.IsEmpty(contents.Problems);
        Assert.HasCount(240, contents.Pairs);
        Assert.IsTrue(contents.Pairs.All(p => File.Exists(p.Image) && File.Exists(p.Mask) && File.Exists(p.Counterfactual)));
    }

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
