using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace AuditHarness.Engine.Provenance;

/// <summary>Versions of the runtime and native libraries that can change a run's numbers, for <see cref="RunManifest.Tools"/>.</summary>
public static class ToolVersions
{
    /// <summary>
    /// .NET, ONNX Runtime (native library) and OpenCV (native library). A library that cannot be loaded is recorded
    /// as <c>unavailable</c> rather than failing: by the time a manifest is written the run has already used both.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Detect() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet"] = Environment.Version.ToString(),
        ["onnxruntime"] = Safely(() => OrtEnv.Instance().GetVersionString()),
        ["opencv"] = Safely(() => Cv2.GetVersionString() ?? "unknown"),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    private static string Safely(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException or OnnxRuntimeException)
        {
            return "unavailable";
        }
    }
}
