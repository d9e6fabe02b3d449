using System.Runtime.InteropServices;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// The machine and software a run executed on, as the report's environment block shows it. Library versions are
/// read from the loaded libraries (<see cref="ToolVersions"/>), never written as literals.
/// </summary>
public sealed record RunEnvironment(
    string OperatingSystem,
    string CpuModel,
    int CoreCount,
    string DotnetRuntime,
    string OnnxRuntimeVersion,
    string OpenCvVersion,
    string HarnessVersion,
    string HarnessCommit)
{
    private const string CpuInfoPath = "/proc/cpuinfo";

    public static RunEnvironment Capture()
    {
        IReadOnlyDictionary<string, string> tools = ToolVersions.Detect();
        return new RunEnvironment(
            RuntimeInformation.OSDescription + " (" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() + ")",
            CpuModelFrom(CpuInfoPath),
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription,
            tools["onnxruntime"],
            tools["opencv"],
            HarnessBuildInfo.Version,
            HarnessBuildInfo.GitCommit);
    }

    /// <summary>The first <c>model name</c> line of a cpuinfo file; <c>unknown</c> when the file is absent (not Linux) or has none.</summary>
    public static string CpuModelFrom(string cpuInfoPath)
    {
        if (!File.Exists(cpuInfoPath))
        {
            return "unknown";
        }

        try
        {
            foreach (string line in File.ReadLines(cpuInfoPath))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == "model name")
                {
                    string model = line[(colon + 1)..].Trim();
                    return model.Length > 0 ? model : "unknown";
                }
            }
        }
        catch (IOException)
        {
            // An unreadable cpuinfo does not stop an audit; the report then says it does not know.
        }

        return "unknown";
    }
}
