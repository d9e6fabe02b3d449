namespace AuditHarness.Engine.Pairs;

/// <summary>One pair could not be processed; <see cref="Stage"/> says where. The run logs it and goes on.</summary>
public sealed class PairException : Exception
{
    public PairException(string stage, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Stage = stage;
    }

    public string Stage { get; }
}
