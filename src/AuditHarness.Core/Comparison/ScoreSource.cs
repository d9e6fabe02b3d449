namespace AuditHarness.Core.Comparison;

/// <summary>Where a model's class-conditional score drop is read (summary.json, summary.csv's note and the report name it).</summary>
public enum ScoreSource
{
    /// <summary>The original class's score at the original detection's anchor, read from the variant's per-class scores.</summary>
    AnchorClassScore,

    /// <summary>
    /// Fallback for a head whose per-anchor class scores could not be found: the score of the variant detection matched
    /// to the original one (0 when lost), whatever its class, so a class flip can read as no drop.
    /// </summary>
    MatchedDetectionScore,
}
