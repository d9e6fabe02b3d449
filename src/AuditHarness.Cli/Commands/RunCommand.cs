using System.CommandLine;
using System.Globalization;
using AuditHarness.Cli.Output;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>run SPEC</c>: runs an audit spec and prints each model's checks and verdict. Exit code: 0 every check
/// passed (or warned), 1 a check failed (or, with --fail-on-warn, warned; with --baseline, a regression check counts
/// too), 2 bad spec or input (also: the output folder is held by another run, or holds something else; see --force),
/// 3 the run broke (error rate above the spec's maximum, an export that could not be written, a full disk).
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The audit spec (audits/<name>.audit.json)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output folder; overrides the spec's output." };
        Option<int> threads = CommonOptions.Threads();
        threads.Description = "ONNX Runtime intra-op threads per inference (default 1: the other core prepares the next pairs; 0 = one per core).";
        threads.DefaultValueFactory = _ => 1;
        var workers = new Option<int>("--workers")
        {
            Description = "Pairs processed at once (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 1, v => $"Option '--workers' must be at least 1; got {v}.") },
        };
        var timings = new Option<bool>("--timings")
        {
            Description = "After the run, print the median milliseconds per pair of each stage (decode, predictions, placebo search, comparison, CSV rows).",
        };
        Option<DirectoryInfo?> baseline = GateOptions.Baseline();
        Option<bool> unpaired = GateOptions.Unpaired();
        Option<bool> failOnWarn = GateOptions.FailOnWarn();
        Option<DirectoryInfo?> resume = ResumeOptions.Resume();
        Option<ShardSpec?> shard = ResumeOptions.Shard();
        var force = new Option<bool>("--force")
        {
            Description = "Empty the --output folder first when it holds anything but an unfinished run of this spec (a finished run, another spec's run, other files), which is otherwise refused. Never follows links out of it; refuses /, the home folder, a repository root and folders holding the current folder or the spec.",
        };
        var command = new Command("run", "Run an audit spec: pairs through the tapped model, placebo controls, statistics, policy verdicts, CSV logs. Without --output, --resume or --shard, each run gets its own <UTC timestamp>_<id> folder under the spec's output root and a row in its history.csv.")
        {
            spec, output, threads, workers, timings, baseline, unpaired, failOnWarn, resume, shard, force,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            parse.GetRequiredValue(spec).FullName, parse.GetValue(output)?.FullName, parse.GetValue(threads), parse.GetValue(workers), parse.GetValue(timings),
            parse.GetValue(baseline)?.FullName, parse.GetValue(unpaired), parse.GetValue(failOnWarn), parse.GetValue(resume)?.FullName, parse.GetValue(shard), parse.GetValue(force))));
        return command;
    }

    public static int Execute(
        string specPath, string? outputFolder, int threads, int workers, bool timings = false, string? baselineFolder = null, bool unpaired = false, bool failOnWarn = false,
        string? resumeFolder = null, ShardSpec? shard = null, bool force = false)
    {
        AuditSpec spec = AuditSpecLoader.Load(specPath);
        AuditStageTimings? stageTimings = timings ? new AuditStageTimings() : null;
        var options = new AuditPipelineOptions
        {
            OutputFolder = outputFolder,
            IntraOpThreads = threads,
            Workers = workers,
            StageTimings = stageTimings,
            BaselineFolder = baselineFolder,
            Unpaired = unpaired,
            ResumeFolder = resumeFolder,
            Shard = shard,
            Force = force,
            Log = Console.Error,
        };
        AuditPipelineResult result;
        if (Console.IsOutputRedirected)
        {
            result = AuditPipeline.Run(spec, options with { Progress = PlainProgress() });
        }
        else
        {
            using var bars = new ProgressBars(Describe);
            result = AuditPipeline.Run(spec, options with { Progress = bars.Report, PairsFinished = bars.Close });
        }

        if (result.FinishedBefore is { } finished)
        {
            return ResumeOptions.ReportFinished(finished, failOnWarn);
        }

        if (result.Shard is { } part)
        {
            return ResumeOptions.ReportShard(part);
        }

        if (stageTimings is not null)
        {
            PrintTimings(stageTimings, result.RunTime.TotalSeconds, workers);
        }

        return AuditConclusion.Conclude(result, failOnWarn, timeExports: stageTimings is not null, finishHint: $"go on with 'run {specPath} --resume {result.Folder}'");
    }

    /// <summary>Where the time went: per stage the median per pair and the total summed over all workers' pairs.</summary>
    private static void PrintTimings(AuditStageTimings timings, double runSeconds, int workers)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stage timings ({workers} workers, run {runSeconds:0.00} s wall; totals are summed over workers):"));
        Console.WriteLine($"  {"stage",-36} {"median ms/pair",14} {"total s",9} {"pairs",6}");
        foreach ((string stage, double median, double total, int pairs) in timings.Summary())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-36} {median,14:0.000} {total / 1000,9:0.00} {pairs,6}"));
        }
    }

    /// <summary>
    /// Plain lines about every 10 % of each model's pairs, so logs of scheduled runs stay readable. The models advance
    /// together (each pair goes through all of them), so each keeps its own count of what it reported.
    /// </summary>
    private static Action<AuditProgress> PlainProgress()
    {
        var lastReported = new Dictionary<int, int>();
        return p =>
        {
            int step = Math.Max(1, p.PairsTotal / 10);
            if (p.PairsDone == p.PairsTotal || p.PairsDone / step != lastReported.GetValueOrDefault(p.ModelIndex, -1))
            {
                lastReported[p.ModelIndex] = p.PairsDone / step;
                Console.WriteLine(Describe(p));
            }
        };
    }

    private static string Describe(AuditProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{p.ModelIndex + 1}/{p.ModelCount}] {p.Model}: {p.PairsDone}/{p.PairsTotal} pairs, {p.PairsPerSecond:0.0} pairs/s, {p.Failures} failed{(p.Remaining is { } r && p.PairsDone < p.PairsTotal ? $", ETA {r.TotalSeconds:0} s" : string.Empty)}");
}
