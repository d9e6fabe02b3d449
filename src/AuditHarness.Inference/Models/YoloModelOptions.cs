namespace AuditHarness.Inference.Models;

/// <summary>How a <see cref="YoloModel"/> is loaded: which layers to tap and how ONNX Runtime runs.</summary>
public sealed record YoloModelOptions
{
    /// <summary>Module names (<c>model.9</c>) or raw tensor names whose values each prediction returns.</summary>
    public IReadOnlyList<string> Taps { get; init; } = [];

    /// <summary>Threads ONNX Runtime uses inside one inference; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Input size (height, width) for a model with dynamic input dimensions and no <c>imgsz</c> metadata.</summary>
    public int FallbackImageSize { get; init; } = 640;
}
