using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Models;

/// <summary>The file is an ONNX model but not one the harness can run: not a detector, or outputs of no known YOLO family.</summary>
public sealed class UnsupportedModelException : AuditInputException
{
    public UnsupportedModelException(string message)
        : base(message)
    {
    }
}
