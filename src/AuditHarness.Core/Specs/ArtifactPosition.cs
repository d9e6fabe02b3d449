namespace AuditHarness.Core.Specs;

/// <summary>Where a synthetic artifact is drawn (kebab-case in spec files: <c>top-left</c>).</summary>
public enum ArtifactPosition
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    Center,
}
