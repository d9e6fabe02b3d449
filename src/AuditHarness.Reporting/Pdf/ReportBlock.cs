namespace AuditHarness.Reporting.Pdf;

/// <summary>One element of the report model: plain data, no drawing, so content and layout can be tested apart.</summary>
public abstract record ReportBlock(string Name);
