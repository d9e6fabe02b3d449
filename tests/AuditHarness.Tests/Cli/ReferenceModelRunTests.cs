using System.Text.Json.Nodes;
using System.Xml.Linq;
using AuditHarness.Cli;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// <c>run</c> with the demo's shortcut model as <c>"role": "reference"</c>: it still FAILs its ruler checks, but the exit
/// code, the audit's verdict, junit.xml and summary.md follow the audited clean model alone.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class ReferenceModelRunTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("reference-run").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void AFailingReferenceModelDoesNotFailTheRun()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.Write(_folder, every: 8), models: ["shortcut", "clean"]);
        JsonNode json = JsonNode.Parse(File.ReadAllText(spec))!;
        json["models"]![0]!["role"] = "reference";
        File.WriteAllText(spec, json.ToJsonString());
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        JsonNode summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        JsonNode shortcut = summary["models"]!.AsArray().Single(m => (string?)m!["model"] == "shortcut")!;
        JsonNode clean = summary["models"]!.AsArray().Single(m => (string?)m!["model"] == "clean")!;
        Assert.AreEqual("FAIL", (string?)shortcut["verdict"], "the reference still fails its ruler checks");
        Assert.AreEqual("reference", (string?)shortcut["role"]);
        Assert.AreNotEqual("FAIL", (string?)clean["verdict"]);
        Assert.AreEqual((string?)clean["verdict"], (string?)summary["verdict"], "the audited model alone decides");
        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stdout, "shortcut (reference, decides nothing): FAIL");
        Assert.AreEqual(0, (int)XDocument.Load(Path.Combine(output, "junit.xml")).Root!.Attribute("failures")!);
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "summary.md")), "| shortcut | reference (decides nothing) | **FAIL** |");
    }
}
