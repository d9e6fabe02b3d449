namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// One element of a <see cref="FigureBlock"/>, in points from the figure's top-left corner: a rectangle (when
/// <paramref name="Width"/> and <paramref name="Height"/> are positive; fill and stroke ARGB, 0 for none) and/or a
/// text whose baseline starts at (<paramref name="X"/>, <paramref name="Y"/>).
/// </summary>
public sealed record FigureShape(float X, float Y, float Width, float Height, uint Fill, uint Stroke = 0, string? Text = null, float TextSize = 7f, uint TextColor = 0xFF000000);
