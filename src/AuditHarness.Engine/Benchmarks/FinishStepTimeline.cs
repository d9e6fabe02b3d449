using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// The steps of <c>merge</c> told apart by what appears in its output folder, in the order the merge writes it: the
/// merged journal is created once every shard is read and ordered; it is whole once it holds every record (the first
/// model's logs are written alongside); <c>summary.csv</c> appears once every model's statistics are done (the later
/// models' logs are read back from the journal in between, and the gallery re-runs a few pairs meanwhile); the sealed
/// journal follows the logs' renaming; the provenance manifest starts once the exports are written and ends the run.
/// </summary>
public static class FinishStepTimeline
{
    private static readonly (string Name, Func<IReadOnlyDictionary<string, long>, long, bool> Ended)[] Steps =
    [
        ("start, load spec and pairs, read and order the shard journals", (files, _) => files.ContainsKey(RunJournal.PartialFileName) || files.ContainsKey(RunJournal.FileName)),
        ("write the journal and the first model's logs", (files, records) => files.ContainsKey(RunJournal.FileName) || (files.TryGetValue(RunJournal.PartialFileName, out long size) && size >= records)),
        ("statistics per model (later models' logs, gallery)", (files, _) => files.ContainsKey("summary.csv") || files.ContainsKey("summary.csv.partial")),
        ("summary.csv, channels.csv, seal logs and journal", (files, _) => files.ContainsKey(RunJournal.FileName)),
        ("exports (junit.xml, summary.json, report.pdf, summary.md)", (files, _) => files.ContainsKey("run-manifest.json") || files.ContainsKey("run-manifest.json.partial")),
        ("run-manifest.json (hashes every output)", (files, _) => files.ContainsKey("run-manifest.json")),
    ];

    /// <param name="measurement">The merge process, watched in its output folder.</param>
    /// <param name="recordBytes">Bytes of the records the merged journal must hold (<see cref="GeneratedShards.RecordBytes"/>).</param>
    public static IReadOnlyList<FinishStep> From(ChildProcessMeasurement measurement, long recordBytes)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        IReadOnlyList<FolderSample> samples = measurement.Samples;
        var steps = new List<FinishStep>();
        int from = 0;
        double start = 0;
        foreach ((string name, Func<IReadOnlyDictionary<string, long>, long, bool> ended) in Steps)
        {
            int end = from;
            while (end < samples.Count && !ended(samples[end].Files, recordBytes))
            {
                end++;
            }

            if (end == samples.Count)
            {
                // Not seen: the process stopped (or failed) during this step.
                steps.Add(new FinishStep(name, start, null, CpuBetween(samples, from, samples.Count - 1), PeakOf(samples, from, samples.Count)));
                return steps;
            }

            steps.Add(new FinishStep(name, start, samples[end].Seconds, CpuBetween(samples, from, end), PeakOf(samples, from, end)));
            start = samples[end].Seconds;
            from = end;
        }

        steps.Add(new FinishStep("exit (flush, close)", start, measurement.Seconds, CpuBetween(samples, from, samples.Count - 1), PeakOf(samples, from, samples.Count)));
        return steps;
    }

    /// <summary>CPU time from sample <paramref name="from"/> to sample <paramref name="to"/> (from the start for the first step).</summary>
    private static double? CpuBetween(IReadOnlyList<FolderSample> samples, int from, int to)
    {
        if (samples.Count == 0 || to < 0 || samples[to].CpuSeconds is not double end)
        {
            return null;
        }

        double start = from == 0 ? 0 : samples[from].CpuSeconds ?? double.NaN;
        return double.IsNaN(start) ? null : end - start;
    }

    /// <summary>
    /// Each sample's memory is the largest seen until the next sample, so samples [from, to) cover the step's time; a
    /// step that began and ended between two looks takes the memory of the interval it fell in.
    /// </summary>
    private static long? PeakOf(IReadOnlyList<FolderSample> samples, int from, int to)
    {
        if (to <= from)
        {
            return samples.Count == 0 ? null : samples[Math.Max(0, from - 1)].RssBytes;
        }

        long? peak = null;
        for (int i = from; i < to; i++)
        {
            if (samples[i].RssBytes is long rss && (peak is null || rss > peak))
            {
                peak = rss;
            }
        }

        return peak;
    }
}
