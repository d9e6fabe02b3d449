using System.CommandLine;
using System.CommandLine.Parsing;

namespace AuditHarness.Cli.Commands;

/// <summary>Options shared by several commands, each with its default, help text and validation in one place.</summary>
public static class CommonOptions
{
    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show stack traces with error messages.",
        Recursive = true,
    };

    public static Option<FileInfo> Model() => new("--model", "-m")
    {
        Description = "Ultralytics detection export (.onnx): end-to-end [1,N,6], YOLOv8/11 [1,4+nc,A] or YOLOv5 [1,A,5+nc] head.",
        Required = true,
    };

    public static Option<string?> Taps() => new("--taps")
    {
        Description = "Comma-separated layers to tap: module names (model.9 = model.model.model[9]) or raw tensor names.",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "ONNX Runtime intra-op threads (0 = one per core).",
        DefaultValueFactory = _ => 0,
        Validators = { r => Require<int>(r, v => v >= 0, v => $"Option '--threads' must be 0 or more; got {v}.") },
    };

    public static Option<float> Confidence() => new("--conf")
    {
        Description = "Minimum detection confidence, between 0 and 1.",
        DefaultValueFactory = _ => 0.25f,
        Validators = { r => Require<float>(r, v => v is >= 0f and <= 1f, v => $"Option '--conf' must be between 0 and 1; got {v}.") },
    };

    public static Option<float> Iou() => new("--iou")
    {
        Description = "IoU threshold of non-maximum suppression (anchor heads), greater than 0 and at most 1.",
        DefaultValueFactory = _ => 0.7f,
        Validators = { r => Require<float>(r, v => v is > 0f and <= 1f, v => $"Option '--iou' must be greater than 0 and at most 1; got {v}.") },
    };

    /// <summary>
    /// Adds <paramref name="message"/> as a parse error when the option's value breaks <paramref name="isValid"/>.
    /// A value that did not even convert is left alone: the parser already reports that, naming the option.
    /// </summary>
    public static void Require<T>(OptionResult result, Func<T, bool> isValid, Func<T, string> message)
    {
        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (!isValid(value))
        {
            result.AddError(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{message(value)}"));
        }
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
