using AuditHarness.Core.Errors;
using AuditHarness.Core.Inputs;

namespace AuditHarness.Tests.Core.Inputs;

[TestClass]
public sealed class ImageSourceTests
{
    private string _root = string.Empty;

    [TestInitialize]
    public void CreateTree()
    {
        _root = Directory.CreateTempSubdirectory("imgsrc").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "sub", "deeper"));
        foreach (string file in new[] { "b.jpg", "a.png", "notes.txt", "c.JPG", "sub/d.jpg", "sub/deeper/e.png" })
        {
            File.WriteAllBytes(Path.Combine(_root, file), [0]);
        }
    }

    [TestCleanup]
    public void DeleteTree() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void FolderGivesItsImagesSortedAndSkipsOtherFilesAndSubfolders()
    {
        IReadOnlyList<string> images = ImageSource.Expand(_root);

        CollectionAssert.AreEqual(new[] { "a.png", "b.jpg", "c.JPG" }, images.Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void GlobWithStarMatchesOnlyTheTopFolder()
    {
        IReadOnlyList<string> images = ImageSource.Expand(Path.Combine(_root, "*.jpg"));

        CollectionAssert.AreEqual(new[] { "b.jpg" }, images.Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void DoubleStarGlobDescendsIntoSubfolders()
    {
        IReadOnlyList<string> images = ImageSource.Expand(_root + "/**/*.png");

        CollectionAssert.AreEqual(new[] { "a.png", "e.png" }, images.Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void SingleFileIsReturnedEvenWhenMissingSoTheCallerReportsIt()
    {
        string missing = Path.Combine(_root, "missing.jpg");

        CollectionAssert.AreEqual(new[] { missing }, ImageSource.Expand(missing).ToArray());
    }

    [TestMethod]
    public void GlobMatchingNothingNamesTheSource()
    {
        string glob = Path.Combine(_root, "*.bmp");

        var error = Assert.ThrowsExactly<AuditInputException>(() => ImageSource.Expand(glob));
        StringAssert.Contains(error.Message, glob);
    }

    [TestMethod]
    public void GlobUnderMissingFolderNamesTheFolder()
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => ImageSource.Expand(Path.Combine(_root, "nope", "*.jpg")));
        StringAssert.Contains(error.Message, "nope");
    }
}
