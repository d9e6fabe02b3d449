using System.CommandLine;
using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Tracing;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>ablate --model M --layer model.N --channels 3,17,40 [--fill mean|zero] [--images DIR] --out M_ablated.onnx</c>:
/// writes a model whose chosen channels at that layer are replaced by a constant (<see cref="ModelAblator"/>).
/// </summary>
public static class AblateCommand
{
    public static Command Create()
    {
        Option<FileInfo> model = CommonOptions.Model();
        var layer = new Option<string>("--layer") { Description = "The layer whose output channels are ablated: model.N (see 'layers').", Required = true };
        var channels = new Option<string>("--channels") { Description = "Comma-separated channel indices of the layer's output, e.g. 3,17,40.", Required = true };
        var fill = new Option<string>("--fill")
        {
            Description = "What replaces the channels: 'zero', or 'mean' (each channel's mean over every position of the --images).",
            DefaultValueFactory = _ => "zero",
        };
        fill.AcceptOnlyFromAmong("zero", "mean");
        var images = new Option<string?>("--images") { Description = "Artifact-free images (a folder or a glob) for --fill mean." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The ablated model to write (.onnx).", Required = true };
        var command = new Command("ablate", "Write a copy of a model with chosen channels of one layer replaced by zero or their mean over artifact-free images.")
        {
            model, layer, channels, fill, images, output,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            parse.GetRequiredValue(model).FullName,
            parse.GetRequiredValue(layer),
            parse.GetRequiredValue(channels),
            parse.GetValue(fill) == "mean" ? AblationFill.Mean : AblationFill.Zero,
            parse.GetValue(images),
            parse.GetRequiredValue(output).FullName,
            Console.Out)));
        return command;
    }

    public static int Execute(string modelPath, string layer, string channels, AblationFill fill, string? images, string outputPath, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(console);
        AblationResult result = ModelAblator.Ablate(modelPath, layer, ParseChannels(channels), fill, images, outputPath);
        CultureInfo inv = CultureInfo.InvariantCulture;
        console.WriteLine($"wrote {result.OutputPath}");
        console.WriteLine(string.Create(inv, $"{result.Layer}: {result.Channels.Count} of {result.ChannelCount} channels ablated ({string.Join(",", result.Channels)}), fill {result.FillSource}"));
        console.WriteLine($"fill values: {string.Join(", ", result.FillValues.Select(v => v.ToString("0.######", inv)))}");
        console.WriteLine($"source {Path.GetFileName(modelPath)} sha256 {result.SourceSha256}");
        return ExitCodes.Success;
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
