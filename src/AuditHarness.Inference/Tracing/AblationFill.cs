namespace AuditHarness.Inference.Tracing;

/// <summary>What an ablated channel is replaced by.</summary>
public enum AblationFill
{
    /// <summary>Zero everywhere.</summary>
    Zero,

    /// <summary>The channel's mean over every position of every given (artifact-free) image.</summary>
    Mean,
}
