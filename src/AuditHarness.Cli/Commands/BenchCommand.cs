using System.CommandLine;
using System.Globalization;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Benchmarks;
using AuditHarness.Inference.Benchmarks;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Tracing;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>bench --model M --image IMG</c>: median latency of preprocess, plain inference, inference with taps (including
/// copying the activations out) and postprocess (<see cref="TapLatencyBenchmark"/>). <c>bench --audit SPEC</c>: a whole
/// audit against the same number of bare forward passes (<see cref="AuditThroughputBenchmark"/>). <c>bench --finish N</c>:
/// the merge and finish of N simulated pairs from k shards, in a child process (<see cref="FinishBench"/>).
/// <c>bench --journal RUN_DIR</c>: the run journal's record codec on a run's records (<see cref="JournalCodecBenchmark"/>).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        Option<FileInfo> model = CommonOptions.Model();
        model.Required = false;
        var image = new Option<FileInfo>("--image", "-i") { Description = "Image to run (with --model)." };
        var audit = new Option<FileInfo>("--audit")
        {
            Description = "Instead of --model and --image: time this audit spec against the same number of bare forward passes (interleaved rounds, medians, ratio).",
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "With --audit: rounds of bare passes and audit, each timed once per round (at least 3).",
            DefaultValueFactory = _ => 3,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 3, v => $"Option '--rounds' must be at least 3; got {v}.") },
        };
        var workers = new Option<int>("--workers")
        {
            Description = "With --audit: the audit's workers and the bare passes' parallel workers (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 1, v => $"Option '--workers' must be at least 1; got {v}.") },
        };
        Option<string?> taps = CommonOptions.Taps();
        taps.DefaultValueFactory = _ => "model.2,model.4,model.6,model.9";
        var runs = new Option<int>("--runs")
        {
            Description = "Measured runs per variant (at least 5).",
            DefaultValueFactory = _ => 30,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 5, v => $"Option '--runs' must be at least 5; got {v}.") },
        };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Unmeasured runs per variant before measuring.",
            DefaultValueFactory = _ => 5,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 0, v => $"Option '--warmup' must be 0 or more; got {v}.") },
        };
        Option<int> threads = CommonOptions.Threads();
        var suffix = new Option<string?>("--suffix")
        {
            Description = "With --model and --image: comma-separated layers (model.N); time a patched suffix run after each against a full pass (interleaved, medians, ratio).",
        };

        var finish = new Option<int>("--finish")
        {
            Description = "Instead of --model/--audit: simulate N pairs (shard journals resampled from a finished run, no inference), then time the real merge + finish in a child process (wall time, peak memory, its steps).",
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 1, v => $"Option '--finish' must be at least 1 pair; got {v}.") },
        };
        var shards = new Option<int>("--shards")
        {
            Description = "With --finish: shard journals the pairs are split into.",
            DefaultValueFactory = _ => 100,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 1, v => $"Option '--shards' must be at least 1; got {v}.") },
        };
        var subjects = new Option<int?>("--subjects")
        {
            Description = "With --finish: subjects the pairs are drawn over (the bootstrap's clusters); default N/2 (the demo has 1-3 pairs per subject).",
            Validators = { r => CommonOptions.Require<int?>(r, v => v >= 1, v => $"Option '--subjects' must be at least 1; got {v}.") },
        };
        var from = new Option<string>("--from")
        {
            Description = "With --finish: a finished run of a manifest dataset whose journal supplies the per-pair records, or a spec's output folder (its newest run with a journal).",
            DefaultValueFactory = _ => FinishBench.DefaultSource,
        };
        var scratch = new Option<string?>("--scratch")
        {
            Description = "With --finish: a new or empty folder for the simulated shards and the merged run (default: a temporary folder, deleted afterwards).",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "With --finish: seed of the resampling.",
            DefaultValueFactory = _ => 1,
        };
        var keep = new Option<bool>("--keep")
        {
            Description = "With --finish: keep the scratch folder (shards and merged run) instead of deleting it.",
        };
        var journal = new Option<DirectoryInfo>("--journal")
        {
            Description = "Instead of --model/--audit/--finish: time the run journal's record codec on this run folder's records (median microseconds per record to decode and to encode them, over --runs rounds).",
        };
        var heapLimit = new Option<int>("--heap-limit")
        {
            Description = "With --finish: the merge's GC heap limit in MB, so a merge that outgrows it fails instead of taking a shared machine's memory; 0: none.",
            DefaultValueFactory = _ => 8192,
            Validators = { r => CommonOptions.Require<int>(r, v => v >= 0, v => $"Option '--heap-limit' must be 0 (none) or more MB; got {v}.") },
        };

        var resamples = new Option<int?>("--resamples")
        {
            Description = "With --finish: the bootstrap resamples of the simulated run's spec (default: the source spec's). For measuring memory quickly only: fewer resamples change the time of the statistics, not their memory.",
            Validators = { r => CommonOptions.Require<int?>(r, v => v >= 1, v => $"Option '--resamples' must be at least 1; got {v}.") },
        };

        var command = new Command("bench", "Measure median stage latencies and the cost of taps on one image, an audit's run time against bare forward passes, or how merge and finish scale with the pairs (--finish N).")
        {
            model, image, taps, runs, warmup, threads, audit, rounds, workers, suffix, finish, shards, subjects, from, scratch, seed, keep, heapLimit, resamples, journal,
        };
        command.Validators.Add(result =>
        {
            bool hasAudit = result.GetResult(audit) is not null;
            bool hasModel = result.GetResult(model) is not null, hasImage = result.GetResult(image) is not null;
            bool hasFinish = result.GetResult(finish) is not null;
            string[] finishOnly = [.. new Option[] { shards, subjects, from, scratch, seed, keep, heapLimit, resamples }.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name)];
            if (result.GetResult(journal) is not null)
            {
                if (hasFinish || hasAudit || hasModel || hasImage || result.GetResult(suffix) is not null)
                {
                    result.AddError("Option '--journal' times the journal's codec and runs no model; give it without --finish, --audit, --model, --image and --suffix.");
                }

                return;
            }

            if (hasFinish && (hasAudit || hasModel || hasImage || result.GetResult(suffix) is not null))
            {
                result.AddError("Option '--finish' simulates a merge and runs no model; give it without --audit, --model, --image and --suffix.");
            }
            else if (hasFinish)
            {
                return;
            }
            else if (finishOnly.Length > 0)
            {
                result.AddError($"Option(s) {string.Join(", ", finishOnly.Select(n => $"'{n}'"))} go with '--finish N'.");
            }
            else if (hasAudit && (hasModel || hasImage))
            {
                result.AddError("Option '--audit' replaces '--model' and '--image'; give either --audit SPEC or --model M --image IMG.");
            }
            else if (hasAudit && result.GetResult(suffix) is not null)
            {
                result.AddError("Option '--suffix' needs --model M --image IMG, not --audit.");
            }
            else if (!hasAudit && !(hasModel && hasImage))
            {
                result.AddError("bench needs --model M and --image IMG, --audit SPEC, or --finish N.");
            }
        });
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => parse.GetValue(journal) is { } run
            ? ExecuteJournal(run.FullName, parse.GetValue(runs), Console.Out)
            : parse.GetResult(finish) is not null
            ? FinishBench.Execute(
                parse.GetValue(finish),
                parse.GetValue(shards),
                parse.GetValue(subjects),
                parse.GetRequiredValue(from),
                parse.GetValue(scratch),
                parse.GetValue(seed),
                parse.GetValue(keep),
                parse.GetValue(heapLimit),
                parse.GetValue(resamples),
                Console.Out)
            : parse.GetValue(audit) is { } spec
            ? ExecuteAudit(spec.FullName, parse.GetValue(rounds), parse.GetValue(workers), Console.Out)
            : parse.GetValue(suffix) is { } layers
            ? ExecuteSuffix(
                parse.GetRequiredValue(model).FullName,
                parse.GetRequiredValue(image).FullName,
                CommonOptions.SplitList(layers),
                parse.GetValue(runs),
                parse.GetValue(warmup),
                parse.GetValue(threads),
                Console.Out)
            : Execute(
                parse.GetRequiredValue(model).FullName,
                parse.GetRequiredValue(image).FullName,
                CommonOptions.SplitList(parse.GetValue(taps)),
                parse.GetValue(runs),
                parse.GetValue(warmup),
                parse.GetValue(threads))));
        return command;
    }

    public static int Execute(string modelPath, string imagePath, IReadOnlyList<string> taps, int runs, int warmup, int threads)
    {
        TapLatency latency = TapLatencyBenchmark.Measure(modelPath, imagePath, taps, runs, warmup, threads);
        CultureInfo inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"model {Path.GetFileName(modelPath)}, image {Path.GetFileName(imagePath)}, input [1,3,{latency.InputHeight},{latency.InputWidth}], {runs} runs after {warmup} warm-up, threads {(threads == 0 ? "auto" : threads.ToString(inv))}");
        Console.WriteLine($"taps: {string.Join(",", latency.Taps)}");
        Console.WriteLine(string.Create(inv, $"median preprocess        {latency.PreprocessMs,8:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"median inference         {latency.InferenceMs,8:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"median inference + taps  {latency.TappedInferenceMs,8:0.00} ms (incl. copying activations)"));
        Console.WriteLine(string.Create(inv, $"median postprocess       {latency.PostprocessMs,8:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"tapped / plain           {latency.TapCost,8:0.000}"));
        return ExitCodes.Success;
    }

    /// <summary><c>bench --journal RUN_DIR</c>: the journal's size per record and the codec's median decode and encode time per record.</summary>
    public static int ExecuteJournal(string runFolder, int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        JournalCodecTiming timing = JournalCodecBenchmark.Measure(runFolder, rounds);
        CultureInfo inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"journal {Path.Combine(runFolder, "journal.jsonl")}: {timing.Records} records, {timing.JournalBytes} bytes, {timing.BytesPerRecord:0} bytes per record"));
        output.WriteLine(string.Create(inv, $"median over {timing.Rounds} rounds (after one warm-up): decode {timing.DecodeMicroseconds:0.0} us per record, encode {timing.EncodeMicroseconds:0.0} us per record"));
        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>bench --model M --image IMG --suffix model.N,...</c>: per layer, the median patched suffix run against the median
    /// full pass (<see cref="SuffixLatencyBenchmark"/>), and the average ratio over the layers.
    /// </summary>
    public static int ExecuteSuffix(string modelPath, string imagePath, IReadOnlyList<string> layers, int runs, int warmup, int threads, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        IReadOnlyList<SuffixLatency> rows = SuffixLatencyBenchmark.Measure(modelPath, imagePath, layers, runs, warmup, threads);
        CultureInfo inv = CultureInfo.InvariantCulture;
        output.WriteLine($"model {Path.GetFileName(modelPath)}, image {Path.GetFileName(imagePath)}, {runs} interleaved rounds after {warmup} warm-up, threads {(threads == 0 ? "auto" : threads.ToString(inv))}; suffix runs patch half the layer's channels");
        output.WriteLine($"{"layer",-9}  {"crossing",8}  {"nodes",9}  {"full ms",8}  {"suffix ms",9}  {"ratio",6}");
        foreach (SuffixLatency row in rows)
        {
            output.WriteLine(string.Create(inv, $"{row.Layer,-9}  {row.CrossingTensors,8}  {$"{row.SuffixNodes}/{row.GraphNodes}",9}  {row.FullMs,8:0.00}  {row.SuffixMs,9:0.00}  {row.Ratio,6:0.000}"));
        }

        output.WriteLine(string.Create(inv, $"average suffix / full over {rows.Count} layer(s): {rows.Average(r => r.Ratio):0.000}"));
        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>bench --audit SPEC</c>: prints the setting, the warm-up, a row per round as it is measured, the medians and the
    /// ratio of the audit to its bare forward passes (<see cref="AuditThroughputBenchmark"/>).
    /// </summary>
    public static int ExecuteAudit(string specPath, int rounds, int workers, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        AuditSpec spec = AuditSpecLoader.Load(specPath);
        OpenCvRuntime.EnsureLoaded();
        CultureInfo inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"audit '{spec.Name}', {spec.Models.Count} model(s); {Environment.ProcessorCount} cores, audit with {workers} worker(s) x 1 ONNX Runtime thread; {rounds} rounds"));
        string sequentialName = $"bare 1 session x {Environment.ProcessorCount} threads", parallelName = $"bare {workers} workers x 1 thread";
        AuditThroughputResult result = AuditThroughputBenchmark.Run(
            spec,
            rounds,
            workers,
            warmup =>
            {
                output.WriteLine(string.Create(inv, $"warm-up audit {warmup.Time.Seconds:0.00} s: {warmup.Pairs} pairs over all models, {warmup.TotalPasses} forward passes ({string.Join(", ", warmup.Passes.Select(p => $"{p.Key} {p.Value}"))})"));
                output.WriteLine($"{"round",6}  {sequentialName,-30}  {parallelName,-30}  {"audit",-30}");
                output.WriteLine($"{string.Empty,6}  {"wall s / cpu s",-30}  {"wall s / cpu s",-30}  {"wall s / cpu s / gen2 GCs",-30}");
            },
            r => output.WriteLine(string.Create(inv, $"{r.Round,6}  {$"{r.Sequential.Seconds:0.000} / {r.Sequential.CpuSeconds:0.000}",-30}  {$"{r.Parallel.Seconds:0.000} / {r.Parallel.CpuSeconds:0.000}",-30}  {$"{r.Audit.Seconds:0.000} / {r.Audit.CpuSeconds:0.000} / {r.Audit.Gen2Collections}",-30}")));

        int pairs = result.Warmup.Pairs, totalPasses = result.Warmup.TotalPasses;
        double baseline = result.BaselineSeconds, auditMedian = result.AuditMedian;
        output.WriteLine(string.Create(inv, $"{"median",6}  {result.SequentialMedian,-30:0.000}  {result.ParallelMedian,-30:0.000}  {auditMedian,-30:0.000}"));
        output.WriteLine(string.Create(inv, $"bare forward passes (baseline: the faster, {(result.SequentialFaster ? sequentialName : parallelName)}): {baseline:0.000} s, {baseline * 1000 / totalPasses:0.000} ms per pass"));
        output.WriteLine(string.Create(inv, $"audit: {auditMedian:0.000} s, {pairs / auditMedian:0.0} pairs per second"));
        output.WriteLine(string.Create(inv, $"audit / bare forward passes: {result.Ratio:0.000} (wall time, medians; CPU time {result.CpuRatio:0.000})"));
        return ExitCodes.Success;
    }
}
