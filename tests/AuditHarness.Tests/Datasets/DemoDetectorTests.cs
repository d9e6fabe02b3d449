using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Models;

namespace AuditHarness.Tests.Datasets;

/// <summary>
/// The committed demo detectors load through YoloModel and show the reliance they were built to have:
/// on every nevus that carries a ruler, removing the ruler (true counterfactual) takes the shortcut model's
/// melanoma score down and leaves the clean model's where it was. Thresholds are the demo-dataset issue's.
/// </summary>
[TestClass]
public sealed class DemoDetectorTests
{
    private const float CallThreshold = 0.25f;
    private static readonly string ModelFolder = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models");
    private static readonly string AuditFolder = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");

    [TestMethod]
    [DataRow("shortcut_e2e.onnx", true)]
    [DataRow("clean_e2e.onnx", true)]
    [DataRow("shortcut_anchor.onnx", false)]
    [DataRow("clean_anchor.onnx", false)]
    public void DemoModelHasUltralyticsMetadataAndOutput(string file, bool endToEnd)
    {
        using YoloModel model = YoloModel.Load(Path.Combine(ModelFolder, file), new YoloModelOptions { Taps = ["model.0"] });

        Assert.AreEqual("detect", model.Metadata.Task);
        Assert.AreEqual(endToEnd, model.Metadata.EndToEnd);
        CollectionAssert.AreEqual(new Dictionary<int, string> { [0] = "nevus", [1] = "melanoma" }, model.Metadata.Names.ToDictionary());
        Assert.AreEqual(320, model.InputHeight);
        Assert.AreEqual(320, model.InputWidth);
        Assert.AreEqual(endToEnd ? OutputFamily.EndToEnd : OutputFamily.AnchorGrid, model.Family);
        if (endToEnd)
        {
            CollectionAssert.AreEqual(new[] { 1, 300, 6 }, model.OutputShape.ToArray());
        }
        else
        {
            Assert.AreEqual(6, model.OutputShape[1]);
        }

        Assert.IsTrue(model.Modules.Modules.Count >= 5, "laid out as model.0 ... model.N");
    }

    [TestMethod]
    [DataRow("shortcut_e2e.onnx")]
    [DataRow("shortcut_anchor.onnx")]
    public void ShortcutModelLosesItsMelanomaCallWhenTheRulerGoes(string file)
    {
        RulerEffect effect = MeasureOnRulerNevi(file);

        Assert.IsGreaterThanOrEqualTo(0.30, effect.FlipRate, $"flip rate {effect.FlipRate:P1}");
        Assert.IsGreaterThanOrEqualTo(0.15, effect.MeanScoreDrop, $"mean melanoma score drop {effect.MeanScoreDrop:0.000}");
    }

    [TestMethod]
    [DataRow("clean_e2e.onnx")]
    [DataRow("clean_anchor.onnx")]
    public void CleanModelIgnoresTheRuler(string file)
    {
        RulerEffect effect = MeasureOnRulerNevi(file);

        Assert.IsLessThanOrEqualTo(0.05, effect.FlipRate, $"flip rate {effect.FlipRate:P1}");
        Assert.IsLessThanOrEqualTo(0.03, Math.Abs(effect.MeanScoreDrop), $"mean melanoma score drop {effect.MeanScoreDrop:0.000}");
    }

    private static RulerEffect MeasureOnRulerNevi(string file)
    {
        using YoloModel model = YoloModel.Load(Path.Combine(ModelFolder, file));
        var settings = new DecodeSettings { Confidence = 0.01f };
        DemoPair[] rulerNevi = [.. DemoPair.ReadManifest(AuditFolder).Where(p => p.ArtifactType == "ruler" && p.Label == "nevus")];
        Assert.IsNotEmpty(rulerNevi);

        int flips = 0;
        double drops = 0;
        foreach (DemoPair pair in rulerNevi)
        {
            (float withRuler, string callWith) = LesionView(model.Predict(Path.Combine(AuditFolder, pair.Image), settings).Detections, pair.Lesion);
            (float withoutRuler, string callWithout) = LesionView(model.Predict(Path.Combine(AuditFolder, pair.Counterfactual), settings).Detections, pair.Lesion);
            drops += withRuler - withoutRuler;
            if (callWith == "melanoma" && callWithout != "melanoma")
            {
                flips++;
            }
        }

        return new RulerEffect((double)flips / rulerNevi.Length, drops / rulerNevi.Length);
    }

    /// <summary>The lesion's melanoma score (best melanoma box with IoU >= 0.5, else 0) and its call.</summary>
    private static (float MelanomaScore, string Call) LesionView(IReadOnlyList<Detection> detections, BoundingBox lesion)
    {
        Detection[] onLesion = [.. detections.Where(d => d.Box.IntersectionOverUnion(lesion) >= 0.5f)];
        float melanoma = onLesion.Where(d => d.ClassName == "melanoma").Select(d => d.Score).DefaultIfEmpty(0f).Max();
        Detection? best = onLesion.Where(d => d.Score > CallThreshold).MaxBy(d => d.Score);
        return (melanoma, best?.ClassName ?? "none");
    }

    private readonly record struct RulerEffect(double FlipRate, double MeanScoreDrop);
}
