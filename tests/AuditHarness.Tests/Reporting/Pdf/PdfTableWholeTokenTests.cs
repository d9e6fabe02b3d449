using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>
/// The checks table never splits a number, a verdict word or a short id across lines: every one is found whole in
/// the PDF's extracted text, on its row's line. Expected cells are written out by hand from the report's number rule
/// (docs/design-notes.md: four decimals, p below 0.0001 as "&lt;0.0001", no value as "n/a"), e.g. 0.37471234 is 0.3747
/// and 3 x 4.94E-324 is &lt;0.0001.
/// </summary>
[TestClass]
public sealed class PdfTableWholeTokenTests
{
    private const double Subnormal = 5e-324;

    private static readonly PolicyCheck LongLayer = new("ruler-layer-reliance-model9", MetricKind.LayerRelativeChange, ["*"], "model.9", 0.5, ThresholdDirection.Max, null);
    private static readonly PolicyCheck LongFlip = new("dark-corners-flip-rate-per-detection", MetricKind.FlipRate, ["dark_corners"], null, 0.02, ThresholdDirection.Max, null);
    private static readonly PolicyCheck Shift = new("ruler-score-shift", MetricKind.ScoreShift, ["ruler_and_ink_markings"], null, 0.05, ThresholdDirection.Max, null);

    [TestMethod]
    public void LongIdsTinyPValuesAndInconclusiveVerdictsStayWholeInTheChecksTable()
    {
        CheckResult[] shortcut =
        [
            new("shortcut", "dark_corners", LongLayer, 40, 0.37471234, 0.2, 0.51, 0.4, 0.03, 3 * Subnormal, Verdict.Inconclusive, null) { HolmPValue = Subnormal, ResampledUnit = CheckResult.SubjectUnit, Clusters = 12 },
            new("shortcut", "dark_corners", LongFlip, 40, 0.04113, 0.0211, 0.0634, 0.05, 0.009, 0.0123, Verdict.Warn, null) { HolmPValue = 0.0369, ResampledUnit = CheckResult.SubjectUnit, Clusters = 12 },
            new("shortcut", "ruler_and_ink_markings", Shift, 38, 0.1642, 0.1201, 0.2049, 0.17, 0.0058, 1.2e-5, Verdict.Fail, null) { HolmPValue = 3.6e-5, ResampledUnit = CheckResult.SubjectUnit, Clusters = 11 },
        ];
        CheckResult[] clean =
        [
            new("clean-reference-model", "dark_corners", LongLayer, 40, -0.0007, -0.002, 0.003, 0.01, 0.0107, 0.41, Verdict.Pass, null) { HolmPValue = 0.41, ResampledUnit = CheckResult.PairUnit, Clusters = 40 },
            new("clean-reference-model", "dark_corners", LongFlip, 40, 0.0215, 0.0102, 0.0341, 0.03, 0.0085, 0.2, Verdict.Warn, null) { HolmPValue = 0.4, ResampledUnit = CheckResult.PairUnit, Clusters = 40 },
        ];
        var none = new Dictionary<string, IReadOnlyList<SelectiveChannel>>(StringComparer.Ordinal);
        var summary = new AuditSummary("long ids", "out", 0.2,
        [
            new ModelAuditSummary("shortcut", "models/shortcut.onnx", 40, 40, [], shortcut, none),
            new ModelAuditSummary("clean-reference-model", "models/clean.onnx", 40, 40, [], clean, none),
        ]);

        AssertRowsWhole(summary,
        [
            ["shortcut", "dark_corners", "ruler-layer-reliance-model9", "0.3747", "[0.2000, 0.5100]", "0.4000 / 0.0300", "max 0.5000", "<0.0001 (<0.0001)", "40 (12)", "INCONCLUSIVE"],
            ["shortcut", "dark_corners", "dark-corners-flip-rate-per-detection", "0.0411", "[0.0211, 0.0634]", "0.0500 / 0.0090", "max 0.0200", "0.0123 (0.0369)", "40 (12)", "WARN"],
            ["shortcut", "ruler_and_ink_markings", "ruler-score-shift", "0.1642", "[0.1201, 0.2049]", "0.1700 / 0.0058", "max 0.0500", "<0.0001 (<0.0001)", "38 (11)", "FAIL"],
            ["clean-reference-model", "dark_corners", "ruler-layer-reliance-model9", "-0.0007", "[-0.0020, 0.0030]", "0.0100 / 0.0107", "max 0.5000", "0.4100 (0.4100)", "40 (40)", "PASS"],
            ["clean-reference-model", "dark_corners", "dark-corners-flip-rate-per-detection", "0.0215", "[0.0102, 0.0341]", "0.0300 / 0.0085", "max 0.0200", "0.2000 (0.4000)", "40 (40)", "WARN"],
        ]);
    }

