using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;

namespace AuditHarness.Packaging.Tests.Scripts;

/// <summary>
/// run-audit.ps1 run by PowerShell hosted in this process (Microsoft.PowerShell.SDK): on the demo audit through the
/// solution's build of the CLI, and through a stand-in CLI that records the command line the script builds and exits
/// with a chosen code.
/// </summary>
[TestClass]
[DoNotParallelize] // the stand-in is chosen through a process-wide environment variable
public sealed partial class RunAuditScriptHostTests
{
    private static readonly string Script = Repository.PathOf("run-audit.ps1");
    private static readonly string DemoSpec = Repository.PathOf("audits/demo-dermoscopy.audit.json");
    private static string _folder = null!;
    private static string _demoRun = null!;
    private static ScriptRun _demo = null!;

    [ClassInitialize]
    public static void RunTheDemo(TestContext context)
    {
        _ = context;
        _folder = Directory.CreateTempSubdirectory("run-audit-ps1").FullName;
        _demoRun = Path.Combine(_folder, "pr");
        _demo = RunReal(new Hashtable { ["Spec"] = DemoSpec, ["Out"] = _demoRun });
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void TheDemoFailsByDesignAndTheScriptExitsWithTheCliCodeAndNamesTheReport()
    {
        // The demo's shortcut detector fails its ruler checks: the CLI exits 1 (ChecksFailed), and so must the script.
        Assert.AreEqual(1, _demo.ExitCode, _demo.ToString());
        string report = Path.Combine(_demoRun, "report.pdf");
        Assert.IsTrue(File.Exists(report), _demo.ToString());
        CollectionAssert.Contains(_demo.Host, $"Report: {report}", _demo.ToString());
        Assert.IsTrue(_demo.Output.Any(l => l.StartsWith("Audit 'demo-dermoscopy': FAIL; logs in ", StringComparison.Ordinal)), "the CLI's output passes through: " + _demo);
    }

    [TestMethod]
    public void BaselineReachesTheCli()
    {
        string again = Path.Combine(_folder, "against-baseline");

        ScriptRun run = RunReal(new Hashtable { ["Spec"] = DemoSpec, ["Out"] = again, ["Baseline"] = _demoRun });

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        string[] regressions = File.ReadAllLines(Path.Combine(again, "regressions.csv"));
        Assert.IsGreaterThan(1, regressions.Length, "run --baseline writes one regression check per check: " + run);
        Assert.IsFalse(File.Exists(Path.Combine(_demoRun, "regressions.csv")), "a run without -Baseline has none");
    }

    [TestMethod]
    public void ShardReachesTheCli()
    {
        string shard = Path.Combine(_folder, "shard-1");

        ScriptRun run = RunReal(new Hashtable { ["Spec"] = DemoSpec, ["Out"] = shard, ["Shard"] = "1/4" });

        Assert.AreEqual(0, run.ExitCode, "a shard has no verdict of its own: " + run);
        Assert.IsTrue(run.Output.Any(l => l.StartsWith("Shard 1/4: ", StringComparison.Ordinal)), run.ToString());
        string header = File.ReadLines(Path.Combine(shard, "journal.jsonl")).First();
        Assert.IsTrue(ShardOneOfFour().IsMatch(header), header);
        Assert.IsFalse(File.Exists(Path.Combine(shard, "report.pdf")), "a shard writes only its journal");
    }

    [TestMethod]
    public void EveryOptionReachesTheCliInTheOrderTheScriptDocuments()
    {
        (ScriptRun run, string[] arguments) = RunStandIn(0, new Hashtable { ["Spec"] = "my.audit.json", ["Out"] = "runs/pr", ["Baseline"] = "runs/main", ["Shard"] = "2/4", ["FailOnWarn"] = true });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[] { "run", "my.audit.json", "--output", "runs/pr", "--baseline", "runs/main", "--shard", "2/4", "--fail-on-warn" }, arguments);
    }

    [TestMethod]
    public void WithoutOptionsTheScriptCallsRunSpecAlone()
    {
        (ScriptRun run, string[] arguments) = RunStandIn(0, new Hashtable { ["Spec"] = "my.audit.json" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[] { "run", "my.audit.json" }, arguments);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(2)]
    [DataRow(3)]
    public void TheCliExitCodePassesThrough(int code)
    {
        (ScriptRun run, _) = RunStandIn(code, new Hashtable { ["Spec"] = "my.audit.json", ["FailOnWarn"] = true });

        Assert.AreEqual(code, run.ExitCode, run.ToString());
        CollectionAssert.Contains(run.Host, $"Run folder: {Path.Combine(_folder, "stand-in-run")} (no report.pdf)", run.ToString());
    }

    /// <summary>The script through the solution's build of the CLI (the Release build is the script's own default).</summary>
    private static ScriptRun RunReal(Hashtable parameters)
        => Run(parameters, Repository.Configuration == "Release" ? null : Repository.BuiltCliDll());

    /// <summary>The script through a stand-in CLI that writes its arguments, one a line, prints the CLI's last line and exits <paramref name="code"/>.</summary>
    private static (ScriptRun Run, string[] Arguments) RunStandIn(int code, Hashtable parameters)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder, $"stand-in-{Guid.NewGuid():N}")).FullName;
        string recorded = Path.Combine(folder, "arguments.txt");
        string standIn = Path.Combine(folder, "audit-harness");
        File.WriteAllText(standIn, $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{recorded}'
            echo "Audit 'stand-in': WARN; logs in {Path.Combine(_folder, "stand-in-run")}"
            exit {code}

            """);
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("The stand-in CLI is a shell script.");
        }
        else
        {
            File.SetUnixFileMode(standIn, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        ScriptRun run = Run(parameters, standIn);
        return (run, File.ReadAllLines(recorded));
    }

    private static ScriptRun Run(Hashtable parameters, string? cli)
    {
        Assert.IsNull(Environment.GetEnvironmentVariable("AUDIT_HARNESS_CLI"), "AUDIT_HARNESS_CLI is set in this environment; the tests choose the CLI themselves");
        Environment.SetEnvironmentVariable("AUDIT_HARNESS_CLI", cli);
        try
        {
            using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using PowerShell shell = PowerShell.Create(runspace);
            // As a scheduler calls it: the script file with named parameters; its `exit N` ends up in $LASTEXITCODE.
            shell.AddScript("param($script, $parameters) & $script @parameters; \"exit=$LASTEXITCODE\"").AddArgument(Script).AddArgument(parameters);
            string[] output = [.. shell.Invoke().Select(o => o?.ToString() ?? string.Empty)];
            string[] host = [.. shell.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty)];
            string[] errors = [.. shell.Streams.Error.Select(e => e.ToString())];
            Assert.IsNotEmpty(output, "the script printed nothing; errors: " + string.Join('\n', errors));
            Assert.StartsWith("exit=", output[^1], string.Join('\n', output));
            return new ScriptRun(int.Parse(output[^1]["exit=".Length..], System.Globalization.CultureInfo.InvariantCulture), output[..^1], host, errors);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AUDIT_HARNESS_CLI", null);
        }
    }

    [GeneratedRegex(@"""index""\s*:\s*1\s*,\s*""count""\s*:\s*4")]
    private static partial Regex ShardOneOfFour();
}
