using System.IO.Compression;
using System.Text;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Results;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Journal;

/// <summary>The binary record of journal format 6, through the journal's public writing and reading.</summary>
[TestClass]
public sealed class JournalRecordCodecTests
{
    private static readonly JournalHeader Header = new(
        JournalHeader.CurrentSchemaVersion, "/specs/a.audit.json", new string('a', 64), null, null, [new JournalModel("m", new string('c', 64))], 100, null);

    private static readonly double QuietNaNWithPayload = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF);

    [TestMethod]
    public void EveryFieldOfOutcomesAndFailuresComesBackBitForBit()
    {
        double[] specials = [double.NaN, QuietNaNWithPayload, -0.0, 0.0, double.Epsilon, -double.Epsilon, 2.2250738585072009E-308, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -1.0 / 3];
        float[] bfloat16s = [1.5f, -0f, float.PositiveInfinity, float.NegativeInfinity, BFloat16Rounding.MaxFinite, float.NaN, 3.140625f, 9.18355E-41f];
        // Not bfloat16s: kept as float32, every bit (a signalling NaN payload in the low bits, a subnormal, float.MaxValue).
        float[] float32s = [BitConverter.Int32BitsToSingle(0x7F80_0001), float.Epsilon, float.MaxValue, 1f / 3];
        var deltas = new[]
        {
            new PredictionDelta(int.MaxValue, specials[1], 0, specials[2], 3, 4, 5, 6, specials[4], 7, specials[6]),
            new PredictionDelta(0, double.NaN, 0, double.NaN, 0, 0, 0, 0),
            new PredictionDelta(2, specials[7], 1, specials[8], 0, 1, 0, 1, specials[9], 1, specials[10]),
        };
        var layers = new[]
        {
            new LayerChange("model.2", specials[0], specials[2], 0.75, 0.25, 0.75 - 0.25, bfloat16s),
            new LayerChange("model.9", specials[1], specials[3], QuietNaNWithPayload, 0.1, QuietNaNWithPayload - 0.1, float32s),
            new LayerChange("é", specials[4], specials[5], 0.5, 0.125, specials[6], []), // an excess that is not inside - area
        };
        PairRecord[] records =
        [
            new PairRecord(0, 0, "p0", new PairLogRows("a,\"b,c\"\n", "ü\n", "x\n", string.Empty),
                new PairOutcome("p0-outcome", "ruler", deltas[0], [deltas[1], deltas[2], deltas[0]], layers, [[], [layers[2]], [.. layers]])
                {
                    SubjectId = "S001",
                    PlaceboHost = "p9",
                    ScoreSource = ScoreSource.MatchedDetectionScore,
                },
                null),
            new PairRecord(0, 1, "p1", new PairLogRows(string.Empty, string.Empty, string.Empty, string.Empty), new PairOutcome("p1", string.Empty, deltas[1], [], [], []), null),
            new PairRecord(0, 2, "p2", new PairLogRows(string.Empty, string.Empty, string.Empty, "m,p2,4,decode,\"bad, \"\"png\"\"\"\n"), null, new PairFailure("m", "p2", 4, "decode", "bad, \"png\"")),
            new PairRecord(0, 3, "row 7", new PairLogRows(string.Empty, string.Empty, string.Empty, "m,,,read,x\n"), null, new PairFailure("m", null, -1, "read", string.Empty)),
        ];

        PairRecord[] read = WriteAndRead(records);

        Assert.HasCount(records.Length, read);
        for (int i = 0; i < records.Length; i++)
        {
            Assert.AreEqual(Describe(records[i]), Describe(read[i]), $"record {i}");
        }
    }

    [TestMethod]
    public void LayerRowsThatTheOutcomeGivesBackAreLeftOutOfTheLineAndFormattedAgainWhenRead()
    {
        LayerChange[] layers = [.. Enumerable.Range(0, 4).Select(t => new LayerChange($"model.{t}", 0.1 * (t + 1), 1.0 / (t + 3), Math.Sqrt(t + 2) / 2, 0.0802734375, (Math.Sqrt(t + 2) / 2) - 0.0802734375, []))];
        var delta = new PredictionDelta(2, -0.25, 1, double.NaN, 0, 1, 0, 1);
        var outcome = new PairOutcome("p0", "ruler", delta, [delta], layers, [layers]);
        string rows = PairLogRowFormatter.FormatLayerRows("shortcut", outcome);
        // Formatted independently of the harness: what layers.csv holds for these numbers.
        StringAssert.StartsWith(rows, "shortcut,p0,ruler,artifact_removed,model.0,0.1,0.3333333333333333,0.7071067811865476,0.0802734375,0.6268333436865475\n");
        StringAssert.Contains(rows, "shortcut,p0,ruler,placebo,model.3,0.4,0.16666666666666666,1.118033988749895,0.0802734375,1.0377605512498949\n");
        PairRecord derivable = new(0, 0, "p0", new PairLogRows(string.Empty, string.Empty, rows, string.Empty), outcome, null);
        // The same rows with one digit changed: no longer what the outcome gives, so journaled as they are.
        PairRecord edited = derivable with { Pair = 1, Rows = derivable.Rows with { Layers = rows.Replace("0.1,", "0.2,", StringComparison.Ordinal) } };

        using var folder = new TempFolder();
        PairRecord[] read = WriteAndRead([derivable, edited], folder.Path);
        string[] lines = File.ReadAllLines(Path.Combine(folder.Path, RunJournal.PartialFileName));

        Assert.AreEqual(rows, read[0].Rows.Layers);
        Assert.AreEqual(edited.Rows.Layers, read[1].Rows.Layers);
        Assert.IsGreaterThan(lines[1].Length + 100, lines[2].Length, $"the derived rows' line ({lines[1].Length} bytes) is far shorter than the verbatim one's ({lines[2].Length})");
    }

    [TestMethod]
    public void PairRowsThatTheOutcomeGivesBackKeepOnlyLabelCountsAndShiftsAndComeBackExactly()
    {
        var artifact = new PredictionDelta(2, -0.25, 1, double.NaN, 0, 1, 0, 1, 0.5, 1, 0.125);
        var placebo = new PredictionDelta(2, -1e-05, 2, -1e-05, 0, 0, 1, 0, 2e-06, 2, 2e-06);
        var shifted = new PairOutcome("p0", "ruler", artifact, [placebo, placebo], [], [[], []]);
        var transplant = new PairOutcome("p1", "ink", artifact, [placebo], [], [[]]) { PlaceboHost = "p7" };
        // pairs.csv rows as docs/columns.md lays them out, written by hand: negative shifts, two numbered placebos,
        // a transplant's host row, an empty label, a drop without value as an empty field.
        string shiftedRows =
            "m,p0,ruler,nevus,original,2,,,,,,,,,,,,shifted,\n"
            + "m,p0,ruler,nevus,artifact_removed,3,1,0,1,0,1,0.5,0.125,0.25,,,,shifted,\n"
            + "m,p0,ruler,nevus,placebo1,2,2,0,0,1,0,2E-06,2E-06,1E-05,1E-05,-1,107,shifted,\n"
            + "m,p0,ruler,nevus,placebo2,3,2,0,0,1,0,2E-06,2E-06,1E-05,1E-05,44,-1,shifted,\n";
        string transplantRows =
            "m,p1,ink,,original,1,,,,,,,,,,,,transplant,p7\n"
            + "m,p1,ink,,artifact_removed,3,1,0,1,0,1,0.5,0.125,0.25,,,,transplant,p7\n"
            + "m,p1,ink,,placebo_host,4,,,,,,,,,,,,transplant,p7\n"
            + "m,p1,ink,,placebo,2,2,0,0,1,0,2E-06,2E-06,1E-05,1E-05,,,transplant,p7\n";
        PairRecord[] records =
        [
            new(0, 0, "p0", new PairLogRows(shiftedRows, string.Empty, string.Empty, string.Empty), shifted, null),
            new(0, 1, "p1", new PairLogRows(transplantRows, string.Empty, string.Empty, string.Empty), transplant, null),
            // A matched count the outcome does not give: journaled as it is.
            new(0, 2, "p0", new PairLogRows(shiftedRows.Replace("artifact_removed,3,1,", "artifact_removed,3,9,", StringComparison.Ordinal), string.Empty, string.Empty, string.Empty), shifted, null),
        ];

        using var folder = new TempFolder();
        PairRecord[] read = WriteAndRead(records, folder.Path);
        string[] lines = File.ReadAllLines(Path.Combine(folder.Path, RunJournal.PartialFileName));

        for (int i = 0; i < records.Length; i++)
        {
            Assert.AreEqual(records[i].Rows.Pairs, read[i].Rows.Pairs, $"record {i}");
        }

        Assert.IsGreaterThan(lines[1].Length + 40, lines[3].Length, $"the derived rows' line ({lines[1].Length} bytes) is far shorter than the verbatim one's ({lines[3].Length})");
    }

    [TestMethod]
    public void ARecordWhosePayloadEndsEarlyIsAnErrorNamingTheFileAndLine()
    {
        using var folder = new TempFolder();
        var delta = new PredictionDelta(2, -0.25, 1, double.NaN, 0, 1, 0, 1);
        PairRecord record = new(0, 0, "p0", new PairLogRows("m,p0\n", string.Empty, string.Empty, string.Empty), new PairOutcome("p0", "ruler", delta, [delta], [], []), null);
        WriteAndRead([record], folder.Path);
        string path = Path.Combine(folder.Path, RunJournal.PartialFileName);
        string[] lines = File.ReadAllLines(path);
        // The same payload without its last 8 bytes (the placebo's last double), deflated again: valid deflate, no whole record.
        string base64 = lines[1][(lines[1].IndexOf("\"record\":\"", StringComparison.Ordinal) + 10)..^2];
        byte[] payload = Inflate(Convert.FromBase64String(base64));
        lines[1] = lines[1].Replace(base64, Convert.ToBase64String(Deflate(payload[..^8])), StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var ex = Assert.ThrowsExactly<AuditInputException>(() => RunJournal.Read(folder.Path)!.ReadRecords().ToArray());

        StringAssert.Contains(ex.Message, $"Run journal '{path}' line 2: the record of pair 0 of model 0 cannot be decoded (the record ends after");
    }

    private static PairRecord[] WriteAndRead(PairRecord[] records, string? folder = null)
    {
        using var temporary = folder is null ? new TempFolder() : null;
        string path = folder ?? temporary!.Path;
        using (RunJournal journal = RunJournal.Create(path, Header))
        {
            foreach (PairRecord record in records)
            {
                journal.Append(record);
            }
        }

        return [.. RunJournal.Read(path)!.ReadRecords()];
    }

    /// <summary>Every field of a record as text, numbers as their bits, so two descriptions are equal only when every bit is.</summary>
    private static string Describe(PairRecord r)
    {
        var text = new StringBuilder();
        text.Append($"{r.Model}|{r.Pair}|{r.PairId}|{r.Rows}|{r.Failure}\n");
        if (r.Outcome is { } o)
        {
            text.Append($"{o.PairId}|{o.ArtifactType}|{o.SubjectId ?? "null"}|{o.PlaceboHost ?? "null"}|{o.ScoreSource}\n");
            foreach (PredictionDelta d in (PredictionDelta[])[o.Artifact, .. o.Placebos])
            {
                text.Append($"{d.OriginalCount},{d.OffArtifactCount},{d.Flips},{d.Lost},{d.New},{d.OnArtifact},{d.ScoreDropCountOffArtifact},");
                text.Append($"{Bits(d.MeanScoreDelta)},{Bits(d.MeanScoreDeltaOffArtifact)},{Bits(d.MeanScoreDrop)},{Bits(d.MeanScoreDropOffArtifact)}\n");
            }

            foreach (IReadOnlyList<LayerChange> list in (IReadOnlyList<LayerChange>[])[o.ArtifactLayers, .. o.PlaceboLayers])
            {
                text.Append($"layers {list.Count}\n");
                foreach (LayerChange l in list)
                {
                    text.Append($"{l.Tap},{Bits(l.RelativeChange)},{Bits(l.PooledCosine)},{Bits(l.InsideShare)},{Bits(l.AreaShare)},{Bits(l.InsideShareExcess)},");
                    text.AppendJoin(' ', l.ChannelSelectivity.Select(v => BitConverter.SingleToUInt32Bits(v).ToString("X8", System.Globalization.CultureInfo.InvariantCulture)));
                    text.Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Inflate(byte[] compressed)
    {
        using var inflate = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var payload = new MemoryStream();
        inflate.CopyTo(payload);
        return payload.ToArray();
    }

    private static byte[] Deflate(byte[] payload)
    {
        var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(payload);
        }

        return compressed.ToArray();
    }
}
