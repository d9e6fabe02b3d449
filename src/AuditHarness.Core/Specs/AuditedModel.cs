namespace AuditHarness.Core.Specs;

/// <summary>A model under audit; each gets its own verdict.</summary>
/// <param name="Name">Short name used in reports and output folders (letters, digits, '.', '_', '-').</param>
/// <param name="Path">The ONNX file.</param>
public sealed record AuditedModel(string Name, SpecPath Path)
{
    /// <summary>Audited (decides the verdict) or reference (a control whose verdict is only shown).</summary>
    public ModelRole Role { get; init; } = ModelRole.Audited;

    /// <summary>A link to the model's card or documentation (<c>models[].modelCard</c>), printed in the report; null when not given.</summary>
    public string? ModelCard { get; init; }
}
