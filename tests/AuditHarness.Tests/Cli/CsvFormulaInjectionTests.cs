using System.Globalization;
using AuditHarness.Tests.Engine;
using CsvHelper;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// Text from a manifest that a spreadsheet would run as a formula (<c>=HYPERLINK(...)</c>, <c>+SUM(1+1)</c>, <c>@x</c>,
/// <c>-x</c>) is written to every CSV log with a leading <c>'</c>, while negative numbers stay numbers.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class CsvFormulaInjectionTests
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("formula").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void EveryTextCellThatCouldRunAsAFormulaIsEscapedAndNumbersAreNot()
    {
        string manifest = RepositoryFiles.PathOf("tests/AuditHarness.Tests/BadInputCorpus/formula-injection/manifest.csv");
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.5), "--output", output);

        Assert.IsTrue(result.ExitCode is 0 or 1, result.Stdout + result.Stderr);
        var cells = new List<(string File, string Column, string Value)>();
        foreach (string csv in Directory.GetFiles(output, "*.csv"))
        {
            using CsvReader reader = CsvReader.FromFile(csv, new CsvReaderOptions { Separator = ',' });
            reader.ReadHeader();
            while (reader.Read())
            {
                for (int i = 0; i < reader.Headers.Count; i++)
                {
                    cells.Add((Path.GetFileName(csv), reader.Headers[i], reader.GetString(i)));
                }
            }
        }

        string[] formulas = [.. cells.Where(c => c.Value.Length > 0 && FormulaStarts.Contains(c.Value[0]) && !IsNumber(c.Value)).Select(c => $"{c.File} {c.Column}: {c.Value}")];
        Assert.IsEmpty(formulas, string.Join("\n", formulas));
        string[] labels = [.. cells.Where(c => c.File == "pairs.csv" && c.Column == "label").Select(c => c.Value).Distinct().Order(StringComparer.Ordinal)];
        CollectionAssert.AreEqual(new[] { "'+SUM(1+1)", "'-x", "'=HYPERLINK(\"http://example.invalid\",\"click\")", "'@x" }, labels);
        Assert.IsTrue(cells.Any(c => c.File == "errors.csv" && c.Column == "pair_id" && c.Value == "'=cmd|' /C calc'!A0"), "the hostile pair id is escaped in errors.csv");
        Assert.IsTrue(cells.Any(c => c.File is "pairs.csv" or "detections.csv" && c.Column.EndsWith("score_drop", StringComparison.Ordinal) && c.Value.StartsWith('-') && IsNumber(c.Value)), "a negative number is written as a number");
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
