using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AuditHarness.Tests.Architecture;

/// <summary>
/// The project graph the compiler enforces (docs/architecture.md): the report reads results and never touches
/// inference, and only Inference (and Engine, which drives it) use ONNX Runtime or OpenCV types.
/// </summary>
[TestClass]
public sealed class ProjectDependencyTests
{
    /// <summary>Each src project and the src projects it may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["AuditHarness.Core"] = [],
        ["AuditHarness.Results"] = ["AuditHarness.Core"],
        ["AuditHarness.Inference"] = ["AuditHarness.Core"],
        ["AuditHarness.Reporting"] = ["AuditHarness.Core", "AuditHarness.Results"],
        ["AuditHarness.Engine"] = ["AuditHarness.Core", "AuditHarness.Inference", "AuditHarness.Results", "AuditHarness.Reporting"],
        ["AuditHarness.Cli"] = ["AuditHarness.Core", "AuditHarness.Inference", "AuditHarness.Results", "AuditHarness.Reporting", "AuditHarness.Engine"],
    };

    [TestMethod]
    public void EverySourceProjectReferencesOnlyTheProjectsBelowIt()
    {
        string[] projects = Directory.GetFiles(RepositoryFiles.PathOf("src"), "*.csproj", SearchOption.AllDirectories);
        CollectionAssert.AreEquivalent(Allowed.Keys.ToArray(), projects.Select(Path.GetFileNameWithoutExtension).ToArray(), "a project was added or renamed: give it its place in the graph here and in docs/architecture.md");
        foreach (string project in projects)
        {
            string name = Path.GetFileNameWithoutExtension(project);
            string[] references = [.. XDocument.Load(project).Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))];
            foreach (string reference in references)
            {
                CollectionAssert.Contains(Allowed[name], reference, $"{name} must not reference {reference}");
            }
        }
    }

    [TestMethod]
    public void TheReportAndTheResultsLoadNeitherInferenceNorItsNativeLibraries()
    {
        foreach (Assembly assembly in new[] { typeof(AuditHarness.Results.AuditSummary).Assembly, typeof(AuditHarness.Reporting.RunExports).Assembly, typeof(AuditHarness.Core.Policies.Verdict).Assembly })
        {
            string[] referenced = [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];
            foreach (string forbidden in new[] { "AuditHarness.Engine", "AuditHarness.Inference", "Microsoft.ML.OnnxRuntime", "OpenCvSharp" })
            {
                CollectionAssert.DoesNotContain(referenced, forbidden, $"{assembly.GetName().Name} references {forbidden}");
            }
        }
    }

    [TestMethod]
    public void OnnxRuntimeAndOpenCvTypesAreUsedOnlyInInferenceAndEngine()
    {
        var usesNative = new Regex(@"^\s*using\s+(OpenCvSharp|Microsoft\.ML\.OnnxRuntime)\b|\b(OpenCvSharp|Microsoft\.ML\.OnnxRuntime)\.", RegexOptions.Multiline);
        string src = RepositoryFiles.PathOf("src");
        string[] offenders = [.. Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(src, f))
            .Where(f => !f.StartsWith("AuditHarness.Inference", StringComparison.Ordinal) && !f.StartsWith("AuditHarness.Engine", StringComparison.Ordinal))
            .Where(f => usesNative.IsMatch(File.ReadAllText(Path.Combine(src, f))))];
        Assert.IsEmpty(offenders, "uses ONNX Runtime or OpenCV outside Inference and Engine: " + string.Join(", ", offenders));
    }

    /// <summary>Each Engine folder and the Engine folders it may use (docs/architecture.md): from the run down to its parts.</summary>
    private static readonly Dictionary<string, string[]> EngineFolders = new(StringComparer.Ordinal)
    {
        ["Provenance"] = [],
        ["History"] = [],
        ["Baseline"] = ["Provenance"],
        ["Pairs"] = ["Gallery"],
        ["Gallery"] = ["Pairs"], // a pair keeps its gallery material while it runs; the gallery replays pairs
        ["Journal"] = ["Pairs", "Provenance"],
        ["Tracing"] = ["Pairs", "Journal"], // causal tracing re-prepares pairs and journals like the run; ablate --from reads a finished run's trace result
        ["Summary"] = ["Pairs", "Journal", "Baseline", "Gallery", "Tracing"],
        ["Pipeline"] = ["Pairs", "Gallery", "Summary", "Journal", "Baseline", "History", "Provenance", "Tracing"],
        ["Benchmarks"] = ["Pipeline", "Pairs", "Journal", "Summary", "Provenance"], // bench --finish writes shard journals and input lists as a shard run does
        ["Init"] = [], // init checks model and images and writes starter files; it runs nothing
    };

    [TestMethod]
    public void EngineFoldersUseOnlyTheFoldersBelowThem()
    {
        string engine = RepositoryFiles.PathOf("src/AuditHarness.Engine");
        string[] folders = [.. Directory.GetDirectories(engine).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj"))!];
        CollectionAssert.AreEquivalent(EngineFolders.Keys.ToArray(), folders, "an Engine folder was added or renamed: give it its place here and in docs/architecture.md");
        Assert.IsEmpty(Directory.GetFiles(engine, "*.cs"), "every Engine type lives in a folder that says what it is for");
        var usingEngine = new Regex(@"^using AuditHarness\.Engine\.(\w+);", RegexOptions.Multiline);
        foreach (string folder in folders)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(engine, folder), "*.cs"))
            {
                foreach (Match used in usingEngine.Matches(File.ReadAllText(file)))
                {
                    CollectionAssert.Contains(EngineFolders[folder], used.Groups[1].Value, $"Engine/{folder}/{Path.GetFileName(file)} uses Engine/{used.Groups[1].Value}");
                }
            }
        }
    }
}
