using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Reporting;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using AuditHarness.Tests.Engine;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Reporting;

/// <summary>
/// Issue 13, item 2: a rate check of a real (small) audit has one number, and summary.csv, summary.json, junit.xml, the
/// PDF's checks table and its rates chart all show it.
/// </summary>
[TestClass]
public sealed class OneNumberEverywhereTests
{
    [TestMethod]
    public void TheFlipRateIsTheSameNumberInEveryOutput()
    {
        string folder = Directory.CreateTempSubdirectory("one-number").FullName;
        try
        {
            // The first 40 demo pairs: all rulers, 21 subjects (several pairs each).
            string manifest = DemoManifestCut.First(folder, 40);
            string output = Path.Combine(folder, "out");
            AuditSummary summary = AuditRunner.Run(AuditSpecLoader.Load(AuditSpecFiles.Write(folder, manifest)), new AuditRunOptions { OutputFolder = output });
            Assert.IsTrue(RunExports.WriteAll(summary with { OutputFolder = output }).Succeeded);
            const string Check = "ruler-flip-rate";

            // summary.csv, full precision.
            string[] header = File.ReadLines(Path.Combine(output, "summary.csv")).First().Split(',');
            string[] row = File.ReadLines(Path.Combine(output, "summary.csv")).Skip(1).Select(l => l.Split(',')).Single(r => r[0] == "shortcut" && r[2] == Check);
            double Csv(string column) => double.Parse(row[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
            double estimate = Csv("estimate"), low = Csv("ci_low"), high = Csv("ci_high");
            Assert.IsGreaterThan(0.05, estimate, "the shortcut model flips rulers' lesions: a number worth comparing");
            Assert.AreEqual("subject", row[Array.IndexOf(header, "resampled_unit")]);
            Assert.AreEqual(21, (int)Csv("clusters"));
            Assert.AreEqual(Csv("artifact_effect") - Csv("placebo_effect"), estimate, 1e-12, "the estimate is artifact minus placebo, as the effects beside it say");

            // summary.json.
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            JsonElement check = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "shortcut")
                .GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetProperty("id").GetString() == Check);
            Assert.AreEqual(estimate, check.GetProperty("estimate").GetDouble());
            Assert.AreEqual(low, check.GetProperty("low").GetDouble());
            Assert.AreEqual(high, check.GetProperty("high").GetDouble());
            Assert.AreEqual(Csv("p_holm"), check.GetProperty("pValueHolm").GetDouble());

            // junit.xml: the test case's properties, and its message.
            XElement testCase = XDocument.Load(Path.Combine(output, "junit.xml")).Descendants("testcase")
                .Single(t => (string?)t.Attribute("classname") == "shortcut.ruler" && (string?)t.Attribute("name") == Check);
            Dictionary<string, string> properties = testCase.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
            Assert.AreEqual(estimate, double.Parse(properties["estimate"], CultureInfo.InvariantCulture));
            Assert.AreEqual(low, double.Parse(properties["ci_low"], CultureInfo.InvariantCulture));
            Assert.AreEqual(high, double.Parse(properties["ci_high"], CultureInfo.InvariantCulture));
            StringAssert.Contains((string?)testCase.Element("failure")!.Attribute("message"), $"estimate {G4(estimate)}, CI [{G4(low)}, {G4(high)}]");

            // The PDF's checks table prints four decimals (the report's number rule).
            using PdfDocument pdf = PdfDocument.Open(Path.Combine(output, "report.pdf"));
            string words = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            StringAssert.Contains(words, $"shortcut ruler {Check} {Fixed4(estimate)} [{Fixed4(low)}, {Fixed4(high)}]");

            // The rates chart: drawn from these bars, with the value printed on its bar.
            RateChartBar bar = ReportCharts.RateBars(summary.Models.Single(m => m.Model == "shortcut")).Single(b => b.CheckId == Check && b.ArtifactType == "ruler");
            Assert.AreEqual(estimate, bar.Estimate);
            Assert.AreEqual(low, bar.Low);
            Assert.AreEqual(high, bar.High);
            Assert.AreEqual(Fixed4(estimate), bar.ValueLabel);
            string chartPage = pdf.GetPages().Select(p => p.Text).Single(t => t.Contains("shortcut: rate reliance", StringComparison.Ordinal));
            StringAssert.Contains(chartPage, bar.ValueLabel);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string G4(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Fixed4(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
