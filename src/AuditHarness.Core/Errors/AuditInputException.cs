namespace AuditHarness.Core.Errors;

/// <summary>
/// Bad input or configuration: a missing file, a file of the wrong kind, an option out of range.
/// The message is one line that names the input and says what was expected; hosts show it without a
/// stack trace and map it to the "bad input" exit code.
/// </summary>
public class AuditInputException : Exception
{
    public AuditInputException(string message)
        : base(message)
    {
    }

    public AuditInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
