using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>The plain progress lines of a run (output not a terminal) report every model, not just the first.</summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class RunProgressTests
{
    [TestMethod]
    public void EachModelGetsItsLinesAboutEveryTenthOfItsPairsAndItsLastLine()
    {
        string folder = Directory.CreateTempSubdirectory("run-progress").FullName;
        try
        {
            string spec = SmallAudit.WriteSpec(Path.Combine(folder, "spec"));

            CliResult result = CliRunner.Run("run", spec, "--output", Path.Combine(folder, "run"));

            string[] lines = result.Stdout.Split('\n');
            foreach ((string model, int index) in new[] { ("shortcut", 1), ("clean", 2) })
            {
                string prefix = $"[{index}/{SmallAudit.Models}] {model}: ";
                string[] mine = [.. lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
                Assert.IsGreaterThanOrEqualTo(10, mine.Length, $"{model}: {string.Join(" | ", mine)}");
                StringAssert.StartsWith(mine[^1], $"{prefix}{SmallAudit.Pairs}/{SmallAudit.Pairs} pairs", result.Stdout);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
