using System.Diagnostics;
using AuditHarness.Cli;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// Runs <c>tests/scripts/full-disk-tmpfs.sh</c>: the demo audit on a small tmpfs where report.pdf (then the journal)
/// does not fit, exit 3, verify not intact, then resumed after freeing space and verified intact. Inconclusive, with
/// the script's reason, where a tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN): never passed without running.
/// </summary>
[TestClass]
public sealed class FullDiskTmpfsScriptTests
{
    private const int Skipped = 77;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TheDemoAuditOnAFullTmpfsExitsBrokenUnsealedAndResumesToAnIntactRun()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("tmpfs mounts need Linux.");
        }

        string script = RepositoryFiles.PathOf("tests/scripts/full-disk-tmpfs.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(typeof(CliApplication).Assembly.Location);
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the script did not end within 15 minutes");
        }

        process.WaitForExit(); // drains the readers
        string output = stdout.Result + stderr.Result;
        TestContext.WriteLine(output);

        if (process.ExitCode == Skipped)
        {
            Assert.Inconclusive(output.Trim());
        }

        Assert.AreEqual(0, process.ExitCode, output);
        StringAssert.Contains(output, "ok: run on a full disk: exit = 3");
        StringAssert.Contains(output, "ok: verify of the unsealed run: exit = 1");
        StringAssert.Contains(output, "ok: verify of the resumed run: exit = 0");
        StringAssert.Contains(output, "ok: run with the journal on a full disk: exit = 3");
        StringAssert.Contains(output, "full-disk-tmpfs: all as expected");
    }
}
