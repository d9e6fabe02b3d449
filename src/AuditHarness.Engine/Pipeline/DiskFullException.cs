namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// The disk (or quota) filled up while a run wrote its folder: the run is not finished, and its folder is kept so it
/// can be finished once there is room. The message says which file, and how to go on.
/// </summary>
public sealed class DiskFullException : IOException
{
    private const int NoSpace = 28; // ENOSPC
    private const int QuotaExceeded = 122; // EDQUOT

    public DiskFullException(string folder, string howToGoOn, IOException inner)
        : base($"No space left writing '{folder}' ({inner?.Message}); the run is not finished and its folder is kept: free space, then {howToGoOn}.", inner)
    {
        Folder = folder;
    }

    public DiskFullException()
    {
        Folder = string.Empty;
    }

    public DiskFullException(string message)
        : base(message)
    {
        Folder = string.Empty;
    }

    public DiskFullException(string message, Exception inner)
        : base(message, inner)
    {
        Folder = string.Empty;
    }

    /// <summary>The folder being written.</summary>
    public string Folder { get; }

    /// <summary>Whether <paramref name="ex"/> is .NET's report of ENOSPC or EDQUOT (its HResult is the errno on Unix).</summary>
    public static bool IsDiskFull(Exception ex) =>
        ex is IOException { HResult: NoSpace or QuotaExceeded } and not DiskFullException
        || (ex is IOException && ex.Message.Contains("No space left on device", StringComparison.Ordinal) && ex is not DiskFullException);
}
