using System.CommandLine;
using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine;
using Spectre.Console;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>run SPEC</c>: runs an audit spec and prints each model's checks and verdict. Exit code: 0 every check
/// passed (or warned), 1 a check failed, 2 bad spec or input, 3 the run broke (error rate above the spec's maximum).
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
        var command = new Command("run", "Run an audit spec: pairs through the tapped model, placebo controls, statistics, policy verdicts, CSV logs.")
        {
            spec, output, threads, workers, timings,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            parse.GetRequiredValue(spec).FullName, parse.GetValue(output)?.FullName, parse.GetValue(threads), parse.GetValue(workers), parse.GetValue(timings))));
        return command;
    }

    public static int Execute(string specPath, string? outputFolder, int threads, int workers, bool timings = false)
    {
        AuditSpec spec = AuditSpecLoader.Load(specPath);
        AuditStageTimings? stageTimings = timings ? new AuditStageTimings() : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var options = new AuditRunOptions { OutputFolder = outputFolder, IntraOpThreads = threads, Workers = workers, StageTimings = stageTimings };
        AuditSummary summary = Console.IsOutputRedirected
            ? AuditRunner.Run(spec, options with { Progress = PlainProgress() })
            : RunWithProgressBar(spec, options);
        double runSeconds = clock.Elapsed.TotalSeconds;
        if (stageTimings is not null)
        {
            PrintTimings(stageTimings, runSeconds, workers);
        }

        // Exporters only read the frozen summary; one failing is reported and does not stop the others.
        long exportStart = System.Diagnostics.Stopwatch.GetTimestamp();
        AuditHarness.Reporting.RunExports.WriteAll(summary, Console.Error);
        if (stageTimings is not null)
        {
            // Nearly all of it is report.pdf (charts and gallery images); junit.xml and summary.json take a few ms.
            double exportMs = System.Diagnostics.Stopwatch.GetElapsedTime(exportStart).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"exports (junit, json, report.pdf)",-36} {exportMs,14:0.0} ms once"));
        }

        // Last: the provenance manifest hashes every output written above (verify flags anything added later).
        AuditHarness.Engine.Provenance.RunManifestWriter.Write(spec, summary.OutputFolder);

        foreach (ModelAuditSummary model in summary.Models)
        {
            Console.WriteLine();
            Console.WriteLine($"{model.Model}: {model.Verdict.ToString().ToUpperInvariant()} ({model.PairsCompleted} of {model.PairsAttempted} pairs, {model.Failures.Count} failed)");
            foreach (CheckResult c in model.Checks)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {c.Verdict.ToString().ToUpperInvariant(),-4}  {c.Check.Id,-30} {c.ArtifactType,-12} reliance {Number(c.Estimate),8} [{Number(c.Low)}, {Number(c.High)}]  threshold {c.Check.Threshold:0.###}  artifact {Number(c.ArtifactEffect)} placebo {Number(c.PlaceboEffect)}  p {PValue(c.PValue)}  n {c.Pairs}{(c.Note is null ? string.Empty : $"  ({c.Note})")}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Audit '{summary.AuditName}': {(summary.IsBroken ? "BROKEN" : summary.Verdict.ToString().ToUpperInvariant())}; logs in {summary.OutputFolder}");
        if (summary.IsBroken)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: more than {summary.MaxErrorRate:P0} of the pairs failed; see errors.csv."));
            return ExitCodes.RunBroken;
        }

        return summary.Verdict == Verdict.Fail ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string PValue(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

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

    /// <summary>Plain lines about every 10 % of a model's pairs, so logs of scheduled runs stay readable.</summary>
    private static Action<AuditProgress> PlainProgress()
    {
        int lastReported = -1;
        return p =>
        {
            int step = Math.Max(1, p.PairsTotal / 10);
            if (p.PairsDone == p.PairsTotal || p.PairsDone / step != lastReported)
            {
                lastReported = p.PairsDone / step;
                Console.WriteLine(Describe(p));
            }
        };
    }

    /// <summary>On a terminal: one bar per model with pairs done, pairs per second and the time left.</summary>
    private static AuditSummary RunWithProgressBar(AuditSpec spec, AuditRunOptions options)
    {
        AuditSummary? summary = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<int, ProgressTask>();
                summary = AuditRunner.Run(spec, options with
                {
                    Progress = p =>
                    {
                        if (!tasks.TryGetValue(p.ModelIndex, out ProgressTask? task))
                        {
                            task = tasks[p.ModelIndex] = context.AddTask(p.Model, maxValue: p.PairsTotal);
                        }

                        task.Value = p.PairsDone;
                        task.Description = Markup.Escape(Describe(p));
                    },
                });
            });
        return summary!;
    }

    private static string Describe(AuditProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{p.ModelIndex + 1}/{p.ModelCount}] {p.Model}: {p.PairsDone}/{p.PairsTotal} pairs, {p.PairsPerSecond:0.0} pairs/s, {p.Failures} failed{(p.Remaining is { } r && p.PairsDone < p.PairsTotal ? $", ETA {r.TotalSeconds:0} s" : string.Empty)}");
}
