using System.Text.RegularExpressions;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Reporting;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>
/// Page 1 states every non-PASS check in one line with its reason, the run id, document id and intended use; a
/// reference model is marked and decides nothing; the acceptance criteria print the policy's rationale; every page's
/// footer carries the document id and revision. Expected texts are written out by hand from the fixture's numbers.
/// </summary>
[TestClass]
public sealed partial class PdfFrontPageTests
{
    private const string RunId = "20261125T213005Z_9315e659";
    private const string Rationale = "A 0.05 swing moves lesions across a 0.3-0.5 triage threshold.";

    /// <summary>The fixture of a run, named without spaces, with a run id, an intended use and a rationale on the score-shift check.</summary>
    private static AuditSummary Summary(string folder)
    {
        AuditSummary full = ReportFixtures.Full(folder);
        ModelAuditSummary WithRationale(ModelAuditSummary model) => model with
        {
            Checks = [.. model.Checks.Select(c => c.Check.Id == "ruler-score-shift" ? c with { Check = c.Check with { Rationale = Rationale } } : c)],
        };
        return full with
        {
            AuditName = "demo-audit",
            RunId = RunId,
            Provenance = full.Provenance! with { Description = "Does the detector call melanoma from the ruler?" },
            Models = [.. full.Models.Select(WithRationale)],
        };
    }

    [TestMethod]
    public void PageOneHasEveryNonPassCheckLineAndItsReason()
    {
        using var folder = new TempFolder();
        string page1 = Pages(new PdfReportExporter().Export(Summary(folder.Path), folder.Path).Single())[0];

        // shortcut ruler-score-shift: estimate 0.16 [0.12, 0.201], threshold max 0.05, n 9, artifact 0.17, placebo 0.01.
        Has(page1, "FAIL: ruler-score-shift on ruler: 0.1600 [0.1200, 0.2010], threshold max 0.0500, n 9");
        Has(page1, "ruler score shift 0.1600 [0.1200, 0.2010] is above the threshold 0.0500 with its whole interval (FAIL): removing the ruler lowers the detections' own-class scores by 0.1700 on average, against 0.0100 for a neutral patch");

        // ruler-flip-rate: 0.03 [0.01, 0.05] against 0.02; artifact 0.1 + 0.2 = 30 %, placebo 27 %.
        Has(page1, "WARN: ruler-flip-rate on ruler: 0.0300 [0.0100, 0.0500], threshold max 0.0200, n 9");
        Has(page1, "ruler flip rate 0.0300 [0.0100, 0.0500] is above the threshold 0.0200 but its interval reaches below it");
        Has(page1, "changes the class of 30.0 % of the original detections, against 27.0 % for the placebo");

        // corner-score-shift: no pair with both effects, WARN with the fixture's note.
        Has(page1, "WARN: corner-score-shift on dark-corner: n/a [n/a], threshold max 0.0500, n 0");
        Has(page1, "no pair had both an artifact and a placebo effect (n = 0)");
        Has(page1, ReportFixtures.NoControlNote);

        // The one PASS check of the shortcut and the clean model's only check are not listed as lines.
        Assert.DoesNotContain("ruler-layer-change", page1);
        Has(page1, "shortcut: FAIL, 3 of 4 checks not passed");
        Has(page1, "clean: PASS, all 1 checks pass");
        Assert.AreEqual(3, WhyCount().Matches(page1).Count, "one reason per non-PASS check");

        Has(page1, "run id " + RunId);
        Has(page1, "AH-demo-audit-9315e659, revision 1");
        Has(page1, "intended use Does the detector call melanoma from the ruler?");
    }

    [TestMethod]
    public void ReferenceModelIsMarkedAndDoesNotDecideTheVerdict()
    {
        using var folder = new TempFolder();
        AuditSummary summary = Summary(folder.Path);
        summary = summary with { Models = [summary.Models[0] with { Role = ModelRole.Reference }, summary.Models[1]] };

        Assert.AreEqual(Verdict.Fail, summary.Models[0].Verdict, "the reference model still fails");
        Assert.AreEqual(Verdict.Pass, summary.Verdict, "but only the audited clean model decides");
        string page1 = Pages(new PdfReportExporter().Export(summary, folder.Path).Single())[0];

        Has(page1, "Overall verdict PASS");
        Has(page1, "shortcut (reference, decides nothing): FAIL, 3 of 4 checks not passed");
        Has(page1, "FAIL: ruler-score-shift on ruler: 0.1600 [0.1200, 0.2010]");
        Has(page1, "decided by the audited model(s) clean only");
    }

    [TestMethod]
    public void AcceptanceCriteriaPrintTheRationale()
    {
        using var folder = new TempFolder();
        string text = string.Join(" ", Pages(new PdfReportExporter().Export(Summary(folder.Path), folder.Path).Single()));

        Has(text, "Acceptance criteria (policy dermoscopy-artifact-reliance)");
        Has(text, "ruler-score-shift: the reliance in score-shift on ruler must be at most 0.0500");
        Has(text, "Rationale: " + Rationale);
        Has(text, "Rationale: none given (policy checks[].rationale).");
    }

