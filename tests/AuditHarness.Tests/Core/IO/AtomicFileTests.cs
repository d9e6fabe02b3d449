using AuditHarness.Core.IO;

namespace AuditHarness.Tests.Core.IO;

[TestClass]
public sealed class AtomicFileTests
{
    [TestMethod]
    public void FileAppearsUnderItsNameOnlyAfterCommit()
    {
        string folder = Directory.CreateTempSubdirectory("atomic").FullName;
        string path = Path.Combine(folder, "out.csv");

        using (AtomicFile file = AtomicFile.Create(path))
        {
            file.Stream.Write("a,b\n"u8);
            file.Stream.Flush();
            Assert.IsFalse(File.Exists(path), "destination must not exist before commit");
            Assert.IsTrue(File.Exists(file.TemporaryPath));
            file.Commit();
        }

        Assert.AreEqual("a,b\n", File.ReadAllText(path));
        Assert.IsFalse(File.Exists(path + ".partial"));
        Directory.Delete(folder, true);
    }

    [TestMethod]
    public void DisposeWithoutCommitLeavesNoFileAndKeepsTheOldOne()
    {
        string folder = Directory.CreateTempSubdirectory("atomic").FullName;
        string path = Path.Combine(folder, "out.csv");
        File.WriteAllText(path, "old");

        using (AtomicFile file = AtomicFile.Create(path))
        {
            file.Stream.Write("half"u8);
        }

        Assert.AreEqual("old", File.ReadAllText(path));
        Assert.IsFalse(File.Exists(path + ".partial"));
        Directory.Delete(folder, true);
    }
}
