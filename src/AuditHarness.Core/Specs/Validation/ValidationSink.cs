namespace AuditHarness.Core.Specs.Validation;

/// <summary>Collects the errors for one source file, prefixing each message with the file's name as the user gave it.</summary>
internal sealed class ValidationSink(string source)
{
    private readonly List<ValidationError> _errors = [];

    public string Source { get; } = source;

    public IReadOnlyList<ValidationError> Errors => _errors;

    public bool HasCritical => _errors.Any(e => e.IsCritical);

    public void Critical(string field, string text) => _errors.Add(new ValidationError(true, field, $"{Source}: {text}"));

    /// <summary>A problem with the file as a whole: "<c>source is not valid JSON ...</c>".</summary>
    public void CriticalAboutFile(string text) => _errors.Add(new ValidationError(true, string.Empty, $"{Source} {text}"));

    public void Warning(string field, string text) => _errors.Add(new ValidationError(false, field, $"{Source}: {text}"));

    public void AddRange(IEnumerable<ValidationError> errors) => _errors.AddRange(errors);
}
