using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Imaging;

/// <summary>A native library the harness needs is missing from this machine; the message says what to install.</summary>
public sealed class NativeDependencyException : AuditInputException
{
    public NativeDependencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
