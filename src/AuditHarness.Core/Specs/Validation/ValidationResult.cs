using AuditHarness.Core.Errors;

namespace AuditHarness.Core.Specs.Validation;

/// <summary>
/// What reading and validating a file produced: the value when it could be built, and every error and warning.
/// <see cref="Value"/> is null when the file could not be parsed into a model at all.
/// </summary>
public sealed record ValidationResult<T>(T? Value, IReadOnlyList<ValidationError> Errors)
    where T : class
{
    public bool HasCriticalErrors => Errors.Any(e => e.IsCritical);

    public IEnumerable<ValidationError> Warnings => Errors.Where(e => !e.IsCritical);

    /// <summary>The value; throws <see cref="AuditInputException"/> with the first critical error's message otherwise.</summary>
    public T GetValueOrThrow()
    {
        ValidationError? first = Errors.FirstOrDefault(e => e.IsCritical);
        if (first is not null || Value is null)
        {
            throw new AuditInputException(first?.Message ?? "The input could not be read.");
        }

        return Value;
    }
}
