using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Engine.Summary;
using AuditHarness.Inference.Tracing;
using AuditHarness.Results;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Summary;

[TestClass]
public sealed class AblationAuditBuilderTests
{
    private static readonly AblationMetadata Ablation = new("model.9", [3, 17], "mean", "shortcut.onnx", ReportFixtures.ShortcutSha256);

    private static Detection Det(int classId, float score, float x1, float y1, float x2, float y2) => new(classId, "class " + classId, score, new BoundingBox(x1, y1, x2, y2));

    private static ModelAuditSummary Model(string name, params CheckResult[] checks) =>
        new(name, name + ".onnx", 4, 4, [], checks, new Dictionary<string, IReadOnlyList<SelectiveChannel>>());

    private static CheckResult Check(string model, string type, PolicyCheck check, double estimate, Verdict verdict) =>
        new(model, type, check, 9, estimate, estimate - 0.01, estimate + 0.01, estimate, 0, 0.01, verdict, null);

    [TestMethod]
    public void RelianceListsEveryCheckBothModelsHaveBeforeAndAfter()
    {
        ModelAuditSummary source = Model("shortcut",
            Check("shortcut", "ruler", ReportFixtures.ScoreShift, 0.16, Verdict.Fail),
            Check("shortcut", "ruler", ReportFixtures.FlipRate, 0.03, Verdict.Warn),
            Check("shortcut", "dark-corner", ReportFixtures.CornerShift, 0.2, Verdict.Fail));
        ModelAuditSummary ablated = Model("ablated",
            Check("ablated", "ruler", ReportFixtures.FlipRate, 0.001, Verdict.Pass),
            Check("ablated", "ruler", ReportFixtures.ScoreShift, 0.01, Verdict.Pass));

        AblationAudit audit = AblationAuditBuilder.Build(source, ablated, Ablation, new Dictionary<int, IReadOnlyList<Detection>>(), new Dictionary<int, IReadOnlyList<Detection>>(), 0.5);

        // In the source's order; the dark-corner check the ablated model lacks is left out.
        Assert.HasCount(2, audit.Reliance);
        Assert.AreEqual(new AblationCheckChange("ruler-score-shift", "ruler", 0.16, 0.01, Verdict.Fail, Verdict.Pass), audit.Reliance[0]);
        Assert.AreEqual(new AblationCheckChange("ruler-flip-rate", "ruler", 0.03, 0.001, Verdict.Warn, Verdict.Pass), audit.Reliance[1]);
        Assert.AreEqual("shortcut", audit.SourceModel);
        Assert.AreEqual("ablated", audit.AblatedModel);
        Assert.AreEqual("model.9", audit.Layer);
        CollectionAssert.AreEqual(new[] { 3, 17 }, audit.Channels.ToArray());
        Assert.AreEqual("mean", audit.Fill);
        Assert.AreEqual(0, audit.CleanImages);
        Assert.IsTrue(double.IsNaN(audit.MeanScoreDrift), "no detection matched: no drift");
    }

    /// <summary>
    /// Pair 0: A kept (score 0.9 to 0.7), B flipped from class 1 to class 0 (0.8 to 0.6), C lost, D gained. Pair 1: E kept,
    /// its box shifted by one pixel (IoU 90/110 = 0.818), 0.6 to 0.65. Pair 2 failed in the ablated model, pair 3 in the
    /// source: neither is an image both processed. By hand: 2 images, 4 source detections, 1 changed, 1 lost, 1 gained,
    /// drift over A, B, E = ((0.7 - 0.9) + (0.6 - 0.8) + (0.65 - 0.6)) / 3 = -0.35 / 3.
    /// </summary>
    private static (Dictionary<int, IReadOnlyList<Detection>> Source, Dictionary<int, IReadOnlyList<Detection>> Ablated) CleanImages() =>
        (new()
        {
            [0] = [Det(0, 0.9f, 0, 0, 10, 10), Det(1, 0.8f, 20, 20, 30, 30), Det(0, 0.5f, 50, 50, 60, 60)],
            [1] = [Det(0, 0.6f, 0, 0, 10, 10)],
            [2] = [Det(0, 0.6f, 0, 0, 10, 10)],
        },
        new()
        {
            [0] = [Det(0, 0.7f, 0, 0, 10, 10), Det(0, 0.6f, 20, 20, 30, 30), Det(1, 0.4f, 80, 80, 90, 90)],
            [1] = [Det(0, 0.65f, 1, 0, 11, 10)],
            [3] = [Det(0, 0.6f, 0, 0, 10, 10)],
        });

