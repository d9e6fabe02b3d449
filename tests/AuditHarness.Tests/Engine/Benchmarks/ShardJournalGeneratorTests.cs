using AuditHarness.Cli;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Engine.Benchmarks;
using AuditHarness.Engine.Journal;
using AuditHarness.Tests.Cli;

namespace AuditHarness.Tests.Engine.Benchmarks;

/// <summary>
/// The simulated shards of <c>bench --finish</c>: merge accepts them as a sharded run of the simulated manifest, the
/// logs hold every simulated pair once per model, the draws repeat for a seed, and bad arguments are one-line errors.
/// The source is a real run of <see cref="SmallAudit"/> (31 pairs, one of them failing, both demo models).
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class ShardJournalGeneratorTests
{
    private const int Pairs = 60;
    private const int Shards = 3;
    private const int Subjects = 10;

    private static string s_folder = string.Empty;

    private static string Source => Path.Combine(s_folder, "source");

    [ClassInitialize]
    public static void RunSource(TestContext context)
    {
        s_folder = Directory.CreateTempSubdirectory("scale-bench").FullName;
        string spec = SmallAudit.WriteSpec(Path.Combine(s_folder, "spec"));
        CliResult run = CliRunner.Run("run", spec, "--output", Source);
        Assert.AreEqual(ExitCodes.ChecksFailed, run.ExitCode, run.Stderr);
    }

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(s_folder, recursive: true);

    [TestMethod]
    public void MergeAcceptsTheSimulatedShardsAndLogsEveryPairOncePerModel()
    {
        string scratch = Path.Combine(s_folder, "merge-check");
        GeneratedShards generated = ShardJournalGenerator.Generate(new ScaleScenario(Source, scratch, Pairs, Shards, Subjects, Seed: 3));
        string merged = Path.Combine(scratch, "merged");

        CliResult result = CliRunner.Run(["merge", .. generated.ShardFolders, "--out", merged]);

        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stderr);
        Assert.AreEqual((long)Pairs * SmallAudit.Models, generated.Records);
        PairManifestContents manifest = PairManifest.Read(generated.Manifest);
        Assert.HasCount(Pairs, manifest.Pairs, "one manifest row per simulated pair");
        Assert.IsEmpty(manifest.Problems);
        var ids = manifest.Pairs.Select(p => p.PairId).ToHashSet(StringComparer.Ordinal);
        Assert.HasCount(Pairs, ids, "unique pair ids");
        Assert.IsTrue(manifest.Pairs.All(p => Path.IsPathRooted(p.Image)), "absolute image paths");
        int subjects = manifest.Pairs.Select(p => ((ManifestPair)p).SubjectId).Distinct().Count();
        Assert.IsTrue(subjects is > 1 and <= Subjects, $"subjects drawn over {Subjects}: {subjects}");

        // Every simulated pair is in the logs once per model: processed pairs in pairs.csv, failed ones in errors.csv.
        string[] pairRows = [.. File.ReadAllLines(Path.Combine(merged, "pairs.csv")).Skip(1)];
        string[] errorRows = [.. File.ReadAllLines(Path.Combine(merged, "errors.csv")).Skip(1)];
        string[] logged = [.. pairRows.Concat(errorRows).Select(l => string.Join(',', l.Split(',').Take(2))).Distinct()];
        Assert.HasCount(Pairs * SmallAudit.Models, logged);
        Assert.IsTrue(logged.All(k => ids.Contains(k.Split(',')[1])), "every logged pair id is a simulated one");
        // Each simulated pair copies one source pair (found by its image): it has that pair's rows, model by model.
        var sourceIdOfImage = PairManifest.Read(Path.Combine(s_folder, "spec", "manifest.csv")).Pairs.ToDictionary(p => p.Image, p => p.PairId, StringComparer.Ordinal);
        var sourceRows = File.ReadAllLines(Path.Combine(Source, "pairs.csv")).Skip(1).GroupBy(l => string.Join(',', l.Split(',').Take(2))).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int expectedRows = manifest.Pairs.Sum(p => new[] { "shortcut", "clean" }.Sum(m => sourceRows.GetValueOrDefault($"{m},{sourceIdOfImage[p.Image]}")));
        Assert.AreEqual(expectedRows, pairRows.Length, "the source pairs' pairs.csv rows, once per simulated copy");
        string[] layerIds = [.. File.ReadAllLines(Path.Combine(merged, "layers.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct()];
        Assert.IsTrue(layerIds.All(ids.Contains) && layerIds.Length > Pairs / 2, "layers.csv rows carry the simulated ids");

        // The source's failing pair (its image is missing) is drawn with seed 3: its errors.csv row names its simulated manifest row.
        Assert.IsNotEmpty(errorRows, "the failing source pair is among the draws");
        string[] manifestLines = File.ReadAllLines(generated.Manifest);
        foreach (string[] cells in errorRows.Select(l => l.Split(',')))
        {
            int row = int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture);
            StringAssert.StartsWith(manifestLines[row - 1], cells[1] + ",", $"errors.csv row {string.Join(',', cells)} names its manifest row");
        }

        // The merged journal holds every record once, with the subjects of the manifest.
        PairRecord[] records = [.. RunJournal.ReadFile(Path.Combine(merged, RunJournal.FileName), isSealed: true).ReadRecords()];
        Assert.HasCount(Pairs * SmallAudit.Models, records);
        var subjectOf = manifest.Pairs.ToDictionary(p => p.PairId, p => ((ManifestPair)p).SubjectId, StringComparer.Ordinal);
        Assert.IsTrue(records.Where(r => r.Outcome is not null).All(r => r.Outcome!.PairId == r.PairId && r.Outcome.SubjectId == subjectOf[r.PairId]), "outcomes carry the simulated pair id and subject");
        string[] journalLines = File.ReadAllLines(Path.Combine(merged, RunJournal.FileName));
        long recordBytes = journalLines[1..^1].Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1L);
        Assert.AreEqual(generated.RecordBytes, recordBytes, "the merged journal's record lines are the shards' (bench --finish times the journal by them)");
    }

    [TestMethod]
    public void TheSameSeedWritesTheSameManifestAndRecordsAndAnotherSeedOthers()
    {
        GeneratedShards first = ShardJournalGenerator.Generate(new ScaleScenario(Source, Path.Combine(s_folder, "seed-a"), 40, 2, 8, Seed: 5));
        GeneratedShards again = ShardJournalGenerator.Generate(new ScaleScenario(Source, Path.Combine(s_folder, "seed-b"), 40, 2, 8, Seed: 5));
        GeneratedShards other = ShardJournalGenerator.Generate(new ScaleScenario(Source, Path.Combine(s_folder, "seed-c"), 40, 2, 8, Seed: 6));

        CollectionAssert.AreEqual(File.ReadAllBytes(first.Manifest), File.ReadAllBytes(again.Manifest));
        CollectionAssert.AreNotEqual(File.ReadAllLines(first.Manifest), File.ReadAllLines(other.Manifest));
        for (int s = 0; s < 2; s++)
        {
            // The header names the spec copy's path (another scratch folder); every record line after it is the same.
            CollectionAssert.AreEqual(RecordLines(first, s), RecordLines(again, s), $"shard {s}");
            Assert.HasCount(40, RecordLines(first, s), "20 pairs x 2 models");
        }

        CollectionAssert.AreNotEqual(RecordLines(first, 0), RecordLines(other, 0));
    }

    [TestMethod]
    public void BadArgumentsAreOneLineErrorsNamingTheArgument()
    {
        string fresh = Path.Combine(s_folder, "bad");
        AssertOneLine(CliRunner.Run("bench", "--finish", "0"), "'--finish' must be at least 1 pair; got 0");
        AssertOneLine(CliRunner.Run("bench", "--shards", "4"), "'--shards' go with '--finish N'");
        AssertOneLine(CliRunner.Run("bench", "--finish", "10", "--audit", "a.audit.json"), "'--finish' simulates a merge and runs no model");
        AssertOneLine(CliRunner.Run("bench", "--finish", "10", "--shards", "11", "--from", Source, "--scratch", fresh), "--shards must be between 1 and the number of pairs (10); got 11");
        AssertOneLine(CliRunner.Run("bench", "--finish", "10", "--shards", "2", "--subjects", "20", "--from", Source, "--scratch", fresh), "--subjects must be between 1 and the number of pairs (10); got 20");
        AssertOneLine(CliRunner.Run("bench", "--finish", "200", "--from", Path.Combine(s_folder, "nothing-here"), "--scratch", fresh), "holds no journal.jsonl, nor does any run folder in it; expected the folder of a finished run");
        AssertOneLine(CliRunner.Run("bench", "--finish", "200", "--from", Source, "--scratch", Path.Combine(s_folder, "spec")), "is not empty; give a new or empty folder");
        Assert.IsFalse(Directory.Exists(fresh), "a refused bench leaves no scratch folder behind");

        // A shard's journal is not a finished whole run: the generator's own shards serve as one.
        GeneratedShards shards = ShardJournalGenerator.Generate(new ScaleScenario(Source, Path.Combine(s_folder, "shard-source"), 4, 2, 2));
        var problem = Assert.ThrowsExactly<AuditInputException>(() => ShardJournalGenerator.Generate(new ScaleScenario(shards.ShardFolders[0], fresh, 10, 1, 1)));
        StringAssert.Contains(problem.Message, "holds shard 0/2; expected a finished whole run");
    }

    private static string[] RecordLines(GeneratedShards generated, int shard) =>
        [.. File.ReadAllLines(Path.Combine(generated.ShardFolders[shard], RunJournal.FileName)).Skip(1)];

    private static void AssertOneLine(CliResult result, string expected)
    {
        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stderr + result.Stdout);
        StringAssert.Contains(result.Stderr, expected);
        Assert.AreEqual(1, result.Stderr.Trim().Split('\n').Length, "exactly one line: " + result.Stderr);
    }
}
