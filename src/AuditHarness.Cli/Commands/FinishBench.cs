using System.Diagnostics;
using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Benchmarks;
using AuditHarness.Engine.Journal;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>bench --finish N</c>: how the merge and finish steps scale, without running N pairs through the models. Writes N
/// simulated pairs in k sealed shard journals resampled from a finished run (<see cref="ShardJournalGenerator"/>), then
/// runs the real <c>merge</c> in a child process, so its wall time and peak memory are its own (<see cref="MeasuredChildProcess"/>),
/// and prints one table row (markdown, to paste) and the merge's steps as seen in its output folder.
/// </summary>
public static class FinishBench
{
    public const string DefaultSource = "runs/demo-dermoscopy";

    /// <param name="heapLimitMegabytes">The child's GC heap hard limit (DOTNET_GCHeapHardLimit), so a merge that would take the shared machine's memory fails instead; 0: none.</param>
    /// <param name="resamples">The spec copy's bootstrap resamples (null: the source's); fewer for measuring memory quickly.</param>
    public static int Execute(int pairs, int shards, int? subjects, string sourceRun, string? scratch, int seed, bool keep, int heapLimitMegabytes, int? resamples, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int subjectCount = subjects ?? Math.Max(1, pairs / 2);
        string folder = scratch is null ? Directory.CreateTempSubdirectory("audit-harness-finish-").FullName : Path.GetFullPath(scratch);
        bool madeFolder = scratch is null || !Directory.Exists(folder);
        CultureInfo inv = CultureInfo.InvariantCulture;
        try
        {
            sourceRun = ShardJournalGenerator.ResolveSourceRun(sourceRun);
            var clock = Stopwatch.StartNew();
            GeneratedShards generated = ShardJournalGenerator.Generate(new ScaleScenario(sourceRun, folder, pairs, shards, subjectCount, seed, resamples));
            double generateSeconds = clock.Elapsed.TotalSeconds;
            int models = (int)(generated.Records / pairs);
            string resampled = resamples is int r ? string.Create(inv, $", {r} bootstrap resamples") : string.Empty;
            output.WriteLine(string.Create(inv, $"generated {pairs} pairs x {models} models over {subjectCount} subjects in {shards} shard journals ({Megabytes(generated.JournalBytes)} MB) from '{sourceRun}' (seed {seed}{resampled}) in {generateSeconds:0.0} s; scratch {folder}"));

            string merged = Path.Combine(folder, "merged");
            ProcessStartInfo start = MergeProcess(generated.ShardFolders, merged, heapLimitMegabytes);
            output.WriteLine(string.Create(inv, $"{Environment.ProcessorCount} cores, load average {LoadAverage()} before the merge"));
            output.WriteLine($"merge + finish in a child process{(heapLimitMegabytes > 0 ? string.Create(inv, $" (GC heap limit {heapLimitMegabytes} MB)") : string.Empty)} ...");
            ChildProcessMeasurement child = MeasuredChildProcess.Run(start, merged, TimeSpan.FromMilliseconds(50));
            IReadOnlyList<FinishStep> steps = FinishStepTimeline.From(child, generated.RecordBytes, models);
            bool finished = child.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed && steps[^1].Reached;

            output.WriteLine();
            output.WriteLine("| pairs | shards | subjects | generate s | merge+finish s | CPU s | peak RSS MB | shard journals MB | journal MB | logs MB | report.pdf MB |");
            output.WriteLine("|------:|-------:|---------:|-----------:|---------------:|------:|------------:|------------------:|-----------:|--------:|--------------:|");
            output.WriteLine(string.Create(inv, $"| {pairs} | {shards} | {subjectCount} | {generateSeconds:0.0} | {child.Seconds:0.0}{(finished ? string.Empty : " (failed)")} | {(child.CpuSeconds is double cpu ? cpu.ToString("0.0", inv) : "n/a")} | {Megabytes(child.PeakRssBytes)} | {Megabytes(generated.JournalBytes)} | {Megabytes(SizeOf(merged, RunJournal.FileName, RunJournal.PartialFileName))} | {Megabytes(LogBytes(merged))} | {Megabytes(SizeOf(merged, "report.pdf"))} |"));
            output.WriteLine();
            output.WriteLine("| merge step (seen in its output folder) | from s | to s | time s | CPU s | peak RSS MB |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (FinishStep step in steps)
            {
                output.WriteLine(string.Create(inv, $"| {step.Name} | {step.StartSeconds:0.0} | {(step.EndSeconds is double end ? end.ToString("0.0", inv) : "not reached")} | {(step.EndSeconds is double e ? (e - step.StartSeconds).ToString("0.0", inv) : string.Empty)} | {(step.CpuSeconds is double c ? c.ToString("0.0", inv) : "n/a")} | {Megabytes(step.PeakRssBytes)} |"));
            }

            output.WriteLine();
            if (!finished)
            {
                string last = child.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "(nothing on stderr)";
                output.WriteLine($"merge did not finish: exit code {child.ExitCode}: {last}");
                return ExitCodes.RunBroken;
            }

            output.WriteLine($"merge exit code {child.ExitCode} (the run's verdict: {(child.ExitCode == ExitCodes.Success ? "pass or warn" : "a check failed")})");
            return ExitCodes.Success;
        }
        finally
        {
            if (!keep && madeFolder && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            else if (keep)
            {
                output.WriteLine($"kept {folder}");
            }
        }
    }

    /// <summary>This CLI's own <c>merge</c>: through the dotnet host when that is how it runs, else its apphost.</summary>
    private static ProcessStartInfo MergeProcess(IReadOnlyList<string> shardFolders, string merged, int heapLimitMegabytes)
    {
        string host = Environment.ProcessPath ?? throw new AuditInputException("bench --finish: cannot tell how this process was started, to start merge the same way.");
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(FinishBench).Assembly.Location);
        }

        start.ArgumentList.Add("merge");
        foreach (string shard in shardFolders)
        {
            start.ArgumentList.Add(shard);
        }

        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(merged);
        if (heapLimitMegabytes > 0)
        {
            start.Environment["DOTNET_GCHeapHardLimit"] = ((long)heapLimitMegabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        }

        return start;
    }

    /// <summary>The 1-minute load average (Linux), so a reader can tell a figure taken on a busy shared machine.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static long SizeOf(string folder, params string[] names) =>
        names.Select(n => Path.Combine(folder, n)).Where(File.Exists).Sum(p => new FileInfo(p).Length);

    /// <summary>Every CSV the merge wrote (the four streaming logs, pair-metrics, summary, channels).</summary>
    private static long LogBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*.csv*").Sum(f => f.Length) : 0;

    private static string Megabytes(long? bytes) => bytes is long b ? (b / 1048576.0).ToString(b < 10 * 1048576 ? "0.0" : "0", CultureInfo.InvariantCulture) : "n/a";
}
