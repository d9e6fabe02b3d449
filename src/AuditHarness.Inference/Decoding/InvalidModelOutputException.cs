using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Decoding;

/// <summary>
/// A model's output that no image could have produced (a NaN box coordinate or class, a class id the model has no
/// name for): the pair fails at <see cref="Stage"/> instead of the value passing as a detection (a NaN class read as 0).
/// </summary>
public sealed class InvalidModelOutputException : AuditInputException
{
    /// <summary>The stage an <c>errors.csv</c> row names for this failure.</summary>
    public const string Stage = "decode";

    public InvalidModelOutputException(string message)
        : base(message)
    {
    }
}
