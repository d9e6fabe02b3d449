namespace AuditHarness.Engine.Provenance;

/// <summary>An export the run was asked for and could not write; a manifest listing one marks the run unsealed.</summary>
/// <param name="File">The file not written, e.g. <c>report.pdf</c>.</param>
/// <param name="Error">Why, in one line: the exception's type and message.</param>
public sealed record FailedExport(string File, string Error);
