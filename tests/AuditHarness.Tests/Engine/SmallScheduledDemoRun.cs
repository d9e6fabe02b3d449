using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// One real scheduled audit of every 12th demo pair (20 pairs of all four artifact types, both demo models), run once
/// per test process and shared by the tests that read what a run writes: its CSV logs, <c>history.csv</c> at the output
/// root and <c>report.pdf</c>. Read only; the folder is left in the temp directory for the process's lifetime.
/// </summary>
public static class SmallScheduledDemoRun
{
    private static readonly Lazy<(string Root, string Folder)> Run = new(() =>
    {
        string root = Directory.CreateTempSubdirectory("small-demo-run").FullName;
        string manifest = DemoManifestCut.Write(root, every: 12);
        AuditPipelineResult result = AuditPipeline.Run(AuditSpecLoader.Load(AuditSpecFiles.Write(root, manifest)));
        return (Path.GetDirectoryName(result.Folder)!, result.Folder);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The spec's output root, holding <c>history.csv</c> and the run's folder.</summary>
    public static string OutputRoot => Run.Value.Root;

    /// <summary>The finished run's folder.</summary>
    public static string Folder => Run.Value.Folder;
}
