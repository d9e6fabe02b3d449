using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Tracing;

namespace AuditHarness.Tests.Engine.Tracing;

[TestClass]
public sealed class TraceJournalTests
{
    private static readonly TraceJournalHeader Header = new(
        TraceJournalHeader.CurrentSchemaVersion,
        new JournalHeader(JournalHeader.CurrentSchemaVersion, "spec.audit.json", "abc", "def", "0123", [new JournalModel("m", "456")], 5, null),
        new TraceSettings(["model.2"], [1, TraceSettings.AllChannels], 2, TraceSettings.AllPairs, 7));

    [TestMethod]
    public void ATornLastLineIsCutAndGoingOnWritesWhatAnUninterruptedJournalHolds()
    {
        string whole = Directory.CreateTempSubdirectory("trace-journal").FullName, killed = Directory.CreateTempSubdirectory("trace-journal").FullName;
        try
        {
            TracePairRecord[] records = [Record(0, 1, 0.1 + 0.2), Record(0, 4, double.NaN, leftOut: true), Record(1, 1, 1e-17)];
            using (TraceJournal journal = TraceJournal.Open(whole, Header, resume: false))
            {
                foreach (TracePairRecord r in records)
                {
                    journal.Append(r);
                }

                journal.Seal();
            }

            // A kill while the second record was being written: the first whole, the second torn.
            byte[] bytes = File.ReadAllBytes(Path.Combine(whole, TraceJournal.FileName));
            int secondEnd = Array.IndexOf(bytes, (byte)'\n', Array.IndexOf(bytes, (byte)'\n', Array.IndexOf(bytes, (byte)'\n') + 1) + 1);
            File.WriteAllBytes(Path.Combine(killed, TraceJournal.PartialFileName), bytes[..(secondEnd - 10)]);

            using (TraceJournal resumed = TraceJournal.Open(killed, Header, resume: true))
            {
                Assert.HasCount(1, resumed.Previous);
                TracePairRecord back = resumed.Previous[(0, 1)];
                Assert.AreEqual(0.1 + 0.2, back.Effect, "bit for bit");
                Assert.AreEqual(0.1 + 0.2, back.Layers![0].Drops[1]);
                resumed.Append(records[1]);
                resumed.Append(records[2]);
                resumed.Seal();
            }

            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(killed, TraceJournal.FileName)));
            Assert.IsFalse(File.Exists(Path.Combine(killed, TraceJournal.PartialFileName)));
        }
        finally
        {
            Directory.Delete(whole, recursive: true);
            Directory.Delete(killed, recursive: true);
        }
    }

    [TestMethod]
    public void AJournalLargerThanTheReadBufferResumesToTheSameBytes()
    {
        // 3000 records (about 300 KB) and one of 20 000 drops (a line of about 400 KB): read back a line at a time.
        string whole = Directory.CreateTempSubdirectory("trace-journal").FullName, killed = Directory.CreateTempSubdirectory("trace-journal").FullName;
        try
        {
            TracePairRecord[] records = [.. Enumerable.Range(0, 3000).Select(p => p == 1500
                ? new TracePairRecord(0, p, $"p{p}", "ruler", $"s:S{p}", 2, 0.5, [new TraceLayerDrops("model.2", [.. Enumerable.Range(0, 20000).Select(d => d / 3.0)])])
                : Record(0, p, p / 7.0))];
            using (TraceJournal journal = TraceJournal.Open(whole, Header, resume: false))
            {
                foreach (TracePairRecord r in records)
                {
                    journal.Append(r);
                }

                journal.Seal();
            }

            byte[] bytes = File.ReadAllBytes(Path.Combine(whole, TraceJournal.FileName));
            int cut = bytes.Length - 5; // the last record torn
            File.WriteAllBytes(Path.Combine(killed, TraceJournal.PartialFileName), bytes[..cut]);

            using (TraceJournal resumed = TraceJournal.Open(killed, Header, resume: true))
            {
                Assert.HasCount(2999, resumed.Previous);
                Assert.AreEqual(1 / 3.0, resumed.Previous[(0, 1500)].Layers![0].Drops[1]);
                Assert.AreEqual(2998 / 7.0, resumed.Previous[(0, 2998)].Effect);
                resumed.Append(records[^1]);
                resumed.Seal();
            }

            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(killed, TraceJournal.FileName)));
        }
        finally
        {
            Directory.Delete(whole, recursive: true);
            Directory.Delete(killed, recursive: true);
        }
    }

    [TestMethod]
    public void AJournalOfOtherSettingsIsStartedAfreshAndRecordsOutOfOrderAreRefused()
    {
        string folder = Directory.CreateTempSubdirectory("trace-journal").FullName;
        try
        {
            using (TraceJournal journal = TraceJournal.Open(folder, Header, resume: false))
            {
                journal.Append(Record(0, 2, 0.5));
                Assert.ThrowsExactly<InvalidOperationException>(() => journal.Append(Record(0, 1, 0.5)));
            }

            TraceJournalHeader other = Header with { Trace = Header.Trace with { RandomDraws = 3 } };
            using (TraceJournal resumed = TraceJournal.Open(folder, other, resume: true))
            {
                Assert.IsEmpty(resumed.Previous, "another trace setting: nothing is taken over");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TracePairRecord Record(int model, int pair, double effect, bool leftOut = false) =>
        new(model, pair, $"p{pair}", "ruler", $"s:S{pair}", 2, effect, leftOut ? null : [new TraceLayerDrops("model.2", [0.25, effect])]);
}
