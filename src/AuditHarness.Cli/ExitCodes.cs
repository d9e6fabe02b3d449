namespace AuditHarness.Cli;

/// <summary>Every exit code the CLI returns; scripts and CI gates rely on these numbers.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (for an audit: every check passed).</summary>
    public const int Success = 0;

    /// <summary>
    /// An audit ran and at least one policy check (or, against a baseline, regression check) failed, or with
    /// <c>--fail-on-warn</c> the verdict was WARN; for <c>verify</c>, a file of the run changed, went missing or was added.
    /// </summary>
    public const int ChecksFailed = 1;

    /// <summary>
    /// Bad input or configuration: a missing or malformed file, an option out of range, a missing native library, a run
    /// folder held by another run or holding something other than this spec's unfinished run (without --force).
    /// </summary>
    public const int BadInput = 2;

    /// <summary>
    /// The run itself broke: too many items failed, an export asked for could not be written (the run is left unsealed
    /// and resumable), the disk filled up (resumable), or an unexpected internal error.
    /// </summary>
    public const int RunBroken = 3;
}
