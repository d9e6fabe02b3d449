using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// A run takes each pair through every model at once (images decoded once, a placebo placed alike inpainted once):
/// a model's results must not depend on which other models share the run, and a run killed between two models of
/// one pair must resume to the uninterrupted run's bytes.
/// </summary>
[TestClass]
public sealed class PairMajorRunTests
{
    private static readonly string[] Logs = ["pairs.csv", "detections.csv", "layers.csv", "pair-metrics.csv", "summary.csv", "channels.csv", "errors.csv"];

    [TestMethod]
    public void AModelAuditedWithAnotherWritesTheRowsItWritesAlone()
    {
        string folder = Directory.CreateTempSubdirectory("pair-major-alone").FullName;
        try
        {
            // Every 6th demo row (all four artifact types) and p0095: most pairs have their placebo placed alike by
            // the two models (one inpainting, shared), p0095 and p0121 have it placed apart (one each).
            string manifest = DemoManifestCut.Write(Path.Combine(folder, "data"), row => row % 6 == 0 || row == 94);
            AuditSpec both = AuditSpecLoader.Load(AuditSpecFiles.Write(Directory.CreateDirectory(Path.Combine(folder, "both")).FullName, manifest, models: ["shortcut", "clean"]));
            AuditSpec alone = AuditSpecLoader.Load(AuditSpecFiles.Write(Directory.CreateDirectory(Path.Combine(folder, "alone")).FullName, manifest, models: ["clean"]));
            var started = new DateTime(2026, 11, 26, 4, 0, 0, DateTimeKind.Utc);

            AuditRunner.Run(both, new AuditRunOptions { OutputFolder = Path.Combine(folder, "both-run"), StartedUtc = started });
            AuditRunner.Run(alone, new AuditRunOptions { OutputFolder = Path.Combine(folder, "alone-run"), StartedUtc = started });

            foreach (string log in Logs)
            {
                string[] fromBoth = RowsOf("clean", Path.Combine(folder, "both-run", log));
                string[] fromAlone = RowsOf("clean", Path.Combine(folder, "alone-run", log));
                CollectionAssert.AreEqual(fromAlone, fromBoth, log);
                Assert.IsTrue(log == "errors.csv" || fromAlone.Length > 0, $"{log} has rows of the clean model");
            }

            // The journal keeps the channel selectivities the top channels are chosen from (the artifact variant's), not the placebo's.
            PairOutcome[] outcomes = [.. RunJournal.Read(Path.Combine(folder, "both-run"))!.ReadRecords().Select(r => r.Outcome).OfType<PairOutcome>()];
            Assert.IsTrue(outcomes.SelectMany(o => o.ArtifactLayers).All(l => l.ChannelSelectivity.Length > 0));
            Assert.IsTrue(outcomes.SelectMany(o => o.PlaceboLayers).SelectMany(p => p).All(l => l.ChannelSelectivity.Length == 0));
            Assert.IsGreaterThan(60, outcomes.Count(o => o.PlaceboLayers.Count > 0));

            // Both cases occur (pair id -> placebo offset, pairs.csv's placebo_dx and placebo_dy; transplanted placebos have none).
            string[] pairsHeader = File.ReadLines(Path.Combine(folder, "both-run", "pairs.csv")).First().Split(',');
            int dx = Array.IndexOf(pairsHeader, "placebo_dx"), dy = Array.IndexOf(pairsHeader, "placebo_dy");
            Dictionary<string, string> Placebos(string model) => RowsOf(model, Path.Combine(folder, "both-run", "pairs.csv"))
                .Select(r => r.Split(','))
                .Where(c => c[4] == "placebo")
                .ToDictionary(c => c[1], c => $"{c[dx]},{c[dy]}");
            Dictionary<string, string> shortcut = Placebos("shortcut"), clean = Placebos("clean");
            string[] apart = [.. clean.Keys.Where(id => shortcut.TryGetValue(id, out string? offset) && offset != clean[id])];
            CollectionAssert.AreEquivalent(new[] { "p0095", "p0121" }, apart);
            Assert.IsGreaterThan(30, clean.Count - apart.Length, "placed alike");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [DataRow(1, DisplayName = "killed after the first model of the first pair")]
    [DataRow(15, DisplayName = "killed after the first model of the eighth pair")]
    [DataRow(16, DisplayName = "killed after both models of the eighth pair")]
    public void ARunResumedFromAJournalCutAfterAnyRecordEqualsTheUninterruptedRun(int records)
    {
        string folder = Directory.CreateTempSubdirectory("pair-major-resume").FullName;
        try
        {
            AuditSpec spec = AuditSpecLoader.Load(SmallAudit.WriteSpec(Path.Combine(folder, "spec")));
            string whole = Path.Combine(folder, "whole"), killed = Path.Combine(folder, "killed");
            AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = whole });

            // What a kill leaves: the journal's header and first records under the unfinished name, nothing else.
            Directory.CreateDirectory(killed);
            string[] journal = File.ReadAllLines(Path.Combine(whole, RunJournal.FileName));
            File.WriteAllLines(Path.Combine(killed, RunJournal.PartialFileName), journal.Take(1 + records));
            AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = killed, Resume = true });

            SmallAudit.AssertSameFiles(whole, killed, $"resumed after {records} records");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void AJournalOfTheOlderModelMajorFormatIsRefusedNamingItsFormat()
    {
        string folder = Directory.CreateTempSubdirectory("pair-major-format").FullName;
        try
        {
            AuditSpec spec = AuditSpecLoader.Load(SmallAudit.WriteSpec(Path.Combine(folder, "spec")));
            string run = Path.Combine(folder, "run");
            JournalHeader older = JournalHeader.Describe(spec, SmallAudit.Pairs, shard: null) with { SchemaVersion = 1 };
            using (RunJournal.Create(run, older))
            {
            }

            var ex = Assert.ThrowsExactly<AuditInputException>(() => AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = run, Resume = true }));

            StringAssert.Contains(ex.Message, "format 1");
            StringAssert.Contains(ex.Message, $"format {JournalHeader.CurrentSchemaVersion}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The data rows of one model in a log (its first column), in file order.</summary>
    private static string[] RowsOf(string model, string path) =>
        [.. File.ReadAllLines(path).Skip(1).Where(l => l.StartsWith(model + ",", StringComparison.Ordinal))];
}
