namespace AuditHarness.Core.Specs;

/// <summary>Detection thresholds used on every variant.</summary>
/// <param name="Confidence">Minimum score of a detection.</param>
/// <param name="Iou">IoU above which non-maximum suppression drops the weaker box (anchor-grid models).</param>
/// <param name="MatchIou">IoU at or above which a variant's detection matches the original's.</param>
public sealed record PredictionSettings(double Confidence, double Iou, double MatchIou);
