using ScottPlot;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// One measured drawing step on a page: text with its baseline, a filled or stroked rectangle, a chart or an image. Layout
/// produces these once; the PDF and the raster canvas both replay them, so the two cannot disagree.
/// </summary>
internal abstract record PageOp;

internal sealed record TextOp(float X, float Y, string Text, float Size, bool Bold, uint Color) : PageOp;

internal sealed record RectOp(float X, float Y, float Width, float Height, uint Fill, uint Stroke) : PageOp;

internal sealed record ChartOp(float X, float Y, float Width, float Height, Func<Plot> CreatePlot) : PageOp;

internal sealed record ImageOp(float X, float Y, float Width, float Height, byte[] Encoded) : PageOp;
