using System.CommandLine;
using System.Globalization;
using AuditHarness.Cli.Output;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Inputs;
using AuditHarness.Core.IO;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using Spectre.Console;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>predict</c>: runs a model on images and prints one Ultralytics-style line per image; with <c>--out</c>
/// writes <c>detections.csv</c> and, with taps, <c>activations.csv</c>. A bad image is reported on its own
/// line and the others still run; the exit code is then <see cref="ExitCodes.BadInput"/>.
/// </summary>
public static class PredictCommand
{
    private const int ProgressBarMinimumImages = 5;

    public static Command Create()
    {
        Option<FileInfo> model = CommonOptions.Model();
        var source = new Option<string>("--source", "-s")
        {
            Description = "An image, a folder of images, or a glob such as 'images/*.jpg' or 'data/**/*.png'.",
            Required = true,
        };
        Option<float> conf = CommonOptions.Confidence();
        Option<float> iou = CommonOptions.Iou();
        Option<string?> taps = CommonOptions.Taps();
        Option<int> threads = CommonOptions.Threads();
        var output = new Option<DirectoryInfo?>("--out", "-o")
        {
            Description = "Folder for detections.csv (and activations.csv with --taps); created if missing.",
        };

        var command = new Command("predict", "Run a YOLO detector on images and print or save the detections.")
        {
            model, source, conf, iou, taps, threads, output,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            parse.GetRequiredValue(model).FullName,
            parse.GetRequiredValue(source),
            new DecodeSettings { Confidence = parse.GetValue(conf), Iou = parse.GetValue(iou) },
            CommonOptions.SplitList(parse.GetValue(taps)),
            parse.GetValue(threads),
            parse.GetValue(output)?.FullName)));
        return command;
    }

    public static int Execute(
        string modelPath, string source, DecodeSettings settings, IReadOnlyList<string> taps, int threads, string? outputFolder)
    {
        OpenCvRuntime.EnsureLoaded();
        IReadOnlyList<string> images = ImageSource.Expand(source);
        using YoloModel model = YoloModel.Load(modelPath, new YoloModelOptions { Taps = taps, IntraOpThreads = threads });

        using DetectionCsvWriter? detectionsCsv = outputFolder is null ? null : OutputFolder.Open(outputFolder, () => new DetectionCsvWriter(Path.Combine(outputFolder, "detections.csv")));
        using ActivationCsvWriter? activationsCsv = outputFolder is null || taps.Count == 0
            ? null
            : OutputFolder.Open(outputFolder, () => new ActivationCsvWriter(Path.Combine(outputFolder, "activations.csv")));

        var totals = new TimingTotals();
        int failures = 0;

        void RunOne(string image, Action<string> print)
        {
            try
            {
                YoloPrediction prediction = model.Predict(image, settings);
                detectionsCsv?.Write(image, prediction.Detections);
                activationsCsv?.Write(image, prediction.Activations);
                totals.Add(prediction.Timings);
                print(DetectionSummary.Format(Path.GetFileName(image), prediction.Detections, prediction.Timings.InferenceMs));
            }
            catch (AuditInputException ex)
            {
                failures++;
                print($"{Path.GetFileName(image)}: error: {ex.Message}");
            }
        }

        if (!Console.IsOutputRedirected && images.Count >= ProgressBarMinimumImages)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask("predict", maxValue: images.Count);
                    foreach (string image in images)
                    {
                        RunOne(image, line => AnsiConsole.Console.WriteLine(line));
                        task.Increment(1);
                    }
                });
        }
        else
        {
            foreach (string image in images)
            {
                RunOne(image, Console.WriteLine);
            }
        }

        detectionsCsv?.Complete();
        activationsCsv?.Complete();

        Console.WriteLine(totals.Describe(model));
        if (outputFolder is not null)
        {
            Console.WriteLine($"Results saved to {outputFolder}");
        }

        if (failures > 0)
        {
            Console.Error.WriteLine($"error: {failures} of {images.Count} images could not be processed (see the lines above).");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Success;
    }

    private sealed class TimingTotals
    {
        private int _count;
        private double _preprocess;
        private double _inference;
        private double _postprocess;

        public void Add(StageTimings timings)
        {
            _count++;
            _preprocess += timings.PreprocessMs;
            _inference += timings.InferenceMs;
            _postprocess += timings.PostprocessMs + timings.TapCopyMs;
        }

        public string Describe(YoloModel model)
        {
            if (_count == 0)
            {
                return "Speed: no image was processed.";
            }

            return string.Create(
                CultureInfo.InvariantCulture,
                $"Speed: {_preprocess / _count:0.0} ms preprocess, {_inference / _count:0.0} ms inference, {_postprocess / _count:0.0} ms postprocess per image at shape (1, 3, {model.InputHeight}, {model.InputWidth})");
        }
    }
}
