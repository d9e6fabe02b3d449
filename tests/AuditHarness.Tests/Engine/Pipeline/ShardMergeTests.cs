using AuditHarness.Cli;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Provenance;
using AuditHarness.Tests.Cli;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Pipeline;

/// <summary>
/// A run split into 4 shards and merged equals the single run byte for byte (CSV logs, journal, summary.json,
/// junit.xml, report.pdf, run-manifest.json); merge refuses missing, repeated, unfinished and foreign shards.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class ShardMergeTests
{
    private static string s_folder = string.Empty;
    private static string s_spec = string.Empty;
    private static int s_singleExitCode;

    private static string Single => Path.Combine(s_folder, "single");

    [ClassInitialize]
    public static void RunSingleAndShards(TestContext context)
    {
        // The single run and the shards are separate runs: pin their recorded start (the report's date) as one run's.
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1764072000");
        s_folder = Directory.CreateTempSubdirectory("shards").FullName;
        s_spec = SmallAudit.WriteSpec(Path.Combine(s_folder, "spec"));
        s_singleExitCode = CliRunner.Run("run", s_spec, "--output", Single).ExitCode;
        for (int i = 0; i < 4; i++)
        {
            CliResult shard = CliRunner.Run("run", s_spec, "--shard", $"{i}/4", "--output", Shard(i));
            Assert.AreEqual(ExitCodes.Success, shard.ExitCode, shard.Stderr);
        }
    }

    [ClassCleanup]
    public static void DeleteFolder()
    {
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", null);
        Directory.Delete(s_folder, recursive: true);
    }

    [TestMethod]
    public void FourShardsMergedEqualTheSingleRunByteForByte()
    {
        string merged = Path.Combine(s_folder, "merged");

        CliResult result = CliRunner.Run("merge", Shard(2), Shard(0), Shard(3), Shard(1), "--out", merged);

        Assert.AreEqual(ExitCodes.ChecksFailed, s_singleExitCode, "the shortcut model fails its ruler checks");
        Assert.AreEqual(s_singleExitCode, result.ExitCode, result.Stderr);
        SmallAudit.AssertSameFiles(Single, merged, "merged against single");
        string[] shardFiles = Directory.GetFiles(Shard(0)).Select(Path.GetFileName).ToArray()!;
        CollectionAssert.AreEquivalent(new[] { InputList.FileName, RunJournal.FileName }, shardFiles, "a shard writes only its journal and its input list");
        Assert.IsTrue(File.Exists(Path.Combine(merged, InputList.FileName)), "the merged run has the list too (compared with the single run's above)");
        CollectionAssert.AreEqual(
            Enumerable.Range(0, 4).SelectMany(i => File.ReadAllLines(Path.Combine(Shard(i), InputList.FileName)).Skip(1)).Distinct().OrderBy(l => l.Split(',')[2], StringComparer.Ordinal).ToArray(),
            File.ReadAllLines(Path.Combine(merged, InputList.FileName)).Skip(1).ToArray(),
            "the merged list is the shards' rows, each once (no file read again)");

        // The manifest problem is logged once per model, as in a single run, not once per shard.
        string[] errors = File.ReadAllLines(Path.Combine(merged, "errors.csv"));
        Assert.HasCount(2, errors.Where(l => l.Contains(",manifest,", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.HasCount(2, errors.Where(l => l.StartsWith("shortcut,missing,", StringComparison.Ordinal) || l.StartsWith("clean,missing,", StringComparison.Ordinal)));
        string[] pairRows = [.. File.ReadAllLines(Path.Combine(merged, "pairs.csv")).Skip(1)];
        Assert.HasCount(SmallAudit.Models * (SmallAudit.Pairs - 1), pairRows.Select(l => string.Join(',', l.Split(',').Take(2))).Distinct(), "every processed pair of every model, once");

        // The dark-corner pairs have transplanted placebos, whose hosts are drawn from the whole manifest (often another shard's pairs).
        Assert.IsTrue(pairRows.Any(l => l.Contains(",dark_corners,", StringComparison.Ordinal) && l.Contains(",transplant,", StringComparison.Ordinal)), "a transplanted placebo in the merged run");
    }

    [TestMethod]
    public void MergeRefusesAShardWithoutItsInputList()
    {
        string copy = Path.Combine(s_folder, "shard-1-no-list");
        CopyFolder(Shard(1), copy);
        File.Delete(Path.Combine(copy, InputList.FileName));

        CliResult result = CliRunner.Run("merge", Shard(0), copy, Shard(2), Shard(3), "--out", Path.Combine(s_folder, "no-list"));

        AssertRefused(result, $"shard 1/4 in '{copy}' has no {InputList.FileName}");
    }

    [TestMethod]
    public void MergeRefusesShardsThatRecordedOneFileDifferentlyNamingBoth()
    {
        // Shard 1 as if it had also read a file of shard 0's while that file held other bytes.
        string copy = Path.Combine(s_folder, "shard-1-other-bytes");
        CopyFolder(Shard(1), copy);
        string[] shard0 = File.ReadAllLines(Path.Combine(Shard(0), InputList.FileName));
        string[] shard1 = File.ReadAllLines(Path.Combine(copy, InputList.FileName));
        string[] taken = shard0[1].Split(',');
        string path = taken[2];
        string changed = string.Join(',', [new string('0', 64), .. taken.Skip(1)]);
        File.WriteAllLines(Path.Combine(copy, InputList.FileName), [shard1[0], .. shard1.Skip(1).Where(l => l.Split(',')[2] != path).Append(changed).OrderBy(l => l.Split(',')[2], StringComparer.Ordinal)]);

        CliResult result = CliRunner.Run("merge", Shard(0), copy, Shard(2), Shard(3), "--out", Path.Combine(s_folder, "differing"));

        AssertRefused(result, $"'{path}' differs between shard 0/4 in '{Shard(0)}' (sha256 {taken[0]}");
        StringAssert.Contains(result.Stderr, $"and shard 1/4 in '{copy}' (sha256 {new string('0', 64)}");
    }

    [TestMethod]
    public void MergeRefusesAMissingShard()
    {
        CliResult result = CliRunner.Run("merge", Shard(0), Shard(1), Shard(3), "--out", Path.Combine(s_folder, "missing"));

        AssertRefused(result, "shard 2/4 missing");
    }

    [TestMethod]
    public void MergeRefusesAShardGivenTwice()
    {
        string copy = Path.Combine(s_folder, "shard-1-copy");
        CopyFolder(Shard(1), copy);

        CliResult result = CliRunner.Run("merge", Shard(0), Shard(1), copy, Shard(2), Shard(3), "--out", Path.Combine(s_folder, "twice"));

        AssertRefused(result, "shard 1/4 is given twice");
    }

    [TestMethod]
    public void MergeRefusesAShardOfAnotherSpec()
    {
        string other = SmallAudit.WriteSpec(Path.Combine(s_folder, "other-spec")); // same data, another output folder: another spec file
        string foreign = Path.Combine(s_folder, "foreign-shard-0");
        Assert.AreEqual(ExitCodes.Success, CliRunner.Run("run", other, "--shard", "0/4", "--output", foreign).ExitCode);

        CliResult result = CliRunner.Run("merge", foreign, Shard(1), Shard(2), Shard(3), "--out", Path.Combine(s_folder, "foreign"));

        AssertRefused(result, "another spec");
    }

    [TestMethod]
    public void MergeRefusesAnUnfinishedShardUntilItIsResumed()
    {
        // Shard 2 as a kill would leave it: journal not sealed, its last record torn.
        string unfinished = Path.Combine(s_folder, "shard-2-killed");
        CopyFolder(Shard(2), unfinished);
        string journal = Path.Combine(unfinished, RunJournal.FileName);
        byte[] bytes = File.ReadAllBytes(journal);
        int lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        File.WriteAllBytes(Path.Combine(unfinished, RunJournal.PartialFileName), bytes[..(lastLineStart + 40)]);
        File.Delete(journal);
        string merged = Path.Combine(s_folder, "after-resume");

        AssertRefused(CliRunner.Run("merge", Shard(0), Shard(1), unfinished, Shard(3), "--out", merged), "not finished");
        CliResult resumed = CliRunner.Run("run", s_spec, "--shard", "2/4", "--resume", unfinished);
        CliResult result = CliRunner.Run("merge", Shard(0), Shard(1), unfinished, Shard(3), "--out", merged);

        Assert.AreEqual(ExitCodes.Success, resumed.ExitCode, resumed.Stderr);
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(Shard(2), RunJournal.FileName)), File.ReadAllBytes(journal), "the resumed shard's journal");
        Assert.AreEqual(s_singleExitCode, result.ExitCode, result.Stderr);
        SmallAudit.AssertSameFiles(Single, merged, "merged with a resumed shard against single");
    }

    [TestMethod]
    public void AShardWithADamagedRecordStopsTheMergeNamingItsLineAndLeavesNoFinishedOutput()
    {
        // Shard 1 with the record of its third line replaced by valid base64 that is no deflated record: the first pass
        // (order, shard, count) cannot see it, the merge decodes it after writing earlier records.
        string damaged = Path.Combine(s_folder, "shard-1-damaged");
        CopyFolder(Shard(1), damaged);
        string journal = Path.Combine(damaged, RunJournal.FileName);
        string[] lines = File.ReadAllLines(journal);
        int recordAt = lines[2].IndexOf("\"record\":\"", StringComparison.Ordinal) + 10;
        lines[2] = lines[2][..recordAt] + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("not a record")) + "\"}";
        File.WriteAllLines(journal, lines);
        string merged = Path.Combine(s_folder, "damaged-merge");

        CliResult result = CliRunner.Run("merge", Shard(0), damaged, Shard(2), Shard(3), "--out", merged);

        AssertRefused(result, $"Run journal '{journal}' line 3: the record of pair 1 of model 1 cannot be decoded");
        string[] written = [.. Directory.GetFiles(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.IsTrue(written.Contains(RunJournal.PartialFileName), string.Join(", ", written));
        Assert.IsTrue(written.All(f => f.EndsWith(".partial", StringComparison.Ordinal) || f == ".lock" || f.StartsWith('.')), $"only unfinished outputs: {string.Join(", ", written)}");
    }

    [TestMethod]
    public void ResumeRefusesAFolderOfAnotherSpecAndAnotherShard()
    {
        string other = SmallAudit.WriteSpec(Path.Combine(s_folder, "other-spec-2"));

        AssertRefused(CliRunner.Run("run", other, "--resume", Single), "another spec");
        AssertRefused(CliRunner.Run("run", s_spec, "--shard", "1/4", "--resume", Shard(0)), "shard 0/4");
    }

    [TestMethod]
    public void ResumingAFinishedRunSaysSoAndExitsWithItsCode()
    {
        DateTime written = File.GetLastWriteTimeUtc(Path.Combine(Single, "pairs.csv"));

        CliResult result = CliRunner.Run("run", s_spec, "--resume", Single);

        Assert.AreEqual(s_singleExitCode, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "already finished: FAIL");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(Path.Combine(Single, "pairs.csv")), "nothing rewritten");
    }

    [TestMethod]
    [DataRow("4/4", null, null)]
    [DataRow("two/4", null, null)]
    [DataRow("auto/4", "JOB_COMPLETION_INDEX", "7")]
    [DataRow("auto/4", "SLURM_ARRAY_TASK_ID", "x")]
    [DataRow("auto/4", null, null)]
    public void BadShardValuesAreOneLineNamingTheOptionAndExit2(string value, string? variable, string? variableValue)
    {
        string?[] saved = [Environment.GetEnvironmentVariable("JOB_COMPLETION_INDEX"), Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID")];
        Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", null);
        Environment.SetEnvironmentVariable("SLURM_ARRAY_TASK_ID", null);
        if (variable is not null)
        {
            Environment.SetEnvironmentVariable(variable, variableValue);
        }

        try
        {
            CliResult result = CliRunner.Run("run", s_spec, "--shard", value);

            Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
            string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.HasCount(1, lines, result.Stderr);
            StringAssert.StartsWith(lines[0], "error: Option '--shard'");
            if (variable is not null)
            {
                StringAssert.Contains(lines[0], variable);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", saved[0]);
            Environment.SetEnvironmentVariable("SLURM_ARRAY_TASK_ID", saved[1]);
        }
    }

    [TestMethod]
    [DataRow("JOB_COMPLETION_INDEX", "3", null, 3)]
    [DataRow("SLURM_ARRAY_TASK_ID", "4", "1", 3)]
    public void AutoShardTakesItsIndexFromTheScheduler(string variable, string value, string? slurmMinimum, int expectedIndex)
    {
        Environment.SetEnvironmentVariable(variable, value);
        Environment.SetEnvironmentVariable(ShardSpec.SlurmMinimumVariable, slurmMinimum);
        string folder = Path.Combine(s_folder, $"auto-{variable}");
        try
        {
            CliResult result = CliRunner.Run("run", s_spec, "--shard", "auto/16", "--output", folder);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stderr);
            JournalContents journal = RunJournal.Read(folder)!;
            Assert.AreEqual(new ShardSpec(expectedIndex, 16), journal.Header!.Shard);
            CollectionAssert.AreEqual(
                Enumerable.Range(0, SmallAudit.Pairs).Where(p => p % 16 == expectedIndex).ToArray(),
                journal.ReadRecords().Where(r => r.Model == 0).Select(r => r.Pair).ToArray());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            Environment.SetEnvironmentVariable(ShardSpec.SlurmMinimumVariable, null);
        }
    }

    private static string Shard(int i) => Path.Combine(s_folder, $"shard-{i}");

    private static void AssertRefused(CliResult result, string expected)
    {
        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.Contains(lines[0], expected);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
