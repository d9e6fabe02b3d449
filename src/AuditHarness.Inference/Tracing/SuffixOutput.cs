namespace AuditHarness.Inference.Tracing;

/// <summary>The raw detection output of a run (full or suffix), float32, row-major in <see cref="Shape"/>.</summary>
public sealed record SuffixOutput(float[] Values, IReadOnlyList<int> Shape)
{
    /// <summary>An end-to-end head's per-anchor class scores (<see cref="Models.YoloModel.ClassScoreTensor"/>) of a suffix run; null otherwise.</summary>
    public float[]? ClassScoreTensor { get; init; }
}
