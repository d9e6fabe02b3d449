using AuditHarness.Cli;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// An output folder that cannot be created or written (an existing file, a folder under /proc, /dev/null) is bad
/// configuration: one line naming the path and exit 2, never "unexpected" and the broken-run code.
/// </summary>
[TestClass]
public sealed class UnwritableOutputTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("unwritable-output").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    [DataRow("existing-file")]
    [DataRow("/proc/audit-harness-output")]
    [DataRow("/dev/null")]
    public void AnOutputFolderThatCannotBeWrittenExitsBadInputNamingIt(string output)
    {
        if (output == "existing-file")
        {
            output = Path.Combine(_folder, "a-file");
            File.WriteAllText(output, "not a folder");
        }
        else if (!Directory.Exists(Path.GetDirectoryName(output)))
        {
            Assert.Inconclusive($"{Path.GetDirectoryName(output)} does not exist on this machine.");
        }

        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.First(_folder, 2));

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.StartsWith(lines[0], "error: Cannot write the output folder '" + output + "'");
        Assert.DoesNotContain("unexpected", lines[0]);
    }
}