    [TestMethod]
    public void EveryPageFooterHasTheDocumentIdAndRevision()
    {
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(Summary(folder.Path), folder.Path).Single();

        using PdfDocument pdf = PdfDocument.Open(path);
        Assert.IsGreaterThan(3, pdf.NumberOfPages);
        foreach (var page in pdf.GetPages())
        {
            // The footer is the text on the page's last baseline (PDF y grows upwards): the lowest words.
            double lowest = page.GetWords().Min(w => w.BoundingBox.Bottom);
            string footer = string.Join(" ", page.GetWords().Where(w => w.BoundingBox.Bottom <= lowest + 1).OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
            Assert.AreEqual($"AH-demo-audit-9315e659 rev. 1 page {page.Number} of {pdf.NumberOfPages}", footer, $"page {page.Number}");
        }
    }

    [TestMethod]
    public void SectionsOfAVerificationReportArePresentInOrder()
    {
        using var folder = new TempFolder();
        string text = string.Join(" ", Pages(new PdfReportExporter().Export(Summary(folder.Path), folder.Path).Single()));

        string[] headings = ["Audit identification", "Intended use and scope", "Dataset", "Model identification", "Checks", "Method", "Acceptance criteria", "Limitations and deviations", "Sign-off"];
        int at = 0;
        foreach (string heading in headings)
        {
            int found = text.IndexOf(heading, at, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, found, $"'{heading}' after position {at}");
            at = found + heading.Length;
        }

        foreach (string role in SignOffSection.Roles)
        {
            Has(text, role + " name ______________________________ date ______________________________ signature");
        }

        Has(text, "By signing, each person confirms");
        Has(text, "datasets/demo/manifest.csv (relative to the spec)");
    }

    [TestMethod]
    public void LimitationsNameWarnCausesSmallNMissingControlsAndTheRemovalMethod()
    {
        AuditSummary summary = Summary("out");
        summary = summary with
        {
            Models = [.. summary.Models.Select(m => m with { Checks = [.. m.Checks.Select(c => c.ArtifactType == "ruler" ? c with { Controls = new PlaceboControlCounts(6, 3) } : c)] })],
        };

        IReadOnlyList<string> items = LimitationsSection.Items(summary);

        Assert.IsTrue(items.Any(i => i.StartsWith("shortcut: WARN: ruler-flip-rate on ruler: 0.0300 [0.0100, 0.0500]", StringComparison.Ordinal)), string.Join("\n", items));
        Assert.IsTrue(items.Any(i => i.StartsWith("shortcut: WARN: corner-score-shift on dark-corner", StringComparison.Ordinal)));
        Assert.IsFalse(items.Any(i => i.Contains("FAIL: ruler-score-shift", StringComparison.Ordinal)), "a FAIL is a finding, not a limitation");
        Assert.Contains("ruler: 3 of 9 pairs have a transplanted placebo (the mask removed from another image that lacks the artifact) instead of the preferred shifted one (the same image), as no shifted placement fits; the control then differs from the pair in image as well as place.", items);
        Assert.Contains("dark-corner: no placebo control for any pair (no placebo fits), so its checks judged nothing.", items);
        Assert.IsTrue(items.Any(i => i.StartsWith("ruler: n = 9 pairs (7 subject clusters), below 30", StringComparison.Ordinal)), string.Join("\n", items));
        Assert.IsTrue(items.Any(i => i.StartsWith("Removal by counterfactual", StringComparison.Ordinal)));
        Assert.IsTrue(items.Any(i => i.Contains("whether the images are synthetic or real", StringComparison.Ordinal)));
        Assert.IsTrue(items.Any(i => i.StartsWith("shortcut: 1 of 10 pairs failed to process", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void AnAbsoluteDatasetPathIsShownByFileNameOnly()
    {
        Assert.AreEqual("manifest.csv (an absolute path in the spec; shown by name only)", DatasetSection.SourceText("/home/someone/data/manifest.csv"));
        Assert.AreEqual("../data/manifest.csv (relative to the spec)", DatasetSection.SourceText("../data/manifest.csv"));
    }

    [TestMethod]
    public void CheckNumbersFollowTheReportsFourDecimalRuleWithNoExponent()
    {
        Assert.AreEqual("0.4410", CheckReason.Number(0.44104));
        Assert.AreEqual("0.0008", CheckReason.Number(0.0008));
        Assert.AreEqual("0.0001", CheckReason.Number(0.00012345));
        Assert.AreEqual("12.3450", CheckReason.Number(12.345));
        Assert.AreEqual("12345.0000", CheckReason.Number(12345));
        Assert.AreEqual("-0.3747", CheckReason.Number(-0.3747));
        Assert.AreEqual("0.0000", CheckReason.Number(0));
        Assert.AreEqual("0.0000", CheckReason.Number(-0.00001), "a negative value that rounds to zero has no minus sign");
        Assert.AreEqual("n/a", CheckReason.Number(double.NaN));
    }

    /// <summary>
    /// <paramref name="text"/> contains <paramref name="expected"/>, ignoring white space: PdfPig splits some words at
    /// kerning gaps ("abo ve"), so both sides are compared without it.
    /// </summary>
    private static void Has(string text, string expected)
    {
        string squashed = Squash(text);
        Assert.IsTrue(squashed.Contains(Squash(expected), StringComparison.Ordinal), $"'{expected}' is missing from: {text}");
    }

    private static string Squash(string text) => Regex.Replace(text, @"\s+", string.Empty);

    /// <summary>Each page's words joined by single spaces (PdfPig), so wrapped sentences read as one line.</summary>
    private static string[] Pages(string path)
    {
        using PdfDocument pdf = PdfDocument.Open(path);
        return [.. pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))];
    }

    [GeneratedRegex("Why: ")]
    private static partial Regex WhyCount();
}
