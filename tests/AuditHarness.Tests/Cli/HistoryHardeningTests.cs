using AuditHarness.Cli;
using AuditHarness.Engine.History;
using AuditHarness.Results;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// No manifest value can break <c>history.csv</c>, and a damaged <c>history.csv</c> never stops a scheduled run: bad pair
/// ids and artifact types are error rows, values are escaped, a damaged file is set aside with a warning.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class HistoryHardeningTests
{
    private const string AllowedText = "must start with a letter or digit and use only letters, digits, '.', '_' and '-'";

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("history-hardening").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void BadPairIdsAndArtifactTypesAreErrorRowsAndLaterRunsStillFinish()
    {
        string spec = AuditSpecFiles.Write(_folder, Corpus("manifest-bad-names.csv"), maxErrorRate: 0.6);
        string root = Path.Combine(_folder, "out");

        CliResult first = CliRunner.Run("run", spec);
        CliResult second = CliRunner.Run("run", spec);

        foreach (CliResult run in new[] { first, second })
        {
            Assert.IsTrue(run.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, run.Stdout + run.Stderr);
        }

        IReadOnlyList<RunHistoryEntry> history = RunHistory.Read(root);
        Assert.HasCount(2, history);
        Assert.IsTrue(history.All(h => h.PairsCompleted == 2 && h.PairsFailed == 2), string.Join("; ", history.Select(h => $"{h.PairsCompleted}/{h.PairsFailed}")));
        string[] errors = File.ReadAllLines(Path.Combine(root, history[0].Run, "errors.csv"));
        Assert.IsTrue(errors.Any(e => e.StartsWith("shortcut,p0002,2,manifest,", StringComparison.Ordinal) && e.Contains("artifact type 'ruler;evil=1' " + AllowedText, StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.IsTrue(errors.Any(e => e.StartsWith("shortcut,p 3,3,manifest,", StringComparison.Ordinal) && e.Contains("pair id 'p 3' " + AllowedText, StringComparison.Ordinal)), string.Join("\n", errors));
    }

    [TestMethod]
    public void ADamagedHistoryIsSetAsideWithAWarningAndTheRunFinishes()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.First(_folder, 2));
        string root = Path.Combine(_folder, "out");
        Directory.CreateDirectory(root);
        byte[] damaged = File.ReadAllBytes(Corpus("damaged-history.csv"));
        File.WriteAllBytes(Path.Combine(root, RunHistory.FileName), damaged);

        CliResult result = CliRunner.Run("run", spec);

        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        string aside = Directory.GetFiles(root, "history.damaged-*.csv").Single();
        CollectionAssert.AreEqual(damaged, File.ReadAllBytes(aside), "the damaged file is kept as it was");
        StringAssert.StartsWith(result.Stderr, "warning: ");
        StringAssert.Contains(result.Stderr, "row 1 is malformed");
        StringAssert.Contains(result.Stderr, Path.GetFileName(aside));
        IReadOnlyList<RunHistoryEntry> history = RunHistory.Read(root);
        Assert.AreEqual(Path.GetFileName(Directory.GetDirectories(root).Single()), history.Single().Run);
        Assert.IsTrue(File.Exists(Path.Combine(root, history.Single().Run, "summary.json")));
    }

    [TestMethod]
    public void SeparatorsInNamesAndKeysSurviveTheRoundTrip()
    {
        var metrics = new Dictionary<string, double> { ["m;1|ruler;x=1%3B|c"] = -0.25, ["m;1|ink|c"] = 0.5 };
        var entry = new RunHistoryEntry(DateTimeOffset.UnixEpoch, "r,1", "a\"b", "PASS", ["m;1", "n=2"], ["ab", "cd"], 1, 0, 0, 0, 0, metrics);

        RunHistory.Append(_folder, entry);
        RunHistory.Append(_folder, entry);

        IReadOnlyList<RunHistoryEntry> rows = RunHistory.Read(_folder);
        Assert.HasCount(2, rows);
        CollectionAssert.AreEqual(new[] { "m;1", "n=2" }, rows[1].Models.ToArray());
        Assert.AreEqual("r,1", rows[1].Run);
        Assert.AreEqual("a\"b", rows[1].AuditName);
        CollectionAssert.AreEquivalent(metrics, rows[1].KeyMetrics.ToDictionary());
    }

    private static string Corpus(string file) => RepositoryFiles.PathOf($"tests/AuditHarness.Tests/BadInputCorpus/history/{file}");
}
