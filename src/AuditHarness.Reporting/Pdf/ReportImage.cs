namespace AuditHarness.Reporting.Pdf;

/// <summary>One encoded image (PNG or JPEG) with the caption printed under it.</summary>
public sealed record ReportImage(byte[] Encoded, string Caption);
