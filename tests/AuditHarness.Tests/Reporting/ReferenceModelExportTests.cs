using System.Text.Json.Nodes;
using System.Xml.Linq;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Tests.Reporting;

/// <summary>
/// A reference model's verdict is shown but decides nothing: not the summary's verdict, not a junit failure; summary.json
/// names each model's role. The fixture's shortcut model FAILs one check and WARNs two, the clean model PASSes.
/// </summary>
[TestClass]
public sealed class ReferenceModelExportTests
{
    private static AuditSummary WithShortcutAs(ModelRole role)
    {
        AuditSummary summary = ReportFixtures.Summary();
        return summary with { Models = [summary.Models[0] with { Role = role }, summary.Models[1]] };
    }

    [TestMethod]
    public void OnlyAuditedModelsDecideTheVerdict()
    {
        Assert.AreEqual(Verdict.Fail, WithShortcutAs(ModelRole.Audited).Verdict);
        Assert.AreEqual(Verdict.Pass, WithShortcutAs(ModelRole.Reference).Verdict);

        AuditSummary cleanIsReference = ReportFixtures.Summary() with { Models = [ReportFixtures.Shortcut(), ReportFixtures.Clean() with { Role = ModelRole.Reference }] };
        Assert.AreEqual(Verdict.Fail, cleanIsReference.Verdict, "a passing reference does not rescue a failing audited model");
    }

    [TestMethod]
    public void JUnitCountsNoFailureForAReferenceModel()
    {
        XElement root = Export(new JUnitExporter(), WithShortcutAs(ModelRole.Reference));

        Assert.AreEqual(0, (int)root.Attribute("failures")!);
        Assert.IsEmpty(root.Descendants("failure"));
        XElement failing = root.Descendants("testcase").Single(t => (string?)t.Attribute("name") == "ruler-score-shift" && ((string?)t.Attribute("classname"))!.StartsWith("shortcut.", StringComparison.Ordinal));
        StringAssert.StartsWith((string?)failing.Element("system-out"), JUnitExporter.ReferencePrefix + "FAIL: ruler-score-shift on ruler");

        XElement audited = Export(new JUnitExporter(), WithShortcutAs(ModelRole.Audited));
        Assert.AreEqual(1, (int)audited.Attribute("failures")!, "the same check of an audited model is a failure");
    }

    [TestMethod]
    public void SummaryJsonNamesEachModelsRoleAndTheAuditedVerdict()
    {
        using var folder = new TempFolder();
        string path = new JsonSummaryExporter().Export(WithShortcutAs(ModelRole.Reference), folder.Path).Single();

        JsonNode json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.AreEqual("PASS", (string?)json["verdict"]);
        JsonArray models = json["models"]!.AsArray();
        Assert.AreEqual("reference", (string?)models[0]!["role"]);
        Assert.AreEqual("FAIL", (string?)models[0]!["verdict"]);
        Assert.AreEqual("audited", (string?)models[1]!["role"]);
    }

    private static XElement Export(JUnitExporter exporter, AuditSummary summary)
    {
        using var folder = new TempFolder();
        return XDocument.Load(exporter.Export(summary, folder.Path).Single()).Root!;
    }
}
