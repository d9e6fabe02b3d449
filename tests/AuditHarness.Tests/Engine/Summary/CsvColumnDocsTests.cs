using System.Text.RegularExpressions;
using AuditHarness.Cli.Output;
using AuditHarness.Engine.Baseline;
using AuditHarness.Engine.History;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Summary;

/// <summary>
/// Issue 15, item 7: <c>docs/columns.md</c> documents every column of every CSV the harness writes, and every file
/// follows its rules (no value is an empty field, never NaN; flags are true or false). The headers are read from what a
/// real scheduled run wrote (so a new file or column fails here until documented), plus <c>regressions.csv</c> and the
/// two files of <c>predict --out</c>.
/// </summary>
[TestClass]
public sealed partial class CsvColumnDocsTests
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Documented = new(ReadDocs);

    [TestMethod]
    public void EveryColumnOfEveryRunCsvIsDocumented()
    {
        string[] files = [.. Directory.GetFiles(SmallScheduledDemoRun.Folder, "*.csv").Order(StringComparer.Ordinal)];
        CollectionAssert.IsSubsetOf(new[] { "channels.csv", "detections.csv", "errors.csv", "layers.csv", "pair-metrics.csv", "pairs.csv", "summary.csv" }, files.Select(Path.GetFileName).ToArray());
        foreach (string file in files)
        {
            AssertDocumented($"`{Path.GetFileName(file)}`", Header(file));
        }

        AssertDocumented($"`{RegressionTable.FileName}`", RegressionTable.Columns);
    }

    [TestMethod]
    public void EveryColumnOfHistoryCsvIsDocumentedMetricColumnsByTheirPattern()
    {
        string[] header = Header(Path.Combine(SmallScheduledDemoRun.OutputRoot, RunHistory.FileName));
        string[] metrics = [.. header.Where(c => c.Contains('|', StringComparison.Ordinal))];

        Assert.IsNotEmpty(metrics, "the run's checks each have a column");
        CollectionAssert.Contains(metrics, "shortcut|ruler|ruler-flip-rate");
        Assert.IsTrue(metrics.All(c => c.Split('|').Length == 3), string.Join(", ", metrics));
        CollectionAssert.Contains(Documented.Value["`history.csv`"].ToArray(), "<model>|<artifact_type>|<check>", "the key metrics' columns are documented by their pattern");
        AssertDocumented("`history.csv`", [.. header.Except(metrics)]);
    }

    [TestMethod]
    public void EveryColumnOfThePredictCsvFilesIsDocumented()
    {
        using var folder = new TempFolder();
        string detections = Path.Combine(folder.Path, "detections.csv");
        string activations = Path.Combine(folder.Path, "activations.csv");
        using (var writer = new DetectionCsvWriter(detections))
        {
            writer.Complete();
        }

        using (var writer = new ActivationCsvWriter(activations))
        {
            writer.Complete();
        }

        AssertDocumented("`detections.csv` of `predict --out`", Header(detections));
        AssertDocumented("`activations.csv` of `predict --out`", Header(activations));
    }

    [TestMethod]
    public void NoRunCsvWritesNaNAndFlagsAreTrueOrFalse()
    {
        foreach (string file in Directory.GetFiles(SmallScheduledDemoRun.Folder, "*.csv").Append(Path.Combine(SmallScheduledDemoRun.OutputRoot, RunHistory.FileName)))
        {
            string[] lines = File.ReadAllLines(file);
            string[] header = lines[0].Split(',');
            int[] flags = [.. new[] { "flipped", "on_artifact", "paired" }.Select(f => Array.IndexOf(header, f)).Where(i => i >= 0)];
            foreach (string line in lines.Skip(1))
            {
                // The demo's ids, labels and messages hold no comma inside quotes, so a split finds the cells.
                string[] cells = line.Split(',');
                Assert.IsFalse(cells.Any(c => c.Contains("NaN", StringComparison.Ordinal)), $"{Path.GetFileName(file)}: a missing value is an empty field, not NaN: {line}");
                foreach (int f in flags)
                {
                    Assert.IsTrue(cells[f] is "true" or "false" or "", $"{Path.GetFileName(file)}: flag '{header[f]}' is '{cells[f]}'");
                }
            }
        }

        string[] detections = File.ReadAllLines(Path.Combine(SmallScheduledDemoRun.Folder, "detections.csv"));
        Assert.IsTrue(detections.Skip(1).Any(l => l.Contains(",true,", StringComparison.Ordinal)) && detections.Skip(1).Any(l => l.Contains(",false,", StringComparison.Ordinal)), "the demo run has both flag values");
        string[] pairs = File.ReadAllLines(Path.Combine(SmallScheduledDemoRun.Folder, "pairs.csv"));
        Assert.IsTrue(pairs.Skip(1).Any(l => l.Split(',').Contains(string.Empty)), "original rows leave the comparison columns empty");
    }

    private static void AssertDocumented(string section, IReadOnlyList<string> header)
    {
        Assert.IsTrue(Documented.Value.TryGetValue(section, out HashSet<string>? columns), $"docs/columns.md has no section '### {section}'");
        string[] missing = [.. header.Where(c => !columns.Contains(c))];
        Assert.IsEmpty(missing, $"docs/columns.md, section {section}, does not document: {string.Join(", ", missing)}");
    }

    private static string[] Header(string path) => File.ReadLines(path).First().Split(',');

    /// <summary>Per "### " heading of docs/columns.md, the backticked names in the first cell of its table rows.</summary>
    private static Dictionary<string, HashSet<string>> ReadDocs()
    {
        var sections = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string>? current = null;
        foreach (string line in File.ReadLines(RepositoryFiles.PathOf("docs/columns.md")))
        {
            if (line.StartsWith('#'))
            {
                current = line.StartsWith("### ", StringComparison.Ordinal) ? sections[line[4..].Trim()] = new HashSet<string>(StringComparer.Ordinal) : null;
                continue;
            }

            if (current is null || !line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            // The first cell ends at the first '|' that is not escaped ("\|" is a '|' inside a name).
            string firstCell = FirstCell().Match(line).Groups[1].Value;
            foreach (Match name in Backticked().Matches(firstCell))
            {
                current.Add(name.Groups[1].Value.Replace("\\|", "|", StringComparison.Ordinal));
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^\|((?:[^|\\]|\\.)*)\|")]
    private static partial Regex FirstCell();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
