using System.Text.RegularExpressions;
using AuditHarness.Cli;

namespace AuditHarness.Tests.Cli;

/// <summary>PowerShell is not installable here, so the wrapper script is checked against the CLI it calls.</summary>
[TestClass]
public sealed class RunAuditScriptTests
{
    [TestMethod]
    public void ScriptOffersOnlyCommandsTheCliHas()
    {
        string script = File.ReadAllText(RepositoryFiles.PathOf("run-audit.ps1"));
        Match set = Regex.Match(script, @"\[ValidateSet\(([^)]*)\)\]");
        Assert.IsTrue(set.Success, "run-audit.ps1 has a ValidateSet of commands");
        string[] offered = [.. Regex.Matches(set.Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value)];

        string[] commands = [.. CliApplication.BuildRoot().Subcommands.Select(c => c.Name)];

        Assert.IsNotEmpty(offered);
        CollectionAssert.IsSubsetOf(offered, commands);
    }
}
