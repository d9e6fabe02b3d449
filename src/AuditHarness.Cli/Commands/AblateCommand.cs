using System.CommandLine;
using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Tracing;
using AuditHarness.Inference.Tracing;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>ablate --model M --layer model.N --channels 3,17,40 [--fill mean|zero] [--images DIR] --out M_ablated.onnx</c>, or
/// <c>ablate --from RUN --model NAME [--artifact TYPE] [--layer model.N] [--k K] ...</c> with the channels from a run's trace:
/// writes a model whose chosen channels at that layer are replaced by a constant (<see cref="ModelAblator"/>).
/// </summary>
public static class AblateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = "The model to ablate: an Ultralytics detection export (.onnx); with --from, the name of a model the run audited.",
            Required = true,
        };
        var from = new Option<string?>("--from")
        {
            Description = "A finished run folder with a trace result: the channels are the top --k of the layer's ranked channels there (default: the layer and k where they beat random channels by the most).",
        };
        var artifact = new Option<string?>("--artifact") { Description = "With --from: the traced artifact type (default: the only one traced)." };
        var layer = new Option<string?>("--layer") { Description = "The layer whose output channels are ablated: model.N (see 'layers'). Required without --from." };
        var channels = new Option<string?>("--channels") { Description = "Comma-separated channel indices of the layer's output, e.g. 3,17,40. Required without --from; not with it." };
        var k = new Option<int?>("--k") { Description = "With --from and --layer: ablate the top K ranked channels." };
        var fill = new Option<string>("--fill")
        {
            Description = "What replaces the channels: 'zero', or 'mean' (each channel's mean over every position of the --images).",
            DefaultValueFactory = _ => "zero",
        };
        fill.AcceptOnlyFromAmong("zero", "mean");
        var images = new Option<string?>("--images") { Description = "Artifact-free images (a folder or a glob) for --fill mean (also with --from)." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The ablated model to write (.onnx).", Required = true };
        var command = new Command("ablate", "Write a copy of a model with chosen channels of one layer replaced by zero or their mean over artifact-free images.")
        {
            model, from, artifact, layer, channels, k, fill, images, output,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () =>
        {
            AblationFill fillKind = parse.GetValue(fill) == "mean" ? AblationFill.Mean : AblationFill.Zero;
            string outputPath = parse.GetRequiredValue(output).FullName;
            if (parse.GetValue(from) is { } run)
            {
                return ExecuteFrom(run, parse.GetRequiredValue(model), parse.GetValue(artifact), parse.GetValue(layer), parse.GetValue(channels), parse.GetValue(k), fillKind, parse.GetValue(images), outputPath, Console.Out);
            }

            if (parse.GetValue(artifact) is not null || parse.GetValue(k) is not null)
            {
                throw new AuditInputException("Options '--artifact' and '--k' choose channels from a run's trace; expected them with --from RUN_FOLDER, or --channels without it.");
            }

            return Execute(
                Path.GetFullPath(parse.GetRequiredValue(model)),
                parse.GetValue(layer) ?? throw new AuditInputException("Option '--layer' is required without --from; expected the layer to ablate, e.g. --layer model.9."),
                parse.GetValue(channels) ?? throw new AuditInputException("Option '--channels' is required without --from; expected channel indices such as 3,17,40, or --from RUN_FOLDER."),
                fillKind,
                parse.GetValue(images),
                outputPath,
                Console.Out);
        }));
        return command;
    }

    public static int Execute(string modelPath, string layer, string channels, AblationFill fill, string? images, string outputPath, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(console);
        AblationResult result = ModelAblator.Ablate(modelPath, layer, ParseChannels(channels), fill, images, outputPath);
        Print(result, modelPath, console);
        return ExitCodes.Success;
    }

    /// <summary><c>ablate --from RUN --model NAME</c>: the channels from the run's trace result (<see cref="AblationFromRun"/>).</summary>
    public static int ExecuteFrom(string runFolder, string model, string? artifact, string? layer, string? channels, int? k, AblationFill fill, string? images, string outputPath, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (channels is not null)
        {
            throw new AuditInputException("Option '--channels' cannot be used with --from, which takes the channels from the run's trace; expected --layer and --k to choose them.");
        }

        AblationChoice choice = AblationFromRun.Choose(runFolder, model, artifact, layer, k);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"from {runFolder}: model {choice.Model}, {choice.ArtifactType}, {choice.Layer}, top {choice.K} of {choice.ChannelCount} channels ({choice.Reason})"));
        AblationResult result = ModelAblator.Ablate(choice.ModelPath, choice.Layer, choice.Channels, fill, images, outputPath);
        Print(result, choice.ModelPath, console);
        return ExitCodes.Success;
    }

    private static void Print(AblationResult result, string modelPath, TextWriter console)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        console.WriteLine($"wrote {result.OutputPath}");
        console.WriteLine(string.Create(inv, $"{result.Layer}: {result.Channels.Count} of {result.ChannelCount} channels ablated ({string.Join(",", result.Channels)}), fill {result.FillSource}"));
        console.WriteLine($"fill values: {string.Join(", ", result.FillValues.Select(v => v.ToString("0.######", inv)))}");
        console.WriteLine($"source {Path.GetFileName(modelPath)} sha256 {result.SourceSha256}");
    }

    internal static IReadOnlyList<int> ParseChannels(string text)
    {
        IReadOnlyList<string> parts = CommonOptions.SplitList(text);
        if (parts.Count == 0)
        {
            throw new AuditInputException($"Option '--channels' is '{text}'; expected comma-separated channel indices such as 3,17,40.");
        }

        return [.. parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int c)
            ? c
            : throw new AuditInputException($"Option '--channels' has '{p}'; expected a channel index (0, 1, 2, ...)."))];
    }
}
