namespace AuditHarness.Packaging.Tests.Scripts;

/// <summary>One run of a PowerShell script: its exit code, its pipeline output, what it wrote to the host, its errors.</summary>
public sealed record ScriptRun(int ExitCode, string[] Output, string[] Host, string[] Errors)
{
    public override string ToString()
        => $"exit {ExitCode}\noutput:\n{string.Join('\n', Output)}\nhost:\n{string.Join('\n', Host)}\nerrors:\n{string.Join('\n', Errors.Take(20))}";
}
