namespace AuditHarness.Engine;

/// <summary>How a run executes, as opposed to what it audits (that is the spec).</summary>
public sealed record AuditRunOptions
{
    /// <summary>Output folder; null takes the spec's.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>
    /// ONNX Runtime threads per inference. The default 1 leaves the second core of a small machine to the stage
    /// that decodes and inpaints the next pairs; measured faster on 2 cores than 2 threads competing with it.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Called after every pair.</summary>
    public Action<AuditProgress>? Progress { get; init; }
}
