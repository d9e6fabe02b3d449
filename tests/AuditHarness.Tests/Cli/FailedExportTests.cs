using AuditHarness.Cli;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// Through the CLI (issue 16 item 4): an export that cannot be written exits 3 with one error line naming the file and
/// the cause whatever the verdict, verify does not call the folder intact, and a resume once the cause is gone seals it.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class FailedExportTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("failed-export").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void AReportThatCannotBeWrittenExitsBrokenAndVerifyFailsUntilTheResumeSealsTheRun()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.Write(_folder, every: 24), models: "clean");
        string run = Path.Combine(_folder, "run");
        Directory.CreateDirectory(Path.Combine(run, "report.pdf")); // the report cannot take its name

        CliResult broken = CliRunner.Run("run", spec, "--resume", run);

        Assert.AreEqual(ExitCodes.RunBroken, broken.ExitCode, "a WARN verdict, but the run is not finished: " + broken.Stderr);
        string[] errors = [.. broken.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal))];
        Assert.HasCount(1, errors, broken.Stderr);
        StringAssert.StartsWith(errors[0], "error: report.pdf could not be written: ");
        StringAssert.EndsWith(errors[0], $"the run is not sealed: free the cause, then go on with 'run {spec} --resume {run}'.");
        Assert.DoesNotContain("warning:", broken.Stderr);
        StringAssert.Contains(broken.Stdout, "but the run is not sealed (an export failed, see below); logs in", "the verdict line does not read as a finished run");

        CliResult verify = CliRunner.Run("verify", run);
        Assert.AreEqual(ExitCodes.ChecksFailed, verify.ExitCode, verify.Stdout);
        StringAssert.StartsWith(verify.Stdout, "export failed: report.pdf (");
        StringAssert.Contains(verify.Stdout, "FAILED: 1 problem(s)");

        Directory.Delete(Path.Combine(run, "report.pdf"));
        CliResult resumed = CliRunner.Run("run", spec, "--resume", run);

        Assert.AreEqual(ExitCodes.Success, resumed.ExitCode, resumed.Stderr);
        Assert.IsTrue(File.Exists(Path.Combine(run, "report.pdf")));
        CliResult sealedVerify = CliRunner.Run("verify", run);
        Assert.AreEqual(ExitCodes.Success, sealedVerify.ExitCode, sealedVerify.Stdout);
    }
}
