using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>
/// Issue 15, item 3: every number and verdict of a real run's <c>summary.csv</c> that the checks table prints is found
/// whole in <c>pdftotext -layout report.pdf</c>, on its row. The expected text is made here from the CSV by the
/// documented rule (docs/design-notes.md, "report-logs"), not by the report's code: four decimals, p below 0.0001 as
/// <c>&lt;0.0001</c>, no value (an empty CSV field) as <c>n/a</c>, counts as integers. The two control counts
/// (<c>pairs_shifted_control</c>, <c>pairs_transplant_control</c>) are not in the table: the sentence below it names
/// each row's control in words.
/// </summary>
[TestClass]
public sealed class PdfSummaryRoundTripTests
{
    private static readonly string[] Decimals = ["threshold", "estimate", "ci_low", "ci_high", "artifact_effect", "placebo_effect"];
    private static readonly string[] PValues = ["p_value", "p_holm"];
    private static readonly string[] Counts = ["pairs", "clusters"];

    [TestMethod]
    public void EveryNumberAndVerdictOfSummaryCsvIsWholeInThePdfText()
    {
        string[] text = PdfToText(Path.Combine(SmallScheduledDemoRun.Folder, "report.pdf"));
        string[] lines = File.ReadAllLines(Path.Combine(SmallScheduledDemoRun.Folder, "summary.csv"));
        string[] header = lines[0].Split(',');
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.IsGreaterThan(4, rows.Length, "a run with several checks, so the test has something to find");
        CollectionAssert.IsSubsetOf(new[] { "PASS", "FAIL" }, rows.Select(r => Cell(r, "verdict")).Distinct().ToArray(), "both verdicts occur");

        foreach (string[] row in rows)
        {
            string what = $"{Cell(row, "model")} {Cell(row, "artifact_type")} {Cell(row, "check")}";
            string estimate = Fixed(Cell(row, "estimate"));
            string verdict = Cell(row, "verdict");

            // The row's first line (pdftotext -layout keeps a table row's first line as one line, columns in order) starts
            // with its model, artifact type and check (or their first pieces up to a '-' or '_'), then the estimate,
            // and ends with the verdict, each a whole word.
            int at = Array.FindIndex(text, l => Words(l).ToArray() is { Length: >= 5 } w
                && IsId(w[0], Cell(row, "model")) && IsId(w[1], Cell(row, "artifact_type")) && IsId(w[2], Cell(row, "check"))
                && w[3] == estimate && w[^1] == verdict);
            Assert.IsGreaterThanOrEqualTo(0, at, $"{what}: no line of the PDF text is its row with the estimate '{estimate}' and the verdict '{verdict}' whole");

            // Its other numbers are whole words of that line or of the next ones its wrapped cells run on to (up to the
            // blank line pdftotext leaves between rows).
            HashSet<string> near = [.. text.Skip(at).Take(4).TakeWhile(l => l.Trim().Length > 0).SelectMany(Words)];
            foreach (string column in Decimals)
            {
                string expected = Fixed(Cell(row, column));
                Assert.Contains(expected, near, $"{what}: {column} {Cell(row, column)} should print as '{expected}'");
            }

            foreach (string column in PValues)
            {
                Assert.Contains(PValue(Cell(row, column)), near, $"{what}: {column} {Cell(row, column)}");
            }

            foreach (string column in Counts)
            {
                Assert.Contains(Cell(row, column), near, $"{what}: {column}");
            }
        }

        // No verdict word is broken anywhere in the report ("WAR N" would read as two words).
        string all = string.Join("\n", text);
        foreach (string verdict in new[] { "PASS", "WARN", "FAIL", "INCONCLUSIVE" })
        {
            for (int cut = 1; cut < verdict.Length; cut++)
            {
                Assert.DoesNotContain(verdict[..cut] + " " + verdict[cut..], all);
                Assert.DoesNotContain(verdict[..cut] + "\n" + verdict[cut..], all);
            }
        }
    }

    /// <summary>The words of a line, stripped of the brackets, parentheses, commas and slashes that frame numbers in cells.</summary>
    private static IEnumerable<string> Words(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('[', ']', '(', ')', ',')).Where(w => w.Length > 0 && w != "/");

    /// <summary>A word is the id whole, or its first piece broken after a '-' or '_' (the only places an id may wrap).</summary>
    private static bool IsId(string word, string id) =>
        word == id || (id.StartsWith(word, StringComparison.Ordinal) && (word.EndsWith('-') || word.EndsWith('_')));

    /// <summary>A CSV number (full precision; empty for none) as the report's rule prints it: four decimals, no "-0.0000", n/a.</summary>
    private static string Fixed(string cell)
    {
        if (cell.Length == 0)
        {
            return "n/a";
        }

        decimal value = Math.Round(decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture), 4, MidpointRounding.AwayFromZero);
        return value == 0 ? "0.0000" : value.ToString("0.0000", CultureInfo.InvariantCulture);
    }

    private static string PValue(string cell) =>
        cell.Length > 0 && double.Parse(cell, CultureInfo.InvariantCulture) < 0.0001 ? "<0.0001" : Fixed(cell);

    private static string[] PdfToText(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            Assert.Inconclusive("pdftotext (poppler-utils) is not installed; the round trip through it cannot be checked.");
            throw;
        }

        using (process)
        {
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, error);
            return output.Split('\n');
        }
    }
}
