using System.CommandLine;

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
        Validators = { r => { if (r.GetValueOrDefault<int>() < 0) { r.AddError("Option '--threads' must be 0 or more."); } } },
    };

    public static Option<float> Confidence() => new("--conf")
    {
        Description = "Minimum detection confidence, between 0 and 1.",
        DefaultValueFactory = _ => 0.25f,
        Validators = { r => { if (r.GetValueOrDefault<float>() is not (>= 0f and <= 1f)) { r.AddError($"Option '--conf' must be between 0 and 1; got {r.GetValueOrDefault<float>()}."); } } },
    };

    public static Option<float> Iou() => new("--iou")
    {
        Description = "IoU threshold of non-maximum suppression (anchor heads), greater than 0 and at most 1.",
        DefaultValueFactory = _ => 0.7f,
        Validators = { r => { if (r.GetValueOrDefault<float>() is not (> 0f and <= 1f)) { r.AddError($"Option '--iou' must be greater than 0 and at most 1; got {r.GetValueOrDefault<float>()}."); } } },
    };

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
