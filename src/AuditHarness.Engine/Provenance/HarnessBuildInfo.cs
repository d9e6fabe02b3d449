using System.Reflection;

namespace AuditHarness.Engine.Provenance;

/// <summary>The harness build as stamped into this assembly by Directory.Build.props.</summary>
public static class HarnessBuildInfo
{
    private static readonly Assembly Self = typeof(HarnessBuildInfo).Assembly;

    /// <summary>The informational version, e.g. <c>0.1.0+edfad73…</c>.</summary>
    public static string Version { get; } =
        Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? Self.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The full commit hash from <c>git rev-parse HEAD</c> at build time, or <c>unknown</c>.</summary>
    public static string GitCommit { get; } =
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "GitCommit")?.Value is { Length: > 0 } commit
            ? commit
            : "unknown";
}
