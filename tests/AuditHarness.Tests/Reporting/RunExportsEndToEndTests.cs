using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AuditHarness.Core.Specs;
using AuditHarness.Reporting;
using AuditHarness.Tests.Engine;
using AuditHarness.Results;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Tests.Reporting;

/// <summary>A real (small) audit exported: junit.xml and summary.json say what summary.csv says, number for number.</summary>
[TestClass]
public sealed class RunExportsEndToEndTests
{
    [TestMethod]
    public void ExportsAgreeWithTheEnginesSummaryCsv()
    {
        string folder = Directory.CreateTempSubdirectory("exports").FullName;
        try
        {
            // The first 40 demo pairs, with absolute paths so the manifest can live in the temp folder.
            string manifest = DemoManifestCut.First(folder, 40);
            string output = Path.Combine(folder, "out");
            AuditSummary summary = AuditRunner.Run(AuditSpecLoader.Load(AuditSpecFiles.Write(folder, manifest)), new AuditRunOptions { OutputFolder = output });

            ExportReport report = RunExports.WriteAll(summary with { OutputFolder = output });

            Assert.IsTrue(report.Succeeded);
            string[] lines = File.ReadAllLines(Path.Combine(output, "summary.csv"));
            string[] header = lines[0].Split(',');
            int verdict = Array.IndexOf(header, "verdict"), checkId = Array.IndexOf(header, "check"), estimateColumn = Array.IndexOf(header, "estimate");
            string[][] csv = [.. lines.Skip(1).Select(l => l.Split(','))];
            Assert.IsNotEmpty(csv);
            XDocument junit = XDocument.Load(Path.Combine(output, "junit.xml"));
            Assert.AreEqual(csv.Length, (int)junit.Root!.Attribute("tests")!);
            Assert.AreEqual(csv.Count(r => r[verdict] == "FAIL"), (int)junit.Root!.Attribute("failures")!);
            Assert.AreEqual(csv.Count(r => r[verdict] == "WARN"), junit.Descendants("system-out").Count(o => o.Value.StartsWith("WARN:", StringComparison.Ordinal)));

            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            JsonElement[] checks = [.. json.RootElement.GetProperty("models").EnumerateArray().SelectMany(m => m.GetProperty("checks").EnumerateArray())];
            Assert.HasCount(csv.Length, checks);
            for (int i = 0; i < csv.Length; i++)
            {
                Assert.AreEqual(csv[i][checkId], checks[i].GetProperty("check").GetProperty("id").GetString());
                Assert.AreEqual(csv[i][verdict], checks[i].GetProperty("verdict").GetString());
                // No value is an empty field (docs/columns.md), null in summary.json.
                double estimate = csv[i][estimateColumn].Length == 0 ? double.NaN : double.Parse(csv[i][estimateColumn], CultureInfo.InvariantCulture);
                JsonElement value = checks[i].GetProperty("estimate");
                Assert.AreEqual(estimate, value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble(), csv[i][checkId]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
