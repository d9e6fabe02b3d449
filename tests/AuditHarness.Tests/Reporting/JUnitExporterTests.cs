using System.Xml.Linq;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Tests.Reporting;

/// <summary>junit.xml on the hand-made summary, read back the way CI systems read it, under invariant and comma-decimal cultures.</summary>
[TestClass]
public sealed class JUnitExporterTests
{
    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void CountsAddUpAcrossSuitesAndMatchTheTestCases(string culture)
    {
        XElement root = Export(ReportFixtures.Summary(), culture).Root!;

        // 4 shortcut checks + 1 clean check; only the ruler score shift of shortcut FAILs.
        Assert.AreEqual("testsuites", root.Name.LocalName);
        Assert.AreEqual("demo audit", (string?)root.Attribute("name"));
        Assert.AreEqual(5, (int)root.Attribute("tests")!);
        Assert.AreEqual(1, (int)root.Attribute("failures")!);
        Assert.AreEqual(0, (int)root.Attribute("errors")!);
        Assert.AreEqual(0, (int)root.Attribute("skipped")!);
        Assert.AreEqual("0", (string?)root.Attribute("time"));
        foreach (string counter in new[] { "tests", "failures", "errors", "skipped" })
        {
            Assert.AreEqual((int)root.Attribute(counter)!, root.Elements("testsuite").Sum(s => (int)s.Attribute(counter)!), counter);
        }

        foreach (XElement suite in root.Elements("testsuite"))
        {
            Assert.AreEqual((int)suite.Attribute("tests")!, suite.Elements("testcase").Count());
            Assert.AreEqual((int)suite.Attribute("failures")!, suite.Elements("testcase").Elements("failure").Count());
            Assert.AreEqual((int)suite.Attribute("errors")!, suite.Elements("testcase").Elements("error").Count());
        }
    }

