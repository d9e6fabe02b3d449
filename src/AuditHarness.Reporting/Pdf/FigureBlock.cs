namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// A simple chart made of rectangles and labels already placed by the composer (width: the page's content width,
/// <see cref="FigureWidth"/>); kept on one page. Enough for interval bars and trend strips without a plotting library.
/// </summary>
public sealed record FigureBlock(string Title, float Height, IReadOnlyList<FigureShape> Shapes) : ReportBlock("figure '" + Title + "'")
{
    /// <summary>The width shapes are placed in: the A4 content width in points.</summary>
    public const float FigureWidth = 595.28f - (2 * 50f);
}
