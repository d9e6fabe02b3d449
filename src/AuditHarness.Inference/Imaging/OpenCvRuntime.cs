using System.Text.RegularExpressions;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Recognises the failure to load OpenCV's native runtime and says what to install, instead of the
/// DllNotFoundException / TypeInitializationException stack trace .NET would show.
/// </summary>
public static partial class OpenCvRuntime
{
    public const string InstallHint = "install its prerequisite with 'sudo apt-get install -y libgtk-3-0' (or run ./setup.sh)";

    /// <summary>Loads the native library now, so a missing prerequisite is reported before any work starts.</summary>
    public static void EnsureLoaded()
    {
        try
        {
            _ = Cv2.GetVersionString();
        }
        catch (Exception ex) when (DescribeLoadFailure(ex) is { } message)
        {
            throw new NativeDependencyException(message, ex);
        }
    }

    /// <summary>The one-line explanation when <paramref name="exception"/> (or an inner one) is a native load failure; otherwise null.</summary>
    public static string? DescribeLoadFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException or BadImageFormatException)
            {
                // The loader's message is many lines; the missing library's name is the useful part.
                Match missing = MissingLibrary().Match(e.Message);
                string detail = missing.Success ? $" ({missing.Groups[1].Value} is missing)" : string.Empty;
                return $"OpenCV's native runtime (libOpenCvSharpExtern.so) could not be loaded{detail}; {InstallHint}.";
            }
        }

        return null;
    }

    // A dependency's bare name (not one of the paths the loader tried for OpenCvSharpExtern itself).
    [GeneratedRegex(@"(?m)(?:^|: )(lib(?!OpenCvSharpExtern)[\w.+-]*\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();
}