    [TestMethod]
    public void OneSuitePerModelAndArtifactTypeInSummaryOrderWithOneCasePerCheck()
    {
        XElement root = Export(ReportFixtures.Summary(), "").Root!;

        CollectionAssert.AreEqual(new[] { "shortcut.ruler", "shortcut.dark-corner", "clean.ruler" }, root.Elements("testsuite").Select(s => (string)s.Attribute("name")!).ToArray());
        XElement ruler = root.Elements("testsuite").First();
        CollectionAssert.AreEqual(new[] { "ruler-score-shift", "ruler-flip-rate", "ruler-layer-change" }, ruler.Elements("testcase").Select(c => (string)c.Attribute("name")!).ToArray());
        Assert.IsTrue(root.Descendants("testcase").All(c => (string)c.Attribute("classname")! == (string)c.Parent!.Attribute("name")!));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void FailureNamesEstimateIntervalThresholdDirectionAndPValueInInvariantNumbers(string culture)
    {
        XElement failure = Export(ReportFixtures.Summary(), culture).Descendants("failure").Single();

        Assert.AreEqual("ruler-score-shift", (string?)failure.Parent!.Attribute("name"));
        Assert.AreEqual("shortcut.ruler", (string?)failure.Parent!.Attribute("classname"));
        Assert.AreEqual("FAIL: ruler-score-shift on ruler: estimate 0.16, CI [0.12, 0.201], threshold max 0.05, p-value 1.2E-05 (Holm 3.6E-05), pairs 9", (string?)failure.Attribute("message"));
        StringAssert.Contains(failure.Value, "estimate: 0.16, CI [0.12, 0.201]");
        StringAssert.Contains(failure.Value, "threshold: max 0.05");
        StringAssert.Contains(failure.Value, "artifact effect: 0.17, placebo effect: 0.01");
        StringAssert.Contains(failure.Value, "p-value: 1.2E-05, Holm-adjusted over the model's checks: 3.6E-05");
        StringAssert.Contains(failure.Value, "description: Removing the ruler must not lower scores.");
    }

    [TestMethod]
    public void WarnIsAPassedCaseWhoseOutputStartsWithWarn()
    {
        XDocument doc = Export(ReportFixtures.Summary(), "de-DE");
        XElement flip = Case(doc, "shortcut.ruler", "ruler-flip-rate");

        Assert.IsFalse(flip.Elements().Any(e => e.Name.LocalName is "failure" or "skipped" or "error"));
        string output = flip.Element("system-out")!.Value;
        StringAssert.StartsWith(output, "WARN: ruler-flip-rate on ruler: estimate 0.03, CI [0.01, 0.05], threshold max 0.02, p-value 0.04 (Holm 0.08), pairs 9");
        StringAssert.Contains(output, "resampled: 7 subject clusters");
    }

    [TestMethod]
    public void NoDataWarnShowsNaNAndTheNote()
    {
        XElement corner = Case(Export(ReportFixtures.Summary(), ""), "shortcut.dark-corner", "corner-score-shift");

        string output = corner.Element("system-out")!.Value;
        StringAssert.StartsWith(output, "WARN: corner-score-shift on dark-corner: estimate NaN, CI [NaN, NaN]");
        StringAssert.Contains(output, "note: " + ReportFixtures.NoControlNote);
        Assert.IsNull(corner.Element("failure"));
    }

    [TestMethod]
    public void PassCarriesOnlyItsNumbersAsProperties()
    {
        XElement pass = Case(Export(ReportFixtures.Summary(), "de-DE"), "clean.ruler", "ruler-score-shift");

        Assert.AreEqual("properties", pass.Elements().Single().Name.LocalName);
        var properties = pass.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.AreEqual("0.0007", properties["estimate"]);
        Assert.AreEqual("-0.002", properties["ci_low"]);
        Assert.AreEqual("0.41", properties["p_value"]);
        Assert.AreEqual("0.41", properties["p_holm"]);
        Assert.AreEqual("pair", properties["resampled_unit"]);
        Assert.AreEqual("10", properties["clusters"]);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void BrokenRunAddsARunErrorsCaseWithErrorRateAgainstTheMaximum(string culture)
    {
        XElement root = Export(ReportFixtures.Broken(), culture).Root!;

        // 5 checks + run.errors; shortcut lost 1 of 10 pairs: 0.1 > 0.05.
        Assert.AreEqual(6, (int)root.Attribute("tests")!);
        Assert.AreEqual(1, (int)root.Attribute("errors")!);
        Assert.AreEqual(1, (int)root.Attribute("failures")!);
        XElement suite = root.Elements("testsuite").Last();
        Assert.AreEqual("run", (string?)suite.Attribute("name"));
        Assert.AreEqual(1, (int)suite.Attribute("errors")!);
        XElement testCase = suite.Elements("testcase").Single();
        Assert.AreEqual("run", (string?)testCase.Attribute("classname"));
        Assert.AreEqual("errors", (string?)testCase.Attribute("name"));
        XElement error = testCase.Element("error")!;
        Assert.AreEqual("pair error rate above the maximum 0.05: shortcut 0.1 (1 of 10 pairs failed); clean 0 (0 of 10 pairs failed)", (string?)error.Attribute("message"));
        StringAssert.Contains(error.Value, "p010 [inference]: bad <image> & \"bytes\"");
    }

    [TestMethod]
    public void UnbrokenRunHasNoErrorElement()
    {
        Assert.IsFalse(Export(ReportFixtures.Summary(), "").Descendants("error").Any());
    }

    [TestMethod]
    public void SameSummaryGivesTheSameBytesAndNoPartialFileRemains()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        string a = new JUnitExporter().Export(ReportFixtures.Summary(), first.Path).Single();
        string b = new JUnitExporter().Export(ReportFixtures.Summary(), second.Path).Single();

        Assert.AreEqual(Path.Combine(first.Path, "junit.xml"), a);
        CollectionAssert.AreEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.AreEqual((byte)'<', File.ReadAllBytes(a)[0]); // no byte-order mark
        Assert.IsEmpty(Directory.GetFiles(first.Path, "*.partial"));
    }

    private static XElement Case(XDocument doc, string classname, string name)
        => doc.Descendants("testcase").Single(c => (string?)c.Attribute("classname") == classname && (string?)c.Attribute("name") == name);

    private static XDocument Export(AuditSummary summary, string culture)
    {
        using var folder = new TempFolder();
        using (new CultureScope(culture))
        {
            string path = new JUnitExporter().Export(summary, folder.Path).Single();
            return XDocument.Load(path);
        }
    }
}
