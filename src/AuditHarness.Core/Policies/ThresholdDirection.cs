namespace AuditHarness.Core.Policies;

/// <summary>Which side of a check's threshold is acceptable.</summary>
public enum ThresholdDirection
{
    /// <summary>The threshold is a maximum: the value must stay at or below it.</summary>
    Max,

    /// <summary>The threshold is a minimum: the value must stay at or above it.</summary>
    Min,
}
