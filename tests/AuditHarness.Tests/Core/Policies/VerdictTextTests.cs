using System.Text.Json.Nodes;
using AuditHarness.Core.Policies;

namespace AuditHarness.Tests.Core.Policies;

[TestClass]
public sealed class VerdictTextTests
{
    [TestMethod]
    public void VerdictsAreSpelledInUpperCaseAsTheReadmeShowsThem()
    {
        Assert.AreEqual("PASS", VerdictText.Of(Verdict.Pass));
        Assert.AreEqual("WARN", VerdictText.Of(Verdict.Warn));
        Assert.AreEqual("FAIL", VerdictText.Of(Verdict.Fail));
        Assert.AreEqual("INCONCLUSIVE", VerdictText.Of(Verdict.Inconclusive));
    }

    [TestMethod]
    public void ABrokenRunIsBrokenWhateverItsChecksSay()
    {
        Assert.AreEqual("BROKEN", VerdictText.Of(Verdict.Pass, broken: true));
        Assert.AreEqual("FAIL", VerdictText.Of(Verdict.Fail, broken: false));
    }

    [TestMethod]
    public void SummarySchemaAllowsExactlyTheVerdictSpellings()
    {
        JsonNode schema = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs/summary.schema.json")))!;

        CollectionAssert.AreEqual(
            Enum.GetValues<Verdict>().Select(VerdictText.Of).ToArray(),
            schema["$defs"]!["verdict"]!["enum"]!.AsArray().Select(v => (string)v!).ToArray());
    }
}
