using System.Text.Json;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Specs;

/// <summary>
/// Reads an audit spec (<c>audits/&lt;name&gt;.audit.json</c>; JSON with comments and trailing commas) and its
/// policy, then validates it. Shape errors (syntax, unknown, missing or mistyped fields) are all collected in one
/// pass; when there are none, <see cref="SpecValidator"/> collects the rest. Messages name the file as given.
/// </summary>
public static class AuditSpecLoader
{
    /// <summary>The validated spec; throws <see cref="Errors.AuditInputException"/> with the first critical error's one-line message otherwise.</summary>
    /// <param name="path">The spec file, absolute or relative to the current directory.</param>
    public static AuditSpec Load(string path) => Read(path).GetValueOrThrow();

    /// <summary>
    /// Every error and warning in the spec and its policy file. <see cref="ValidationResult{T}.Value"/> is null when
    /// the file could not be parsed into a spec; it is set (and still may have critical errors) once it could.
    /// </summary>
    public static ValidationResult<AuditSpec> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SpecPath source = new(path, Path.GetFullPath(path));
        ValidationSink sink = new(path);
        using JsonDocument? document = JsonSpecFile.Parse(source.FullPath, sink);
        JsonObjectReader? root = document is null ? null : JsonObjectReader.Open(document.RootElement, string.Empty, sink);
        if (root is null)
        {
            return new ValidationResult<AuditSpec>(null, sink.Errors);
        }

        AuditSpec spec = new AuditSpecParser(source, sink).Read(root);
        if (sink.HasCritical)
        {
            // Validating placeholders left by shape errors would only repeat them.
            return new ValidationResult<AuditSpec>(null, sink.Errors);
        }

        sink.AddRange(SpecValidator.Validate(spec));
        return new ValidationResult<AuditSpec>(spec, sink.Errors);
    }
}
