using System.Text.Json.Nodes;
using System.Xml.Linq;
using AuditHarness.Cli;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// A run that judged nothing must not pass (issue 13, item 5): a check with n = 0 is INCONCLUSIVE and fails the gate
/// unless its policy says onNoData: warn; an artifact type the data lacks and a manifest without rows are bad input.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class NoSilentPassTests
{
    // Rows 207 and 208 (0-based) of the demo manifest are dark-corner pairs; row 0 is a ruler pair.
    private static readonly int[] DarkCornerRows = [207, 208];

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("no-silent-pass").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ACheckWithoutAnyJudgedPairIsInconclusiveAndFailsTheGateInEveryOutput()
    {
        // Dark corners fill all four corners: with the shifted control alone no placebo fits, so no pair has both effects.
        string spec = AuditSpecFiles.WriteWithPolicy(_folder, DemoManifestCut.Write(_folder, r => DarkCornerRows.Contains(r)), DarkCornerPolicy(onNoData: null), ShiftedOnly());
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stdout, "shortcut: INCONCLUSIVE");
        StringAssert.Contains(result.Stdout, "Audit 'engine-test': INCONCLUSIVE");
        string row = File.ReadAllLines(Path.Combine(output, "summary.csv")).Single(l => l.StartsWith("shortcut,dark_corners,corner-score-shift,", StringComparison.Ordinal));
        StringAssert.Contains(row, ",0,,,,"); // n = 0 and no estimate, interval: empty fields
        StringAssert.Contains(row, ",INCONCLUSIVE,");
        JsonNode summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.AreEqual("INCONCLUSIVE", (string?)summary["verdict"]);

        XDocument junit = XDocument.Load(Path.Combine(output, "junit.xml"));
        XElement failure = junit.Descendants("testcase").Single(t => (string?)t.Attribute("name") == "corner-score-shift").Element("failure")!;
        Assert.IsNotNull(failure, junit.ToString());
        Assert.AreEqual("INCONCLUSIVE", (string?)failure.Attribute("type"));
        StringAssert.Contains((string?)failure.Attribute("message"), "no placebo control fits");
        Assert.AreEqual("1", (string?)junit.Root!.Attribute("failures"));
    }

    [TestMethod]
    public void OnNoDataWarnTurnsTheUnjudgedCheckIntoAWarnThatPassesTheGate()
    {
        string spec = AuditSpecFiles.WriteWithPolicy(_folder, DemoManifestCut.Write(_folder, r => DarkCornerRows.Contains(r)), DarkCornerPolicy(onNoData: "warn"), ShiftedOnly());
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stdout, "Audit 'engine-test': WARN");
        XDocument junit = XDocument.Load(Path.Combine(output, "junit.xml"));
        Assert.AreEqual("0", (string?)junit.Root!.Attribute("failures"));
    }

    [TestMethod]
    public void AnOnNoDataValueOutsideTheListIsRefusedNamingTheField()
    {
        string spec = AuditSpecFiles.WriteWithPolicy(_folder, DemoManifestCut.First(_folder, 1), DarkCornerPolicy(onNoData: "pass"));

        CliResult result = CliRunner.Run("run", spec);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stderr, "onNoData 'pass' is not one of");
    }

    [TestMethod]
    public void AMisspelledArtifactTypeStopsBeforeAnyPairRunsListingTheTypesPresent()
    {
        // Two ruler pairs and two dark-corner pairs; the policy names 'rulers'.
        string manifest = DemoManifestCut.Write(_folder, r => r is 0 or 1 || DarkCornerRows.Contains(r));
        string policy = RepositoryFiles.PathOf("tests/AuditHarness.Tests/BadInputCorpus/no-data/misspelled-type.policy.json");
        string spec = AuditSpecFiles.WriteWithPolicy(_folder, manifest, policy);
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.Contains(lines[0], "check 'ruler-score-shift' names artifact type(s) 'rulers' that no pair of the dataset has; types present: dark_corners, ruler.");
        Assert.IsFalse(Directory.Exists(output), "no pair ran, so no run folder was made");
    }

    [TestMethod]
    public void AManifestWithOnlyAHeaderIsBadInputNamingTheManifest()
    {
        string manifest = RepositoryFiles.PathOf("tests/AuditHarness.Tests/BadInputCorpus/no-data/header-only.csv");
        string spec = AuditSpecFiles.Write(_folder, manifest);
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.Contains(lines[0], $"Manifest '{manifest}' has no pairs");
        Assert.IsFalse(Directory.Exists(output));
    }

    private static Dictionary<string, object> ShiftedOnly() => new() { ["mode"] = "shifted" };

    private static Dictionary<string, object> DarkCornerPolicy(string? onNoData)
    {
        var check = new Dictionary<string, object>
        {
            ["id"] = "corner-score-shift",
            ["metric"] = "score-shift",
            ["artifactTypes"] = new[] { "dark_corners" },
            ["threshold"] = 0.05,
        };
        if (onNoData is not null)
        {
            check["onNoData"] = onNoData;
        }

        return new Dictionary<string, object> { ["name"] = "dark-corners", ["checks"] = new[] { check } };
    }
}
