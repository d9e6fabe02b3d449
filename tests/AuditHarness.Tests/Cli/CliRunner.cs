using AuditHarness.Cli;

namespace AuditHarness.Tests.Cli;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the CLI in-process with Console redirected; callers must be [DoNotParallelize].</summary>
public static class CliRunner
{
    private static readonly Lock ConsoleLock = new();

    public static CliResult Run(params string[] args)
    {
        lock (ConsoleLock)
        {
            TextWriter originalOut = Console.Out, originalError = Console.Error;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int code = CliApplication.Run(args);
                return new CliResult(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
            }
        }
    }
}
