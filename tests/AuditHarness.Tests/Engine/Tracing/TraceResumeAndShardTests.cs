using AuditHarness.Cli;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Tracing;
using AuditHarness.Tests.Cli;

namespace AuditHarness.Tests.Engine.Tracing;

/// <summary>
/// Tracing is journaled like the pair phase: a run killed in its trace phase and resumed, and a run split into shards
/// and merged (the merge traces), both end with every output byte for byte that of the single run — trace.csv,
/// summary.json and trace-journal.jsonl included.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class TraceResumeAndShardTests
{
    private static string s_folder = string.Empty;
    private static string s_spec = string.Empty;
    private static CliResult s_single = null!;

    private static string Single => Path.Combine(s_folder, "single");

    [ClassInitialize]
    public static void RunSingle(TestContext context)
    {
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1764072000");
        s_folder = Directory.CreateTempSubdirectory("trace-resume").FullName;
        s_spec = ChannelShortcutTrace.WriteSpec(Path.Combine(s_folder, "spec"), """{ "layers": ["model.0"], "k": [1, 4, "all"], "randomDraws": 3, "pairs": 5 }""");
        s_single = CliRunner.Run("run", s_spec, "--output", Single);
    }

    [ClassCleanup]
    public static void DeleteFolder()
    {
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", null);
        Directory.Delete(s_folder, recursive: true);
    }

    [TestMethod]
    public void TheSingleRunTracesAndListsTheTraceFilesInItsManifest()
    {
        Assert.AreEqual(ExitCodes.ChecksFailed, s_single.ExitCode, s_single.Stderr);
        string[] trace = File.ReadAllLines(Path.Combine(Single, "trace.csv"));
        Assert.HasCount(1 + 3 + (3 * 3) + 2, trace, "header, 3 selective, 3 x 3 random, region, outside");
        Assert.IsTrue(trace.Skip(1).All(l => l.Split(',')[6] == "5"), "pairs: 5 most affected measurement pairs, none without an effect");
        string manifest = File.ReadAllText(Path.Combine(Single, "run-manifest.json"));
        StringAssert.Contains(manifest, "\"trace.csv\"");
        StringAssert.Contains(manifest, $"\"{TraceJournal.FileName}\"");
        StringAssert.Contains(File.ReadAllText(Path.Combine(Single, "summary.json")), "\"rankedChannels\"");
    }

    [TestMethod]
    public void ARunKilledInItsTracePhaseAndResumedEqualsTheSingleRun()
    {
        // The folder as a kill after two traced pairs leaves it: every pair journaled, the trace journal's third line
        // torn, logs unfinished, no summary, exports or manifest.
        string killed = Path.Combine(s_folder, "killed");
        Directory.CreateDirectory(killed);
        File.Copy(Path.Combine(Single, RunJournal.FileName), Path.Combine(killed, RunJournal.PartialFileName));
        byte[] trace = File.ReadAllBytes(Path.Combine(Single, TraceJournal.FileName));
        int third = Array.IndexOf(trace, (byte)'\n', Array.IndexOf(trace, (byte)'\n', Array.IndexOf(trace, (byte)'\n') + 1) + 1) + 1;
        File.WriteAllBytes(Path.Combine(killed, TraceJournal.PartialFileName), trace[..(third + 30)]);

        CliResult resumed = CliRunner.Run("run", s_spec, "--resume", killed);

        Assert.AreEqual(s_single.ExitCode, resumed.ExitCode, resumed.Stderr);
        SmallAudit.AssertSameFiles(Single, killed, "resumed in the trace phase against single");
    }

    [TestMethod]
    public void ShardsMergedTraceAtTheMergeAndEqualTheSingleRun()
    {
        string[] shards = [Path.Combine(s_folder, "shard0"), Path.Combine(s_folder, "shard1")];
        for (int i = 0; i < shards.Length; i++)
        {
            CliResult shard = CliRunner.Run("run", s_spec, "--shard", $"{i}/2", "--output", shards[i]);
            Assert.AreEqual(ExitCodes.Success, shard.ExitCode, shard.Stderr);
            Assert.IsFalse(File.Exists(Path.Combine(shards[i], TraceJournal.FileName)), "a shard does not trace: its pairs are not all the model's");
        }

        string merged = Path.Combine(s_folder, "merged");
        CliResult result = CliRunner.Run("merge", shards[1], shards[0], "--out", merged);

        Assert.AreEqual(s_single.ExitCode, result.ExitCode, result.Stderr);
        SmallAudit.AssertSameFiles(Single, merged, "merged against single");
    }
}
