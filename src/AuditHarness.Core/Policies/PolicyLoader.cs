using System.Text.Json;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Policies;

/// <summary>Reads and validates a policy file (<c>*.policy.json</c>; JSON with comments and trailing commas).</summary>
public static class PolicyLoader
{
    /// <summary>The validated policy; throws <see cref="Errors.AuditInputException"/> with the first critical error otherwise.</summary>
    /// <param name="path">The policy file; messages name it as given.</param>
    public static Policy Load(string path) => Read(path).GetValueOrThrow();

    /// <summary>Every error and warning in the file; <see cref="ValidationResult{T}.Value"/> is null when it could not be parsed.</summary>
    public static ValidationResult<Policy> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Read(Path.GetFullPath(path), path);
    }

    internal static ValidationResult<Policy> Read(string fullPath, string displayPath)
    {
        ValidationSink sink = new(displayPath);
        using JsonDocument? document = JsonSpecFile.Parse(fullPath, sink);
        if (document is null)
        {
            return new ValidationResult<Policy>(null, sink.Errors);
        }

        return FromElement(document.RootElement, string.Empty, sink);
    }

    /// <summary>Parses and validates a policy object; <paramref name="field"/> is its path (empty for a file's root).</summary>
    internal static ValidationResult<Policy> FromElement(JsonElement element, string field, ValidationSink sink)
    {
        Policy? policy = Parse(element, field, sink);
        if (policy is null || sink.HasCritical)
        {
            return new ValidationResult<Policy>(null, sink.Errors);
        }

        sink.AddRange(PolicyValidator.Validate(policy, sink.Source, field.Length == 0 ? string.Empty : field + "."));
        return new ValidationResult<Policy>(policy, sink.Errors);
    }

    /// <summary>Parses without validating, recording shape errors in <paramref name="sink"/>; null when the element is not an object.</summary>
    internal static Policy? Parse(JsonElement element, string field, ValidationSink sink)
    {
        JsonObjectReader? reader = JsonObjectReader.Open(element, field, sink);
        return reader is null ? null : PolicyParser.Read(reader);
    }
}
