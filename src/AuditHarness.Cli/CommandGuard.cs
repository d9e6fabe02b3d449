using AuditHarness.Core.Errors;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Inference.Imaging;

namespace AuditHarness.Cli;

/// <summary>
/// Runs a command body and turns failures into one line on stderr plus a named exit code;
/// the stack trace is shown only with <c>--verbose</c>.
/// </summary>
public static class CommandGuard
{
    public static int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (AuditInputException ex)
        {
            return Fail(ex, ex.Message, ExitCodes.BadInput, verbose);
        }
        catch (DiskFullException ex)
        {
            return Fail(ex, ex.Message, ExitCodes.RunBroken, verbose);
        }
        catch (Exception ex) when (OpenCvRuntime.DescribeLoadFailure(ex) is { } nativeMessage)
        {
            return Fail(ex, nativeMessage, ExitCodes.BadInput, verbose);
        }
        catch (Exception ex)
        {
            return Fail(ex, $"unexpected {ex.GetType().Name}: {ex.Message}", ExitCodes.RunBroken, verbose);
        }
    }

    private static int Fail(Exception ex, string message, int exitCode, bool verbose)
    {
        Console.Error.WriteLine($"error: {OneLine(message)}");
        if (verbose)
        {
            Console.Error.WriteLine(ex.ToString());
        }

        return exitCode;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
