using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Models;

/// <summary>
/// Each detection knows the anchor that produced it, and the prediction holds every class's score at every anchor:
/// on the real YOLO26n (end-to-end, found by graph structure) and YOLOv8n exports, and on the demo's detectors. Checked
/// against two facts that do not come from the code under test: the anchor's class score is the detection's score,
/// and an anchor-free head's anchor point (its grid cell centre) lies inside the box it predicted.
/// </summary>
[TestClass]
public sealed class AnchorClassScoreTests
{
    private static readonly string DemoModels = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models");
    private static readonly string DemoImages = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/images");

    [TestMethod]
    [DataRow(SharedAssets.Yolo26nInt8, OutputFamily.EndToEnd)]
    [DataRow(SharedAssets.Yolov8nInt8, OutputFamily.AnchorGrid)]
    public void RealExportsReadTheClassScoreAtEachDetectionsAnchor(string file, OutputFamily family)
    {
        using YoloModel model = YoloModel.Load(SharedAssets.Model(file));
        using Mat image = Cv2.ImRead(SharedAssets.Image("bus.jpg"));

        YoloPrediction prediction = model.Predict(image);

        Assert.AreEqual(family, model.Family);
        Assert.AreEqual(ScoreSource.AnchorClassScore, model.ScoreSource, model.ScoreSourceNote);
        Assert.IsNull(model.ScoreSourceNote);
        Assert.AreEqual(8400, prediction.ClassScores!.Anchors);
        Assert.IsTrue(prediction.Detections.Count >= 4, "a bus and at least three persons");
        AssertAnchorsExplainDetections(model, prediction, [8, 16, 32]);
    }

