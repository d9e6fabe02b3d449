using AuditHarness.Core.Comparison;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Tests.Engine;

/// <summary>A resume checks the journal against the spec before any model is loaded or any output touched.</summary>
[TestClass]
public sealed class ResumeJournalCheckTests
{
    [TestMethod]
    public void AJournalWithAGapIsRefusedNotPatched()
    {
        string folder = Directory.CreateTempSubdirectory("resume-gap").FullName;
        try
        {
            AuditSpec spec = AuditSpecLoader.Load(SmallAudit.WriteSpec(Path.Combine(folder, "spec")));
            string run = Path.Combine(folder, "run");
            using (RunJournal journal = RunJournal.Create(run, JournalHeader.Describe(spec, SmallAudit.Pairs, shard: null)))
            {
                journal.Append(Record(0));
                journal.Append(Record(2)); // pair 1 missing: not what a killed run leaves
            }

            var ex = Assert.ThrowsExactly<AuditInputException>(() => AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = run, Resume = true }));

            StringAssert.Contains(ex.Message, "record 2 (pair 2 of model 0) leaves a gap");
            CollectionAssert.AreEqual(new[] { RunJournal.PartialFileName }, Directory.GetFiles(run).Select(Path.GetFileName).ToArray(), "nothing else written");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void AJournalOfAnotherManifestIsRefused()
    {
        string folder = Directory.CreateTempSubdirectory("resume-manifest").FullName;
        try
        {
            string specPath = SmallAudit.WriteSpec(Path.Combine(folder, "spec"));
            AuditSpec spec = AuditSpecLoader.Load(specPath);
            string run = Path.Combine(folder, "run");
            using (RunJournal journal = RunJournal.Create(run, JournalHeader.Describe(spec, SmallAudit.Pairs, shard: null)))
            {
                journal.Append(Record(0));
            }

            File.AppendAllText(Path.Combine(folder, "spec", "manifest.csv"), "extra,a.jpg,b.jpg,c.png,ruler,nevus,S1\n");

            var ex = Assert.ThrowsExactly<AuditInputException>(() => AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = run, Resume = true }));

            StringAssert.Contains(ex.Message, "pair manifest changed");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PairRecord Record(int pair)
    {
        var delta = new PredictionDelta(1, -0.5, 1, -0.5, 0, 0, 0, 0);
        var outcome = new PairOutcome($"p{pair}", "ruler", delta, [delta], [new LayerChange("model.2", 0.1, 0.9, 0.5, 0.1, 0.4, [1f])], [[new LayerChange("model.2", 0.1, 0.9, 0.5, 0.1, 0.4, [1f])]]);
        return new PairRecord(0, pair, $"p{pair}", new PairLogRows("x\n", string.Empty, string.Empty, string.Empty), outcome, null);
    }
}
