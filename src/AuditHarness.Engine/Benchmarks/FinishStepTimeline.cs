using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// The steps of <c>merge</c> told apart by what appears in its output folder, in the order the merge writes it: the
/// merged journal is begun after the spec and pairs are loaded (and, in a merge that sorts, every shard read whole;
/// a k-way merge reads the shards while it writes); it is whole once it holds every record (the first
/// model's logs are written alongside); <c>summary.csv</c> appears once every model's statistics are done (the later
/// models' records are decoded from the shards again in between, and the gallery re-runs a few pairs meanwhile); the sealed
/// journal follows the logs' renaming; the provenance manifest starts once the exports are written and ends the run.
/// </summary>
public static class FinishStepTimeline
{
    private static readonly (string Name, Func<IReadOnlyDictionary<string, long>, long, bool> Ended)[] Steps =
    [
        ("start until the merged journal is begun (spec, pairs; each shard journal read through once to check it)", (files, _) => files.ContainsKey(RunJournal.PartialFileName) || files.ContainsKey(RunJournal.FileName)),
        ("merged journal and the first model's logs written", (files, records) => files.ContainsKey(RunJournal.FileName) || (files.TryGetValue(RunJournal.PartialFileName, out long size) && size >= records)),
        ("statistics per model (later models' logs, gallery)", (files, _) => files.ContainsKey("summary.csv") || files.ContainsKey("summary.csv.partial")),
        ("summary.csv, channels.csv, seal logs and journal", (files, _) => files.ContainsKey(RunJournal.FileName)),
        ("exports (junit.xml, summary.json, report.pdf, summary.md)", (files, _) => files.ContainsKey("run-manifest.json") || files.ContainsKey("run-manifest.json.partial")),
        ("run-manifest.json (hashes every output)", (files, _) => files.ContainsKey("run-manifest.json")),
    ];

    /// <summary>Index of the step that judges the models and writes the later models' logs, which <see cref="SplitStatistics"/> takes apart.</summary>
    private const int StatisticsStep = 2;

    private static readonly string[] PartialLogs = ["pairs.csv.partial", "detections.csv.partial", "layers.csv.partial", "errors.csv.partial"];

    /// <param name="measurement">The merge process, watched in its output folder.</param>
    /// <param name="recordBytes">Bytes of the records the merged journal must hold (<see cref="GeneratedShards.RecordBytes"/>).</param>
    /// <param name="models">The spec's models: each is judged once, and each after the first has its logs read back.</param>
    public static IReadOnlyList<FinishStep> From(ChildProcessMeasurement measurement, long recordBytes, int models)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentOutOfRangeException.ThrowIfLessThan(models, 1);
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

            if (steps.Count == StatisticsStep)
            {
                steps.AddRange(SplitStatistics(samples, from, end, models));
            }
            else
            {
                steps.Add(new FinishStep(name, start, samples[end].Seconds, CpuBetween(samples, from, end), PeakOf(samples, from, end)));
            }

            start = samples[end].Seconds;
            from = end;
        }

        steps.Add(new FinishStep("exit (flush, close)", start, measurement.Seconds, CpuBetween(samples, from, samples.Count - 1), PeakOf(samples, from, samples.Count)));
        return steps;
    }

    /// <summary>
    /// The statistics step as it alternates: a model is judged while the logs stand still, then the next model's rows
    /// (decoded from the shards again) make them grow, and so on; so the judging of each model and the writing of each later
    /// model's logs become steps of their own. Samples [<paramref name="from"/>, <paramref name="to"/>] span the step.
    /// Reading the records back stalls now and then on a busy machine, so the pauses between growths that are judging
    /// are the <paramref name="models"/> - 2 longest ones (the first and the last model's judging are at the ends).
    /// </summary>
    private static IEnumerable<FinishStep> SplitStatistics(IReadOnlyList<FolderSample> samples, int from, int to, int models)
    {
        long LogBytes(int i) => PartialLogs.Sum(name => samples[i].Files.TryGetValue(name, out long size) ? size : 0);

        int[] growths = [.. Enumerable.Range(from + 1, Math.Max(0, to - from)).Where(i => LogBytes(i) > LogBytes(i - 1))];
        if (models < 2 || growths.Length == 0)
        {
            // One model (or no rows read back): the whole step is its judging.
            yield return Step("statistics of model 1 (gallery alongside)", from, to);
            yield break;
        }

        // A pause runs from the look after a growth to the look before the next growth.
        int[] judging = [.. Enumerable.Range(0, growths.Length - 1)
            .OrderByDescending(j => samples[growths[j + 1] - 1].Seconds - samples[growths[j]].Seconds)
            .Take(models - 2)
            .Order()];
        int at = from, first = growths[0] - 1, model = 1;
        foreach (int j in judging)
        {
            yield return Step($"statistics of model {model} (gallery alongside)", at, first);
            model++;
            yield return Step($"logs of model {model}, decoded from the shards", first, growths[j]);
            at = growths[j];
            first = growths[j + 1] - 1;
        }

        yield return Step($"statistics of model {model} (gallery alongside)", at, first);
        yield return Step($"logs of model {model + 1}, decoded from the shards", first, growths[^1]);
        yield return Step($"statistics of model {model + 1} (gallery alongside)", growths[^1], to);

        FinishStep Step(string name, int start, int end) =>
            new(name, samples[start].Seconds, samples[end].Seconds, CpuBetween(samples, start, end), PeakOf(samples, start, end));
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
    /// The largest memory of the looks in [from, to), which cover the step's time; a step that began and ended between
    /// two looks takes the memory of the look before.
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