    [TestMethod]
    public void TheFinderFollowsTheGraphToTheScoreTensorAndTheRowAnchors()
    {
        // Expected names read off the graphs with a plain protobuf dump, not with the finder: YOLO26n's TopK head and
        // the demo's NMS head have different structures and names.
        EndToEndScoreTensors? yolo26 = EndToEndScoreTensorFinder.Find(OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8)), out _);
        EndToEndScoreTensors? demo = EndToEndScoreTensorFinder.Find(OnnxModelGraph.Load(Path.Combine(DemoModels, "shortcut_e2e.onnx")), out _);

        Assert.AreEqual(new EndToEndScoreTensors("/model.23/Split_output_1", "/model.23/Expand_1_output_0"), yolo26);
        Assert.AreEqual(new EndToEndScoreTensors("/model.13/class_scores", "/postprocess/top_anchor"), demo);
    }

    [TestMethod]
    public void RealEndToEndExportGivesTheSameResultWithPredictionBuffers()
    {
        using YoloModel model = YoloModel.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8));
        using Mat image = Cv2.ImRead(SharedAssets.Image("bus.jpg"));
        using PredictionBuffers buffers = model.CreateBuffers();

        YoloPrediction plain = model.Predict(image);
        YoloPrediction buffered = model.Predict(image, buffers);

        CollectionAssert.AreEqual(plain.Detections.Select(d => d.Anchor).ToArray(), buffered.Detections.Select(d => d.Anchor).ToArray());
        foreach (Detection d in plain.Detections)
        {
            Assert.AreEqual(plain.ClassScores!.Score(d.Anchor, 0), buffered.ClassScores!.Score(d.Anchor, 0));
        }
    }

    [TestMethod]
    [DataRow("shortcut_e2e.onnx", OutputFamily.EndToEnd)]
    [DataRow("clean_e2e.onnx", OutputFamily.EndToEnd)]
    [DataRow("shortcut_anchor.onnx", OutputFamily.AnchorGrid)]
    [DataRow("clean_anchor.onnx", OutputFamily.AnchorGrid)]
    public void DemoDetectorsReadTheClassScoreAtEachDetectionsAnchor(string file, OutputFamily family)
    {
        using YoloModel model = YoloModel.Load(Path.Combine(DemoModels, file));
        int seen = 0;
        foreach (string path in Directory.GetFiles(DemoImages, "*.jpg").Order(StringComparer.Ordinal).Take(5))
        {
            using Mat image = Cv2.ImRead(path);
            YoloPrediction prediction = model.Predict(image);
            Assert.AreEqual(500, prediction.ClassScores!.Anchors, "20x20 + 10x10 anchors at strides 16 and 32");
            AssertAnchorsExplainDetections(model, prediction, [16, 32]);
            seen += prediction.Detections.Count;
        }

        Assert.AreEqual(family, model.Family);
        Assert.AreEqual(ScoreSource.AnchorClassScore, model.ScoreSource, model.ScoreSourceNote);
        Assert.IsTrue(seen > 0, "the demo images hold lesions");
    }

    [TestMethod]
    public void AnEndToEndHeadWithoutVisibleScoresFallsBackToTheMatchedScoreAndSaysWhy()
    {
        // The tiny builder's end-to-end output is a constant: no per-anchor class scores exist in its graph.
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (20f, 20f, 120f, 120f, 0.9f, 1));
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Output0 = output }), "constant.onnx");
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(30));

        YoloPrediction prediction = model.Predict(image);

        Assert.AreEqual(ScoreSource.MatchedDetectionScore, model.ScoreSource);
        StringAssert.Contains(model.ScoreSourceNote, "no per-anchor class scores");
        Assert.IsNull(prediction.ClassScores);
        Assert.AreEqual(-1, prediction.Detections.Single().Anchor);
    }

    [TestMethod]
    public void AnchorGridAndYoloV5ScoresAreReadAtTheirAnchor()
    {
        // Anchor 3 scores person 0.2 and bus 0.8; YOLOv5 row 2 has objectness 0.5 and class scores 0.25, 0.75.
        float[] grid = TinyYoloModelBuilder.AnchorGridOutput(2, 50, (3, 100f, 100f, 50f, 50f, 1, 0.8f));
        grid[(4 * 50) + 3] = 0.2f;
        float[] v5 = TinyYoloModelBuilder.YoloV5Output(2, 20, (2, 100f, 100f, 50f, 50f, 0.5f, 1, 0.75f));
        v5[(2 * 7) + 5] = 0.25f;

        var gridScores = AnchorClassScores.AnchorGrid(grid, 50, 2);
        var v5Scores = AnchorClassScores.YoloV5(v5, 20, 2);

        Assert.AreEqual(0.2f, gridScores.Score(3, 0));
        Assert.AreEqual(0.8f, gridScores.Score(3, 1));
        Assert.AreEqual(0.125f, v5Scores.Score(2, 0));
        Assert.AreEqual(0.375f, v5Scores.Score(2, 1));
        Assert.IsTrue(float.IsNaN(gridScores.Score(50, 0)));
        Assert.IsTrue(float.IsNaN(gridScores.Score(-1, 0)));
    }

    private static void AssertAnchorsExplainDetections(YoloModel model, YoloPrediction prediction, int[] strides)
    {
        foreach (Detection d in prediction.Detections)
        {
            Assert.IsTrue(d.Anchor >= 0, $"{d} has an anchor");
            Assert.AreEqual(d.Score, prediction.ClassScores!.Score(d.Anchor, d.ClassId), 1e-6f, $"{d}: the class score at its anchor is its score");
            (double x, double y) = AnchorPoint(d.Anchor, model.InputWidth, model.InputHeight, strides);
            BoundingBox box = prediction.Letterbox.ToInput(d.Box);
            Assert.IsTrue(x >= box.X1 - 1 && x <= box.X2 + 1 && y >= box.Y1 - 1 && y <= box.Y2 + 1, $"{d}: anchor {d.Anchor} at ({x}, {y}) lies in {box}");
        }
    }

    /// <summary>Ultralytics' make_anchors: per stride, a row-major grid of cell centres.</summary>
    private static (double X, double Y) AnchorPoint(int anchor, int inputWidth, int inputHeight, int[] strides)
    {
        foreach (int stride in strides)
        {
            int columns = inputWidth / stride, rows = inputHeight / stride;
            if (anchor < columns * rows)
            {
                return (((anchor % columns) + 0.5) * stride, ((anchor / columns) + 0.5) * stride);
            }

            anchor -= columns * rows;
        }

        throw new AssertFailedException($"anchor beyond the grid of strides {string.Join(",", strides)}");
    }
}
