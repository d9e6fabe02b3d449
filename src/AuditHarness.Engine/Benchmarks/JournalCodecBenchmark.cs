using System.Diagnostics;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// <c>bench --journal RUN_DIR</c>: times the journal's record codec on a real run's records, in memory (no file is
/// written): each round decodes every record line as a merge or a resume does (<see cref="JournalEntry.Decode"/>),
/// then encodes every decoded record again as a run does (<see cref="JournalRecordCodec.Encode"/>). The journal must be
/// of this harness's format; one round first warms up the code.
/// </summary>
public static class JournalCodecBenchmark
{
    public static JournalCodecTiming Measure(string runFolder, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        JournalContents contents = RunJournal.Read(runFolder) ?? throw new AuditInputException($"Run folder '{runFolder}' has no journal ({RunJournal.FileName}); expected the folder of a run.");
        if (contents.Header is not { } header || header.SchemaVersion != JournalHeader.CurrentSchemaVersion)
        {
            throw new AuditInputException($"Run journal '{contents.Path}' is of format {contents.Header?.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}; expected format {JournalHeader.CurrentSchemaVersion} (run the audit again with this build).");
        }

        List<JournalEntry> entries;
        using (JournalReader reader = JournalReader.Open(contents.Path, contents.IsSealed))
        {
            entries = [.. reader.Entries()];
        }

        var records = new PairRecord[entries.Count];
        var decode = new List<double>();
        var encode = new List<double>();
        long encodedBytes = 0;
        for (int round = 0; round <= rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < entries.Count; i++)
            {
                records[i] = entries[i].Decode();
            }

            double decodeSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            foreach (PairRecord record in records)
            {
                encodedBytes += JournalRecordCodec.Encode(record).Length;
            }

            double encodeSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (round > 0) // round 0 warms up
            {
                decode.Add(decodeSeconds * 1e6 / Math.Max(1, entries.Count));
                encode.Add(encodeSeconds * 1e6 / Math.Max(1, entries.Count));
            }
        }

        GC.KeepAlive(encodedBytes);
        return new JournalCodecTiming(entries.Count, new FileInfo(contents.Path).Length, rounds, Median(decode), Median(encode));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
