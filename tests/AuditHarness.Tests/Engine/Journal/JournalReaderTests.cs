using System.IO.Compression;
using System.Text;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Journal;

/// <summary>The journal format of schema 6 (readable pair and model, deflated base64 binary record) and its one-line-at-a-time reader.</summary>
[TestClass]
public sealed class JournalReaderTests
{
    private static readonly JournalHeader TwoModels = new(
        JournalHeader.CurrentSchemaVersion, "/specs/a.audit.json", new string('a', 64), null, new string('b', 64),
        [new JournalModel("a", new string('c', 64)), new JournalModel("b", new string('d', 64))], 10, null);

    [TestMethod]
    [DataRow(1, DisplayName = "after the opening brace")]
    [DataRow(12, DisplayName = "in the readable pair and model")]
    [DataRow(31, DisplayName = "at the start of the encoded record")]
    [DataRow(150, DisplayName = "in the middle of the encoded record")]
    [DataRow(-2, DisplayName = "before the closing quote")]
    [DataRow(0, DisplayName = "the whole line but its newline")]
    public void ATornLineIsCutWhereverItBrokeAndContinuingWritesTheUninterruptedBytes(int cut)
    {
        using var folder = new TempFolder();
        string whole = Path.Combine(folder.Path, "whole"), killed = Path.Combine(folder.Path, "killed");
        WriteJournal(whole, pairs: 3);
        byte[] wholeBytes = File.ReadAllBytes(Path.Combine(whole, RunJournal.PartialFileName));
        int[] newlines = [.. wholeBytes.Select((b, i) => (b, i)).Where(x => x.b == '\n').Select(x => x.i)];
        int fifthStart = newlines[4] + 1, fifthLength = newlines[5] - fifthStart; // header, then pair 0 and 1 of both models, then pair 2 of model 0
        Assert.IsTrue(fifthLength > 300, $"a record line ({fifthLength} bytes) is long enough to cut in its record");
        int kept = cut > 0 ? cut : fifthLength + cut;
        Directory.CreateDirectory(killed);
        string killedPath = Path.Combine(killed, RunJournal.PartialFileName);
        File.WriteAllBytes(killedPath, wholeBytes[..(fifthStart + kept)]);

        JournalContents read = RunJournal.Read(killed)!;
        Assert.AreEqual(4, read.RecordCount);
        Assert.AreEqual((1, 1), read.LastRecord);
        Assert.AreEqual(kept, read.TornBytes);
        Assert.AreEqual(fifthStart, read.RecordsLength);

        using (RunJournal journal = RunJournal.Continue(killed, read))
        {
            journal.Append(Record(2, 0));
            journal.Append(Record(2, 1));
        }

        CollectionAssert.AreEqual(wholeBytes, File.ReadAllBytes(killedPath));
    }

