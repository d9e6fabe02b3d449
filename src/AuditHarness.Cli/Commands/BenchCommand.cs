using System.CommandLine;
using System.Globalization;
using AuditHarness.Cli.Benchmarks;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using OpenCvSharp;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>bench --model M --image IMG</c>: median latency of preprocess, plain inference, inference with taps (including
/// copying the activations out) and postprocess. Plain and tapped runs alternate so both see the same machine noise,
/// and the ratio is taken within one run. <c>bench --audit SPEC</c>: a whole audit against the same number of bare
/// forward passes (<see cref="AuditThroughputBenchmark"/>).
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

        var command = new Command("bench", "Measure median stage latencies and the cost of taps on one image, or an audit's run time against bare forward passes.")
        {
            model, image, taps, runs, warmup, threads, audit, rounds, workers,
        };
        command.Validators.Add(result =>
        {
            bool hasAudit = result.GetResult(audit) is not null;
            bool hasModel = result.GetResult(model) is not null, hasImage = result.GetResult(image) is not null;
            if (hasAudit && (hasModel || hasImage))
            {
                result.AddError("Option '--audit' replaces '--model' and '--image'; give either --audit SPEC or --model M --image IMG.");
            }
            else if (!hasAudit && !(hasModel && hasImage))
            {
                result.AddError("bench needs --model M and --image IMG, or --audit SPEC.");
            }
        });
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => parse.GetValue(audit) is { } spec
            ? AuditThroughputBenchmark.Execute(spec.FullName, parse.GetValue(rounds), parse.GetValue(workers), Console.Out)
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
        OpenCvRuntime.EnsureLoaded();
        using Mat image = ImageFile.Read(imagePath);
        using YoloModel plain = YoloModel.Load(modelPath, new YoloModelOptions { IntraOpThreads = threads });
        using YoloModel tapped = YoloModel.Load(modelPath, new YoloModelOptions { IntraOpThreads = threads, Taps = taps });

        for (int i = 0; i < warmup; i++)
        {
            plain.Predict(image);
            tapped.Predict(image);
        }

        var plainTimes = new List<StageTimings>(runs);
        var tappedTimes = new List<StageTimings>(runs);
        for (int i = 0; i < runs; i++)
        {
            plainTimes.Add(plain.Predict(image).Timings);
            tappedTimes.Add(tapped.Predict(image).Timings);
        }

        double preprocess = Median(plainTimes.Select(t => t.PreprocessMs));
        double inference = Median(plainTimes.Select(t => t.InferenceMs));
        double tappedInference = Median(tappedTimes.Select(t => t.InferenceMs + t.TapCopyMs));
        double postprocess = Median(plainTimes.Select(t => t.PostprocessMs));

        CultureInfo inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"model {Path.GetFileName(modelPath)}, image {Path.GetFileName(imagePath)}, input [1,3,{plain.InputHeight},{plain.InputWidth}], {runs} runs after {warmup} warm-up, threads {(threads == 0 ? "auto" : threads.ToString(inv))}");
        Console.WriteLine($"taps: {string.Join(",", tapped.Taps.Select(t => t.Tap))}");
        Console.WriteLine(string.Create(inv, $"median preprocess        {preprocess,8:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"median inference         {inference,8:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"median inference + taps  {tappedInference,8:0.00} ms (incl. copying activations)"));
        Console.WriteLine(string.Create(inv, $"median postprocess       {postprocess,8:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"tapped / plain           {tappedInference / inference,8:0.000}"));
        return ExitCodes.Success;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
