namespace AuditHarness.Inference.Models;

/// <summary>
/// Thresholds applied when decoding one prediction; defaults are Ultralytics' predict defaults. Not the audit spec's
/// <c>prediction</c> section (<c>AuditHarness.Core.Specs.PredictionSettings</c>), which also holds the IoU that matches
/// a variant's detections to the original's; an audit decodes with that section's confidence and IoU.
/// </summary>
public sealed record DecodeSettings
{
    public static DecodeSettings Default { get; } = new();

    /// <summary>Minimum class confidence a detection must exceed.</summary>
    public float Confidence { get; init; } = 0.25f;

    /// <summary>IoU above which a lower-scored box of the same class is suppressed (anchor heads only).</summary>
    public float Iou { get; init; } = 0.7f;

    public int MaxDetections { get; init; } = 300;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (!(Confidence is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "confidence must be between 0 and 1");
        }

        if (!(Iou is > 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Iou), Iou, "IoU must be greater than 0 and at most 1");
        }

        if (MaxDetections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDetections), MaxDetections, "max detections must be at least 1");
        }
    }
}