    [TestMethod]
    public void CleanImageCostCountsChangedLostGainedAndTheMeanDriftOfMatchedDetections()
    {
        (var source, var ablated) = CleanImages();

        AblationAudit audit = AblationAuditBuilder.Build(Model("shortcut"), Model("ablated"), Ablation, source, ablated, 0.5);

        Assert.AreEqual(2, audit.CleanImages);
        Assert.AreEqual(4, audit.SourceDetections);
        Assert.AreEqual(1, audit.DetectionsChanged);
        Assert.AreEqual(1, audit.DetectionsLost);
        Assert.AreEqual(1, audit.DetectionsGained);
        Assert.AreEqual(-0.35 / 3, audit.MeanScoreDrift, 1e-6);
    }

    [TestMethod]
    public void TheSpecsMatchIouDecidesWhatCountsAsTheSameDetection()
    {
        (var source, var ablated) = CleanImages();

        // At IoU 0.9, E (0.818) is lost and its shifted copy gained; the drift is over A and B: (-0.2 - 0.2) / 2.
        AblationAudit audit = AblationAuditBuilder.Build(Model("shortcut"), Model("ablated"), Ablation, source, ablated, 0.9);

        Assert.AreEqual(2, audit.DetectionsLost);
        Assert.AreEqual(2, audit.DetectionsGained);
        Assert.AreEqual(1, audit.DetectionsChanged);
        Assert.AreEqual(-0.2, audit.MeanScoreDrift, 1e-6);
    }

    [TestMethod]
    public void AnAblatedModelIsPairedWithTheAuditedModelWhoseHashItsMetadataNames()
    {
        ModelAuditSummary[] models = [Model("clean"), Model("ablated"), Model("shortcut"), Model("other")];
        ModelFingerprint[] fingerprints =
        [
            new("clean", "clean.onnx", new string('c', 64)),
            new("ablated", "ablated.onnx", new string('a', 64)),
            new("shortcut", "shortcut.onnx", ReportFixtures.ShortcutSha256),
            new("other", "other.onnx", new string('e', 64)),
        ];
        var orphan = Ablation with { SourceSha256 = new string('f', 64) }; // made from a model this run did not audit
        var empty = new Dictionary<int, IReadOnlyList<Detection>>();

        IReadOnlyList<AblationAudit> audits = AblationAuditBuilder.FindAll(models, fingerprints, [null, Ablation, null, orphan], [empty, empty, empty, empty], 0.5);

        Assert.HasCount(1, audits);
        Assert.AreEqual("shortcut", audits[0].SourceModel);
        Assert.AreEqual("ablated", audits[0].AblatedModel);
    }

    [TestMethod]
    public void CleanImageDetectionsAreTheArtifactRemovedRowsReadBackExactly()
    {
        string rows = CsvRowFormatter.Format(w =>
        {
            void Row(string variant, int classId, string name, float score, float x1)
            {
                w.WriteField("m");
                w.WriteField("p1");
                w.WriteField(variant);
                w.WriteField(0, default);
                w.WriteField(classId, default);
                w.WriteField(name);
                w.WriteField(score, default);
                w.WriteField(x1, default);
                w.WriteField(2.5f, default);
                w.WriteField(30f, default);
                w.WriteField(40f, default);
                for (int i = 0; i < 5; i++)
                {
                    w.WriteField(string.Empty);
                }

                w.EndRecord();
            }

            Row("original", 0, "lesion", 0.9f, 1f);
            Row("artifact_removed", 1, "melanoma, suspected", 0.1f + 0.2f, 1.25f);
            Row("artifact_removed", 0, "=lesion", 1f / 3f, -0f);
            Row("placebo", 0, "lesion", 0.8f, 1f);
        });

        IReadOnlyList<Detection> clean = CleanImageDetections.Parse(rows);

        Assert.HasCount(2, clean);
        Assert.AreEqual(new Detection(1, "melanoma, suspected", 0.1f + 0.2f, new BoundingBox(1.25f, 2.5f, 30f, 40f)), clean[0]);
        Assert.AreEqual(new Detection(0, "=lesion", 1f / 3f, new BoundingBox(-0f, 2.5f, 30f, 40f)), clean[1]);
        Assert.IsEmpty(CleanImageDetections.Parse(string.Empty));
    }
}
