using AuditHarness.Core.Comparison;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Journal;
using AuditHarness.Tests.Reporting;
using AuditHarness.Engine.Pairs;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Journal;

[TestClass]
public sealed class RunJournalTests
{
    private static readonly JournalHeader Header = new(
        JournalHeader.CurrentSchemaVersion, "/specs/a.audit.json", new string('a', 64), null, new string('b', 64), [new JournalModel("m", new string('c', 64))], 10, null);

    [TestMethod]
    public void ATornLastLineIsLeftOutAndContinuingWritesWhatAnUninterruptedJournalHolds()
    {
        using var folder = new TempFolder();
        string whole = Path.Combine(folder.Path, "whole"), killed = Path.Combine(folder.Path, "killed");
        using (RunJournal journal = RunJournal.Create(whole, Header))
        {
            for (int i = 0; i < 5; i++)
            {
                journal.Append(Record(i));
            }
        }

        using (RunJournal journal = RunJournal.Create(killed, Header))
        {
            for (int i = 0; i < 3; i++)
            {
                journal.Append(Record(i));
            }
        }

        // A kill in the middle of the fourth line: its first 57 bytes reached the file, not its newline.
        string killedPath = Path.Combine(killed, RunJournal.PartialFileName);
        byte[] fourth = File.ReadAllLines(Path.Combine(whole, RunJournal.PartialFileName))[4].Select(c => (byte)c).Take(57).ToArray();
        using (var stream = new FileStream(killedPath, FileMode.Append))
        {
            stream.Write(fourth);
        }

        JournalContents read = RunJournal.Read(killed)!;
        Assert.IsFalse(read.IsSealed);
        Assert.AreEqual(3, read.RecordCount);
        Assert.AreEqual(57, read.TornBytes);
        Assert.AreEqual(new FileInfo(killedPath).Length - 57, read.RecordsLength);

        using (RunJournal journal = RunJournal.Continue(killed, read))
        {
            journal.Append(Record(3));
            journal.Append(Record(4));
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(whole, RunJournal.PartialFileName)), File.ReadAllBytes(killedPath));
    }

    [TestMethod]
    public void AJournalWithoutAWholeHeaderLineHasNoHeader()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, RunJournal.PartialFileName), "{\"header\":{\"schemaVers");

        JournalContents read = RunJournal.Read(folder.Path)!;

        Assert.IsNull(read.Header);
        Assert.AreEqual(0, read.RecordCount);
        Assert.AreEqual(0, read.RecordsLength);
    }

    [TestMethod]
    public void OutcomesReadBackAreBitForBitTheOnesWritten()
    {
        var random = new Random(12345);
        double RandomDouble() => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEF_FFFF_FFFF_FFFF)) * (random.Next(2) == 0 ? -1 : 1);
        double[] special = [double.NaN, 0.0, -0.0, double.Epsilon, 1.0 / 3, 0.1 + 0.2, double.MaxValue, 5e-324, 2.2250738585072014E-308];
        double[] values = [.. special, .. Enumerable.Range(0, 200).Select(_ => RandomDouble())];
        float[] selectivity = [float.NaN, 1f / 3, float.Epsilon, 16777217f, .. Enumerable.Range(0, 100).Select(_ => BitConverter.Int32BitsToSingle(random.Next(0, 0x7F7F_FFFF)))];

        var records = new List<PairRecord>();
        for (int i = 0; i + 5 < values.Length; i += 6)
        {
            var delta = new PredictionDelta(i, values[i], 1, values[i + 1], 0, 1, 2, 3, values[i + 1], 1, values[i]);
            var layer = new LayerChange("model.2", values[i + 2], values[i + 3], values[i + 4], values[i + 5], values[i], selectivity);
            var outcome = new PairOutcome($"p{i}", "ruler", delta, [delta], [layer], [[layer with { ChannelSelectivity = [] }]])
            {
                ScoreSource = i % 12 == 0 ? ScoreSource.MatchedDetectionScore : ScoreSource.AnchorClassScore,
            };
            records.Add(new PairRecord(0, i / 6, $"p{i}", new PairLogRows("a,\"b\"\n", string.Empty, "é,ü\n", string.Empty), outcome, null));
        }

        using var folder = new TempFolder();
        using (RunJournal journal = RunJournal.Create(folder.Path, Header with { Pairs = records.Count }))
        {
            records.ForEach(journal.Append);
        }

        PairRecord[] read = [.. RunJournal.Read(folder.Path)!.ReadRecords()];
        Assert.HasCount(records.Count, read);
        for (int r = 0; r < records.Count; r++)
        {
            PairOutcome expected = records[r].Outcome!, actual = read[r].Outcome!;
            Assert.AreEqual(records[r].Rows, read[r].Rows);
            AssertSameBits(expected.Artifact.MeanScoreDelta, actual.Artifact.MeanScoreDelta);
            AssertSameBits(expected.Placebos[0].MeanScoreDeltaOffArtifact, actual.Placebos[0].MeanScoreDeltaOffArtifact);
            AssertSameBits(expected.Artifact.MeanScoreDrop, actual.Artifact.MeanScoreDrop);
            AssertSameBits(expected.Placebos[0].MeanScoreDropOffArtifact, actual.Placebos[0].MeanScoreDropOffArtifact);
            Assert.AreEqual(expected.Artifact.ScoreDropCountOffArtifact, actual.Artifact.ScoreDropCountOffArtifact);
            Assert.AreEqual(expected.ScoreSource, actual.ScoreSource);
            LayerChange e = expected.ArtifactLayers[0], a = actual.ArtifactLayers[0];
            AssertSameBits(e.RelativeChange, a.RelativeChange);
            AssertSameBits(e.PooledCosine, a.PooledCosine);
            AssertSameBits(e.InsideShare, a.InsideShare);
            AssertSameBits(e.AreaShare, a.AreaShare);
            AssertSameBits(e.InsideShareExcess, a.InsideShareExcess);
            CollectionAssert.AreEqual(e.ChannelSelectivity.Select(BitConverter.SingleToInt32Bits).ToArray(), a.ChannelSelectivity.Select(BitConverter.SingleToInt32Bits).ToArray());
            Assert.AreEqual(expected.Artifact, actual.Artifact with { }, "every field of the prediction delta");
            Assert.IsEmpty(actual.PlaceboLayers[0][0].ChannelSelectivity);
        }
    }

    [TestMethod]
    public void AWholeLineThatIsNotARecordIsAnErrorNamingTheLine()
    {
        using var folder = new TempFolder();
        using (RunJournal journal = RunJournal.Create(folder.Path, Header))
        {
            journal.Append(Record(0));
        }

        File.AppendAllText(Path.Combine(folder.Path, RunJournal.PartialFileName), "{\"pair\":\n");

        var ex = Assert.ThrowsExactly<AuditInputException>(() => RunJournal.Read(folder.Path));
        StringAssert.Contains(ex.Message, "line 3");
        StringAssert.Contains(ex.Message, RunJournal.PartialFileName);
    }

    [TestMethod]
    public void RecordsOutOfPairOrderAreRefusedWhenWrittenAndWhenRead()
    {
        using var folder = new TempFolder();
        using (RunJournal journal = RunJournal.Create(folder.Path, Header))
        {
            journal.Append(Record(2));
            Assert.ThrowsExactly<InvalidOperationException>(() => journal.Append(Record(1)));
        }

        // The same out-of-order line written by hand is refused on reading, so a resume never replays rows out of order.
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        string[] lines = File.ReadAllLines(path);
        File.AppendAllText(path, lines[1].Replace("\"pair\":2", "\"pair\":1", StringComparison.Ordinal) + "\n");
        var ex = Assert.ThrowsExactly<AuditInputException>(() => RunJournal.Read(folder.Path));
        StringAssert.Contains(ex.Message, "line 3");
        StringAssert.Contains(ex.Message, "order");
    }

    [TestMethod]
    public void SealingGivesTheRealNameAndContinuingASealedJournalCutsItsCompletion()
    {
        using var folder = new TempFolder();
        using (RunJournal journal = RunJournal.Create(folder.Path, Header))
        {
            journal.Append(Record(0));
            journal.Complete(new JournalCompletion("FAIL", false));
            journal.Seal();
        }

        Assert.IsFalse(File.Exists(Path.Combine(folder.Path, RunJournal.PartialFileName)));
        JournalContents sealedJournal = RunJournal.Read(folder.Path)!;
        Assert.IsTrue(sealedJournal.IsSealed);
        Assert.AreEqual(new JournalCompletion("FAIL", false), sealedJournal.Completion);

        using (RunJournal journal = RunJournal.Continue(folder.Path, sealedJournal))
        {
        }

        JournalContents reopened = RunJournal.Read(folder.Path)!;
        Assert.IsFalse(reopened.IsSealed);
        Assert.IsNull(reopened.Completion);
        Assert.AreEqual(1, reopened.RecordCount);
    }

    [TestMethod]
    public void RecordsGoPairByPairAndWithinAPairModelByModel()
    {
        using var folder = new TempFolder();
        JournalHeader twoModels = Header with { Models = [new JournalModel("a", new string('c', 64)), new JournalModel("b", new string('d', 64))] };
        using (RunJournal journal = RunJournal.Create(folder.Path, twoModels))
        {
            journal.Append(Record(0, model: 0));
            journal.Append(Record(0, model: 1));
            journal.Append(Record(1, model: 0));
            Assert.ThrowsExactly<InvalidOperationException>(() => journal.Append(Record(0, model: 1)), "back to an earlier pair");
            Assert.ThrowsExactly<InvalidOperationException>(() => journal.Append(Record(1, model: 0)), "the same record twice");
            journal.Append(Record(1, model: 1));
        }

        CollectionAssert.AreEqual(
            new[] { (0, 0), (0, 1), (1, 0), (1, 1) },
            RunJournal.Read(folder.Path)!.ReadRecords().Select(r => (r.Pair, r.Model)).ToArray());
    }

    [TestMethod]
    public void OneModelsRecordsAreReadBackInPairOrderWhileTheJournalIsWritten()
    {
        using var folder = new TempFolder();
        JournalHeader twoModels = Header with { Models = [new JournalModel("a", new string('c', 64)), new JournalModel("b", new string('d', 64))] };
        using RunJournal journal = RunJournal.Create(folder.Path, twoModels);
        for (int pair = 0; pair < 4; pair++)
        {
            for (int model = 0; model < 2; model++)
            {
                journal.Append(Record(pair, model));
            }
        }

        PairRecord[] second = [.. journal.RecordsOf(1)];

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, second.Select(r => r.Pair).ToArray());
        Assert.IsTrue(second.All(r => r.Model == 1));
        Assert.AreEqual("m1,p2,ruler\n", second[2].Rows.Pairs);
        AssertSameBits(-0.25, second[3].Outcome!.Artifact.MeanScoreDelta);
        Assert.HasCount(4, journal.RecordsOf(0).ToArray());
    }

    private static PairRecord Record(int pair, int model)
    {
        PairRecord record = Record(pair);
        return record with { Model = model, Rows = record.Rows with { Pairs = $"m{model},p{pair},ruler\n" } };
    }

    private static PairRecord Record(int pair)
    {
        var delta = new PredictionDelta(2, -0.25, 1, double.NaN, 0, 1, 0, 1);
        var outcome = new PairOutcome($"p{pair}", "ruler", delta, [], [new LayerChange("model.9", 0.5, 0.9, 0.4, 0.1, 0.3, [1.5f, float.NaN])], []);
        return new PairRecord(0, pair, $"p{pair}", new PairLogRows($"m,p{pair},ruler\n", string.Empty, string.Empty, string.Empty), outcome, null);
    }

    private static void AssertSameBits(double expected, double actual) =>
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual), $"{expected:R} read back as {actual:R}");
}
