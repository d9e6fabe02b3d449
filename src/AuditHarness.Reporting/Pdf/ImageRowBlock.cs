namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Images side by side across the content width, each fitted (aspect kept) into its share of the width and
/// <paramref name="ImageHeight"/> points, with its caption wrapped below. A row is never split across pages.
/// </summary>
public sealed record ImageRowBlock(string Title, IReadOnlyList<ReportImage> Images, float ImageHeight) : ReportBlock("image row '" + Title + "'");
