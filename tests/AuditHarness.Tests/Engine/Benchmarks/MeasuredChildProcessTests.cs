using System.Diagnostics;
using AuditHarness.Engine.Benchmarks;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Benchmarks;

[TestClass]
public sealed class MeasuredChildProcessTests
{
    [TestMethod]
    public void TheChildsExitCodeOutputFilesAndMemoryAreSeen()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("reads /proc and runs /bin/sh");
        }

        using var folder = new TempFolder();
        string watched = Path.Combine(folder.Path, "out");
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        // Seconds apart, so even a busy machine's polling sees the partial file before its rename.
        start.ArgumentList.Add($"mkdir -p '{watched}'; echo partial > '{watched}/a.partial'; sleep 1; mv '{watched}/a.partial' '{watched}/a'; echo done; echo oops >&2; sleep 1; exit 3");

        ChildProcessMeasurement child = MeasuredChildProcess.Run(start, watched, TimeSpan.FromMilliseconds(50));

        Assert.AreEqual(3, child.ExitCode);
        Assert.AreEqual("done\n", child.Stdout);
        Assert.AreEqual("oops\n", child.Stderr);
        Assert.IsTrue(child.Seconds >= 2.0, $"ran {child.Seconds} s");
        Assert.IsTrue(child.Samples.Any(s => s.Files.ContainsKey("a.partial")), "the partial file was seen");
        Assert.IsTrue(child.Samples[^1].Files.ContainsKey("a") && !child.Samples[^1].Files.ContainsKey("a.partial"), "the last look sees the renamed file");
        Assert.IsTrue(child.PeakRssBytes is > 0, "a shell's peak resident set is read from /proc");
    }
}
