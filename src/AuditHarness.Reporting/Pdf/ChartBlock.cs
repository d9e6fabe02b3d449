using ScottPlot;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// A ScottPlot chart across the content width, <paramref name="Height"/> points tall, drawn as vectors onto the
/// page. <paramref name="CreatePlot"/> builds a fresh plot each time the page is drawn (the PDF and the raster
/// canvas each draw it once) from data the summary holds; the renderer disposes it.
/// </summary>
public sealed record ChartBlock(string Title, float Height, Func<Plot> CreatePlot) : ReportBlock("chart '" + Title + "'");
