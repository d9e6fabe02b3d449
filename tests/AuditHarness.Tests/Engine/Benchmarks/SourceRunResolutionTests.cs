using AuditHarness.Core.Errors;
using AuditHarness.Engine.Benchmarks;
using AuditHarness.Engine.Journal;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Benchmarks;

/// <summary>
/// <c>bench --finish</c>'s <c>--from</c>: a run folder is taken as it is; a spec's output folder (one folder per run,
/// as <c>runs/demo-dermoscopy</c> after the README's demo) gives its newest run with a journal.
/// </summary>
[TestClass]
public sealed class SourceRunResolutionTests
{
    [TestMethod]
    public void ARunFolderIsTakenAsItIs()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, RunJournal.FileName), "{}\n");
        Assert.AreEqual(folder.Path, ShardJournalGenerator.ResolveSourceRun(folder.Path));
    }

    [TestMethod]
    public void AnOutputFolderGivesItsNewestRunWithAJournal()
    {
        using var folder = new TempFolder();
        string older = RunWithJournal(folder.Path, "20261201T000000Z_aaaa", new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        string newer = RunWithJournal(folder.Path, "20261207T000000Z_bbbb", new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc));
        Directory.CreateDirectory(Path.Combine(folder.Path, "20261208T000000Z_cccc")); // newer, but no journal: not a run to resample

        Assert.AreEqual(newer, ShardJournalGenerator.ResolveSourceRun(folder.Path));
        Assert.AreNotEqual(older, newer);
    }

    [TestMethod]
    public void AFolderWithoutAnyJournalIsAOneLineErrorNamingIt()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "empty-run"));

        var error = Assert.ThrowsExactly<AuditInputException>(() => ShardJournalGenerator.ResolveSourceRun(folder.Path));
        StringAssert.Contains(error.Message, folder.Path);
        StringAssert.Contains(error.Message, RunJournal.FileName);
        Assert.IsFalse(error.Message.Contains('\n'), error.Message);
    }

    private static string RunWithJournal(string root, string name, DateTime written)
    {
        string run = Path.Combine(root, name);
        Directory.CreateDirectory(run);
        string journal = Path.Combine(run, RunJournal.FileName);
        File.WriteAllText(journal, "{}\n");
        File.SetLastWriteTimeUtc(journal, written);
        return run;
    }
}
