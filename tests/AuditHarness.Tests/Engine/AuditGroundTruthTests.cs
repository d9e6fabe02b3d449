using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Results;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Reporting.Pdf;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// The demo detectors' reliance is known by construction (the shortcut model was trained with rulers beside
/// melanomas, the clean one without that link): one policy must FAIL the first and PASS the second on every
/// ruler check, whether the ruler is removed by true counterfactual or by inpainting; and the clean one passes overall,
/// its dark corners judged against a transplanted placebo. The inpainting variant marks the shortcut model as a reference
/// (a known-bad control), so its audit verdict is the clean model's.
/// </summary>
[TestClass]
public sealed class AuditGroundTruthTests
{
    private const long MaxDemoReportBytes = 600_000;

    [TestMethod]
    [DataRow("audits/demo-dermoscopy.audit.json", Verdict.Fail)]
    [DataRow("audits/demo-dermoscopy-inpaint.audit.json", Verdict.Pass)] // the shortcut model is a reference there
    public void ShortcutModelFailsAndCleanModelPassesTheRulerChecks(string specFile, Verdict auditVerdict)
    {
        AuditSpec spec = AuditSpecLoader.Load(RepositoryFiles.PathOf(specFile));
        string output = Directory.CreateTempSubdirectory("groundtruth").FullName;

        AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = output });

        CheckResult[] shortcut = RulerChecks(summary, "shortcut");
        CheckResult[] clean = RulerChecks(summary, "clean");
        Assert.IsGreaterThanOrEqualTo(4, shortcut.Length);
        Assert.IsTrue(shortcut.All(c => c.Verdict == Verdict.Fail), Describe(shortcut));
        Assert.IsTrue(clean.All(c => c.Verdict == Verdict.Pass), Describe(clean));

        // The placebo effect is measured and reported beside the artifact effect.
        Assert.IsTrue(shortcut.Concat(clean).All(c => double.IsFinite(c.PlaceboEffect) && c.Pairs == 140), Describe(shortcut.Concat(clean)));
        Assert.IsFalse(summary.IsBroken);
        Assert.AreEqual(auditVerdict, summary.Verdict, "the audited models' verdict: a reference model's FAIL decides nothing");
        Assert.AreEqual(auditVerdict == Verdict.Pass ? ModelRole.Reference : ModelRole.Audited, summary.Models.Single(m => m.Model == "shortcut").Role);

        // Dark corners fill all four corners, so no shifted placebo fits: every one of their pairs is judged against a
        // transplanted control (placebo.mode auto), and the known-good model passes every check, dark corners included.
        CheckResult[] corners = [.. summary.Models.SelectMany(m => m.Checks).Where(c => c.ArtifactType == "dark_corners")];
        Assert.IsNotEmpty(corners);
        Assert.IsTrue(corners.All(c => c.Pairs == 33 && c.Controls == new PlaceboControlCounts(0, 33)), Describe(corners));
        Assert.IsTrue(summary.Models.Single(m => m.Model == "shortcut").Checks.Where(c => c.ArtifactType == "ruler").All(c => c.Controls == new PlaceboControlCounts(140, 0)));
        Assert.AreEqual(Verdict.Pass, summary.Models.Single(m => m.Model == "clean").Verdict, Describe(summary.Models.Single(m => m.Model == "clean").Checks));

        // The demo's report (240 pairs, two models, a gallery of twelve pairs) within its size budget (issue #15).
        string report = new PdfReportExporter().Export(summary, output).Single();
        Assert.IsLessThanOrEqualTo(MaxDemoReportBytes, new FileInfo(report).Length, "report.pdf of " + specFile);
        Directory.Delete(output, recursive: true);
    }

    private static CheckResult[] RulerChecks(AuditSummary summary, string model) =>
        [.. summary.Models.Single(m => m.Model == model).Checks.Where(c => c.Check.Id.StartsWith("ruler-", StringComparison.Ordinal))];

    private static string Describe(IEnumerable<CheckResult> checks) =>
        string.Join("; ", checks.Select(c => $"{c.Model} {c.Check.Id} {c.Verdict} {c.Estimate:0.0000} [{c.Low:0.0000}, {c.High:0.0000}] placebo {c.PlaceboEffect:0.0000}"));
}
