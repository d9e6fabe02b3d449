namespace AuditHarness.Inference.Imaging;

/// <summary>The image edge an inserted ruler runs along.</summary>
public enum RulerEdge
{
    Top,
    Bottom,
    Left,
    Right,
}