    [TestMethod]
    public void DemoLikeSummaryKeepsEveryNumberAndVerdictWhole()
    {
        // ReportFixtures.Shortcut and Clean; null where the fixture leaves a value at its default.
        AssertRowsWhole(ReportFixtures.Full(),
        [
            ["shortcut", "ruler", "ruler-score-shift", "0.1600", "[0.1200, 0.2010]", "0.1700 / 0.0100", "max 0.0500", "<0.0001 (<0.0001)", "9 (7)", "FAIL"],
            ["shortcut", "ruler", "ruler-flip-rate", "0.0300", "[0.0100, 0.0500]", "0.3000 / 0.2700", "max 0.0200", "0.0400 (0.0800)", "9 (7)", "WARN"],
            ["shortcut", "ruler", "ruler-layer-change", "0.3333", "[0.2500, 0.4100]", "0.5000 / 0.1667", "max 0.5000", "<0.0001 (<0.0001)", "9 (7)", "PASS"],
            ["shortcut", "dark-corner", "corner-score-shift", "n/a", "n/a", "n/a / n/a", "max 0.0500", null, null, "WARN"],
            ["clean", "ruler", "ruler-score-shift", "0.0007", "[-0.0020, 0.0030]", "0.0009 / 0.0002", "max 0.0500", "0.4100 (0.4100)", "10 (10)", "PASS"],
        ]);
    }

    /// <summary>
    /// Each expected row is found as one line of words (estimate and verdict on the same baseline); the first word of
    /// every cell sits on that line, and every word of every cell is a whole word of the page. An id may wrap
    /// (model, artifact type, check) only after '-' or '_', so its first line is the id or a prefix of it ending in one of those.
    /// </summary>
    private static void AssertRowsWhole(AuditSummary summary, string?[][] rows)
    {
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(summary with { OutputFolder = folder.Path }, folder.Path).Single();
        using PdfDocument pdf = PdfDocument.Open(path);
        Page[] pages = [.. pdf.GetPages()];
        foreach (string?[] row in rows)
        {
            string model = row[0]!;
            string estimate = row[3]!;
            string verdict = row[9]!;
            (Page Page, Word[] Line)? found = null;
            foreach (Page page in pages)
            {
                Word[] words = [.. page.GetWords()];
                foreach (Word anchor in words.Where(w => w.Text == verdict))
                {
                    Word[] line = [.. words.Where(w => Math.Abs(Baseline(w) - Baseline(anchor)) < 0.5)];
                    if (line.Any(w => w.Text == estimate))
                    {
                        found = (page, line);
                    }
                }
            }

            Assert.IsNotNull(found, $"no line of the PDF holds the estimate '{estimate}' and verdict '{verdict}' of model '{model}' as whole words");
            string[] lineWords = [.. found.Value.Line.Select(w => w.Text)];
            string[] pageWords = [.. found.Value.Page.GetWords().Select(w => w.Text)];
            for (int c = 0; c < row.Length; c++)
            {
                if (row[c] is not string cell)
                {
                    continue;
                }

                string[] tokens = cell.Split(' ');
                if (c is 0 or 1 or 2)
                {
                    Assert.IsTrue(lineWords.Any(w => w == cell || (cell.StartsWith(w, StringComparison.Ordinal) && (w.EndsWith('-') || w.EndsWith('_')))),
                        $"id '{cell}' starts its cell neither whole nor broken after '-' or '_'; the line reads: {string.Join(" | ", lineWords)}");
                    continue;
                }

                CollectionAssert.Contains(lineWords, tokens[0], $"'{tokens[0]}' of cell '{cell}' is not whole on its row's line; the line reads: {string.Join(" | ", lineWords)}");
                foreach (string token in tokens)
                {
                    CollectionAssert.Contains(pageWords, token, $"'{token}' of cell '{cell}' is not a whole word on the page");
                }
            }
        }
    }

    private static double Baseline(Word word) => word.Letters[0].StartBaseLine.Y;
}