    [TestMethod]
    public void ARecordLineKeepsItsPairAndModelReadableAndItsRecordAsBase64()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 1);

        string[] lines = File.ReadAllLines(Path.Combine(folder.Path, RunJournal.PartialFileName), Encoding.ASCII);

        StringAssert.StartsWith(lines[0], "{\"header\":{\"schemaVersion\":6,");
        StringAssert.Matches(lines[2], new System.Text.RegularExpressions.Regex("^\\{\"pair\":0,\"model\":1,\"record\":\"[A-Za-z0-9+/]+=*\"\\}$"));
        // The record is the raw-deflated binary payload laid out in docs/sharding.md.
        string base64 = lines[2][lines[2].IndexOf("\"record\":\"", StringComparison.Ordinal)..][10..^2];
        using var inflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        var payload = new MemoryStream();
        inflate.CopyTo(payload);
        byte[] bytes = payload.ToArray();
        // Model 1 and pair 0 as zigzag varints (2, 0), then the pair id "p0" after its length plus one (3, zigzag 6).
        CollectionAssert.AreEqual(new byte[] { 2, 0, 6, (byte)'p', (byte)'0' }, bytes[..5]);
        // 1.5f = 0x3FC00000 and NaN = 0xFFC00000 are bfloat16s: count 2 (zigzag 4), two bytes each (form 2), then the
        // high bytes 3F FF and the low bytes C0 C0.
        Assert.IsTrue(bytes.AsSpan().IndexOf((byte[])[4, 2, 0x3F, 0xFF, 0xC0, 0xC0]) > 0, "the selectivities' bfloat16 planes are in the payload");
    }

    [TestMethod]
    public void ALineWhoseRecordIsNotBase64IsAnErrorNamingTheFileAndLine()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 1);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        File.AppendAllText(path, "{\"pair\":1,\"model\":0,\"record\":\"not*base64\"}\n");

        var ex = Assert.ThrowsExactly<AuditInputException>(() => RunJournal.Read(folder.Path));

        StringAssert.Contains(ex.Message, $"Run journal '{path}' line 4:");
        StringAssert.Contains(ex.Message, "not base64");
    }

    [TestMethod]
    public void ARecordThatDoesNotInflateIsAnErrorNamingTheFileAndLineWhenDecoded()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 2);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        string[] lines = File.ReadAllLines(path);
        // Line 5 (pair 1 of model 1): valid base64 of bytes that are no deflate stream of a record.
        lines[4] = "{\"pair\":1,\"model\":1,\"record\":\"" + Convert.ToBase64String(Encoding.ASCII.GetBytes("this is not a deflated record")) + "\"}";
        File.WriteAllLines(path, lines);

        JournalContents contents = RunJournal.Read(folder.Path)!; // counting does not decode
        PairRecord[] firstThree = [.. contents.ReadRecords().Take(3)];
        var ex = Assert.ThrowsExactly<AuditInputException>(() => contents.ReadRecords().ToArray());

        Assert.AreEqual(4, contents.RecordCount);
        Assert.HasCount(3, firstThree);
        StringAssert.Contains(ex.Message, $"Run journal '{path}' line 5:");
        StringAssert.Contains(ex.Message, "pair 1 of model 1 cannot be decoded");
    }

    [TestMethod]
    public void OneModelsRecordsAreReadWithoutDecodingTheOtherModels()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 3);
        // Model 1's lines damaged: the readable key intact, the record no record.
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.StartsWith("{\"pair\":", StringComparison.Ordinal) && l.Contains("\"model\":1,", StringComparison.Ordinal)
            ? l[..(l.IndexOf("\"record\":\"", StringComparison.Ordinal) + 10)] + "AAAA\"}"
            : l));
        using RunJournal journal = RunJournal.Continue(folder.Path, RunJournal.Read(folder.Path)!);

        PairRecord[] first = [.. journal.RecordsOf(0)];

        CollectionAssert.AreEqual(new[] { "m0,p0,ruler\n", "m0,p1,ruler\n", "m0,p2,ruler\n" }, first.Select(r => r.Rows.Pairs).ToArray());
        var ex = Assert.ThrowsExactly<AuditInputException>(() => journal.RecordsOf(1).ToArray());
        StringAssert.Contains(ex.Message, "line 3: the record of pair 0 of model 1 cannot be decoded");
    }

    [TestMethod]
    public void RecordsReadBackOnSeveralCoresComeInTheJournalsOrder()
    {
        // Enough records for many batches decoded side by side: any batch handed back out of turn shows as a wrong pair.
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 1000);
        using RunJournal journal = RunJournal.Continue(folder.Path, RunJournal.Read(folder.Path)!);

        PairRecord[] second = [.. journal.RecordsOf(1)];
        PairRecord[] all = [.. journal.Records()];

        CollectionAssert.AreEqual(Enumerable.Range(0, 1000).Select(p => $"m1,p{p},ruler\n").ToArray(), second.Select(r => r.Rows.Pairs).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 2000).Select(i => (i / 2, i % 2)).ToArray(), all.Select(r => (r.Pair, r.Model)).ToArray());
    }

    [TestMethod]
    public void ADamagedRecordDeepInTheJournalComesAfterEveryRecordBeforeIt()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 1000);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        string[] lines = File.ReadAllLines(path);
        // Line 1402: header, pairs 0-699 of both models, then pair 700 of model 0.
        lines[1401] = "{\"pair\":700,\"model\":0,\"record\":\"" + Convert.ToBase64String(Encoding.ASCII.GetBytes("this is not a deflated record")) + "\"}";
        File.WriteAllLines(path, lines);
        using RunJournal journal = RunJournal.Continue(folder.Path, RunJournal.Read(folder.Path)!);

        var before = new List<(int Pair, int Model)>();
        var ex = Assert.ThrowsExactly<AuditInputException>(() =>
        {
            foreach (PairRecord record in journal.Records())
            {
                before.Add((record.Pair, record.Model));
            }
        });

        CollectionAssert.AreEqual(Enumerable.Range(0, 1400).Select(i => (i / 2, i % 2)).ToArray(), before.ToArray());
        StringAssert.Contains(ex.Message, $"Run journal '{path}' line 1402: the record of pair 700 of model 0 cannot be decoded");
    }

    [TestMethod]
    public void LeavingAReadBackEarlyLeavesTheJournalToGoOn()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 600);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        File.WriteAllLines(path, File.ReadAllLines(path)[..^1]); // pair 599 of model 1 left out, to be appended
        using RunJournal journal = RunJournal.Continue(folder.Path, RunJournal.Read(folder.Path)!);

        PairRecord[] firstFive = [.. journal.Records().Take(5)];
        journal.Append(Record(599, 1));
        PairRecord[] secondModel = [.. journal.RecordsOf(1)];

        CollectionAssert.AreEqual(new[] { (0, 0), (0, 1), (1, 0), (1, 1), (2, 0) }, firstFive.Select(r => (r.Pair, r.Model)).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 600).ToArray(), secondModel.Select(r => r.Pair).ToArray());
    }

    [TestMethod]
    public void ALineWhoseKeyDisagreesWithItsRecordIsRefused()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 1);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        string[] lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("\"pair\":0,\"model\":1", "\"pair\":3,\"model\":1", StringComparison.Ordinal); // still in order
        File.WriteAllLines(path, lines);

        var ex = Assert.ThrowsExactly<AuditInputException>(() => RunJournal.Read(folder.Path)!.ReadRecords().ToArray());

        StringAssert.Contains(ex.Message, "line 3: the line says pair 3 of model 1 and its record pair 0 of model 1");
    }

    [TestMethod]
    public void TheReaderHandsOnRecordsBeforeItHasReadTheRestOfTheFile()
    {
        using var folder = new TempFolder();
        WriteJournal(folder.Path, pairs: 3);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        File.AppendAllText(path, "a whole line that is no journal line\n");

        using JournalReader reader = JournalReader.Open(path, isSealed: false);
        JournalEntry[] firstTwo = [.. reader.Entries().Take(2)];

        Assert.AreEqual((0, 1), (firstTwo[1].Pair, firstTwo[1].Model));
        Assert.AreEqual("m1,p0,ruler\n", firstTwo[1].Decode().Rows.Pairs);
        Assert.AreEqual(2, reader.RecordCount);
        var ex = Assert.ThrowsExactly<AuditInputException>(() => reader.Entries().ToArray());
        StringAssert.Contains(ex.Message, "line 8");
    }

    [TestMethod]
    public void ALineLongerThanTheReadBufferIsReadWhole()
    {
        using var folder = new TempFolder();
        var random = new Random(7);
        float[] selectivity = [.. Enumerable.Range(0, 60_000).Select(_ => (float)random.NextDouble())]; // 320 KB of base64, incompressible
        PairRecord big = Record(0, 0) with { Outcome = Record(0, 0).Outcome! with { ArtifactLayers = [new LayerChange("model.9", 0.5, 0.9, 0.4, 0.1, 0.3, selectivity)] } };
        using (RunJournal journal = RunJournal.Create(folder.Path, TwoModels))
        {
            journal.Append(big);
            journal.Append(Record(0, 1));
        }

        PairRecord[] read = [.. RunJournal.Read(folder.Path)!.ReadRecords()];

        Assert.HasCount(2, read);
        CollectionAssert.AreEqual(selectivity.Select(BitConverter.SingleToInt32Bits).ToArray(), read[0].Outcome!.ArtifactLayers[0].ChannelSelectivity.Select(BitConverter.SingleToInt32Bits).ToArray());
    }

    [TestMethod]
    public void AJournalOfFormat5IsReadAsItsHeaderOnlyAndRefusedAsAnotherFormat()
    {
        using var folder = new TempFolder();
        // The first two lines of a format-5 journal as that harness wrote them: the record's JSON deflated, in base64.
        File.WriteAllText(Path.Combine(folder.Path, RunJournal.FileName),
            "{\"header\":{\"schemaVersion\":5,\"spec\":\"/specs/a.audit.json\",\"specSha256\":\"" + new string('a', 64) + "\",\"manifestSha256\":\"" + new string('b', 64)
            + "\",\"models\":[{\"name\":\"a\",\"sha256\":\"" + new string('c', 64) + "\"},{\"name\":\"b\",\"sha256\":\"" + new string('d', 64) + "\"}],\"pairs\":10}}\n"
            + "{\"pair\":0,\"model\":0,\"record\":\"q1bKzU9JzVGyMtBRKkjMLIIzPFOUrJQKDJRqAQ==\"}\n");

        JournalContents read = RunJournal.Read(folder.Path)!;
        string? refusal = read.Header!.InputMismatch(TwoModels);

        Assert.AreEqual(5, read.Header.SchemaVersion);
        Assert.AreEqual(0, read.RecordCount, "another format's records are not read by this format's rules");
        Assert.AreEqual("its journal is of format 5 and this harness reads format 6 (a run cannot go on across the versions that write them)", refusal);
    }

    private static void WriteJournal(string folder, int pairs)
    {
        using RunJournal journal = RunJournal.Create(folder, TwoModels with { Pairs = Math.Max(pairs, TwoModels.Pairs) });
        for (int pair = 0; pair < pairs; pair++)
        {
            journal.Append(Record(pair, 0));
            journal.Append(Record(pair, 1));
        }
    }


    private static PairRecord Record(int pair, int model)
    {
        var delta = new PredictionDelta(2, -0.25, 1, double.NaN, 0, 1, 0, 1);
        float[] selectivity = [1.5f, float.NaN];
        LayerChange[] layers = [new LayerChange("model.9", 0.5, 0.9, 0.4, 0.1, 0.3, selectivity)];
        var outcome = new PairOutcome($"p{pair}", "ruler", delta, [delta], layers, [[layers[0] with { ChannelSelectivity = [] }]]);
        // Rows long enough that a record line is several hundred bytes, as a real one is.
        string layerRows = string.Concat(Enumerable.Range(0, 8).Select(i => $"m{model},p{pair},ruler,artifact_removed,model.{i},{0.1 * (i + pair + 1):R},{1.0 / (i + 3):R},{Math.Sqrt(i + pair + 2):R}\n"));
        return new PairRecord(model, pair, $"p{pair}", new PairLogRows($"m{model},p{pair},ruler\n", string.Empty, layerRows, string.Empty), outcome, null);
    }
}
