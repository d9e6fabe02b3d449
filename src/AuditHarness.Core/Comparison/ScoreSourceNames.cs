namespace AuditHarness.Core.Comparison;

/// <summary>The words files and the report use for a <see cref="ScoreSource"/>.</summary>
public static class ScoreSourceNames
{
    public const string AnchorClassScore = "anchor class score";
    public const string MatchedDetectionScore = "matched detection score";

    public static string Name(this ScoreSource source) => source switch
    {
        ScoreSource.AnchorClassScore => AnchorClassScore,
        ScoreSource.MatchedDetectionScore => MatchedDetectionScore,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown score source"),
    };
}
