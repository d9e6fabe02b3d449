namespace AuditHarness.Core.Specs;

/// <summary>A model under audit; each gets its own verdict.</summary>
/// <param name="Name">Short name used in reports and output folders (letters, digits, '.', '_', '-').</param>
/// <param name="Path">The ONNX file.</param>
public sealed record AuditedModel(string Name, SpecPath Path);
