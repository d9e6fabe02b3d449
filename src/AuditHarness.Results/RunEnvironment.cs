namespace AuditHarness.Results;

/// <summary>
/// The machine and software a run executed on, as the report's environment block shows it. Library versions are
/// read from the loaded libraries when the run starts (Engine's <c>ProvenanceCapture</c>), never written as literals.
/// </summary>
public sealed record RunEnvironment(
    string OperatingSystem,
    string CpuModel,
    int CoreCount,
    string DotnetRuntime,
    string OnnxRuntimeVersion,
    string OpenCvVersion,
    string HarnessVersion,
    string HarnessCommit);
