using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Models;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Models;

/// <summary>
/// YoloModel end to end on tiny generated exports whose output0 is a constant chosen here, so every expected
/// detection is worked out by hand from the letterbox arithmetic (scale r, padding), not read from the code.
/// </summary>
[TestClass]
public sealed class YoloModelTests
{
    [TestMethod]
    public void EndToEndRowsAreFilteredAndMappedBackThroughTheLetterbox()
    {
        // Source 640x480 into 320x320: r = 0.5, resized 320x240, 40 rows of padding on top.
        float[] output = TinyYoloModelBuilder.EndToEndOutput(
            300, (10f, 50f, 110f, 250f, 0.9f, 1), (0f, 40f, 20f, 60f, 0.2f, 0));
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(new() { Output0 = output }), "e2e.onnx");
        using var image = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(30));

        YoloPrediction prediction = model.Predict(image);

        Assert.AreEqual(OutputFamily.EndToEnd, model.Family);
        Assert.AreEqual(new Detection(1, "bus", 0.9f, new BoundingBox(20, 20, 220, 420)), prediction.Detections.Single());
        Assert.AreEqual(40, prediction.Letterbox.PadTop);
    }

    [TestMethod]
    public void AnchorGridSuppressesTheOverlappingBoxOfTheSameClassOnly()
    {
        // Boxes 100x100 at cx 100 and 105: IoU = 9500 / 10500 = 0.905 > 0.7, so the weaker bus goes;
        // the person at the same place is another class and stays.
        float[] output = TinyYoloModelBuilder.AnchorGridOutput(
            2, 50, (3, 100f, 100f, 100f, 100f, 1, 0.8f), (7, 105f, 100f, 100f, 100f, 1, 0.7f), (9, 100f, 100f, 100f, 100f, 0, 0.6f));
        var options = new TinyYoloModelOptions { Family = TinyYoloFamily.AnchorGrid, Output0 = output };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "v8.onnx");
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(30));

        YoloPrediction prediction = model.Predict(image, new DecodeSettings { Iou = 0.7f });

        Assert.AreEqual(OutputFamily.AnchorGrid, model.Family);
        CollectionAssert.AreEquivalent(
            new[] { new Detection(1, "bus", 0.8f, new BoundingBox(50, 50, 150, 150)) { Anchor = 3 }, new Detection(0, "person", 0.6f, new BoundingBox(50, 50, 150, 150)) { Anchor = 9 } },
            prediction.Detections.ToArray());
    }

    [TestMethod]
    public void YoloV5ScoreIsObjectnessTimesClassScore()
    {
        // 0.5 x 0.5 = 0.25 is not above the threshold; 1.0 x 0.5 = 0.5 is. cx 160, cy 160, 64x32 -> (128,144)-(192,176).
        float[] output = TinyYoloModelBuilder.YoloV5Output(
            2, 20, (2, 160f, 160f, 64f, 32f, 1.0f, 0, 0.5f), (5, 60f, 60f, 10f, 10f, 0.5f, 1, 0.5f));
        var options = new TinyYoloModelOptions { Family = TinyYoloFamily.YoloV5, Output0 = output };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "v5.onnx");
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(30));

        YoloPrediction prediction = model.Predict(image);

        Assert.AreEqual(OutputFamily.YoloV5, model.Family);
        Assert.AreEqual(new Detection(0, "person", 0.5f, new BoundingBox(128, 144, 192, 176)) { Anchor = 2 }, prediction.Detections.Single());
    }

    [TestMethod]
    public void HalfPrecisionExportTakesFloat16InputAndGivesTheSameDetections()
    {
        // Values exactly representable in float16, so the expected box is exact.
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (10f, 50f, 110f, 250f, 0.875f, 0));
        var options = new TinyYoloModelOptions { Precision = TinyYoloPrecision.Float16, Output0 = output };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "half.onnx", new YoloModelOptions { Taps = ["model.0"] });
        using var image = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(30));

        YoloPrediction prediction = model.Predict(image);

        Assert.IsTrue(model.IsHalfPrecision);
        Assert.AreEqual(new Detection(0, "person", 0.875f, new BoundingBox(20, 20, 220, 420)), prediction.Detections.Single());
        CollectionAssert.AreEqual(new[] { 1, 8, 160, 160 }, prediction.Activations.Single().Shape.ToArray());
    }

    [TestMethod]
    public void QuantizedModuleTapResolvesToItsFloatOutput()
    {
        var options = new TinyYoloModelOptions { Precision = TinyYoloPrecision.Int8Dynamic };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "int8.onnx", new YoloModelOptions { Taps = ["model.1"] });
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(30));

        TapActivation tap = model.Predict(image).Activations.Single();

        Assert.AreEqual(TinyYoloModelBuilder.Module1Output, tap.TensorName);
        Assert.AreEqual(tap.Shape.Aggregate(1, (a, b) => a * b), tap.Values.Length);
    }

    [TestMethod]
    public void DynamicInputTakesImgszFromMetadata()
    {
        var options = new TinyYoloModelOptions
        {
            DynamicInput = true,
            InputHeight = 256,
            InputWidth = 320,
            Metadata = new Dictionary<string, string?> { ["imgsz"] = "[256, 320]" },
        };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "dynamic.onnx");

        Assert.AreEqual(256, model.InputHeight);
        Assert.AreEqual(320, model.InputWidth);
    }

    [TestMethod]
    public void DynamicInputWithoutImgszFallsBackTo640()
    {
        var options = new TinyYoloModelOptions { DynamicInput = true, Metadata = new Dictionary<string, string?> { ["imgsz"] = null } };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "dynamic.onnx");

        Assert.AreEqual(640, model.InputHeight);
        Assert.AreEqual(640, model.InputWidth);
    }

    [TestMethod]
    public void RectangularInputLetterboxesToItsOwnShape()
    {
        // Source 640x480 into 256 (h) x 320 (w): r = min(256/480, 320/640) = 0.5, resized 320x240, 8 rows on top.
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (0f, 8f, 320f, 248f, 0.9f, 0));
        var options = new TinyYoloModelOptions { InputHeight = 256, InputWidth = 320, Output0 = output };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "rect.onnx");
        using var image = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(30));

        YoloPrediction prediction = model.Predict(image);

        Assert.AreEqual(new BoundingBox(0, 0, 640, 480), prediction.Detections.Single().Box);
    }

    [TestMethod]
    public void TapsDoNotChangeDetectionsAndComeBackWithTheirShapes()
    {
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (10f, 50f, 110f, 250f, 0.9f, 1));
        byte[] bytes = TinyYoloModelBuilder.Build(new() { Output0 = output });
        using YoloModel plain = YoloModel.FromBytes(bytes, "plain.onnx");
        using YoloModel tapped = YoloModel.FromBytes(bytes, "tapped.onnx", new YoloModelOptions { Taps = ["model.0", TinyYoloModelBuilder.Module1Output, "output0"] });
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(90));

        YoloPrediction a = plain.Predict(image), b = tapped.Predict(image);

        CollectionAssert.AreEqual(a.Detections.ToArray(), b.Detections.ToArray());
        Assert.HasCount(3, b.Activations);
        CollectionAssert.AreEqual(new[] { 1, 8, 160, 160 }, b.Activations[0].Shape.ToArray());
        CollectionAssert.AreEqual(new[] { 1, 300, 6 }, b.Activations[2].Shape.ToArray());
    }

    [TestMethod]
    public void UnknownTapIsRefusedNamingIt()
    {
        var error = Assert.ThrowsExactly<AuditInputException>(
            () => YoloModel.FromBytes(TinyYoloModelBuilder.Build(new()), "m.onnx", new YoloModelOptions { Taps = ["model.42"] }));

        StringAssert.Contains(error.Message, "model.42");
    }

    [TestMethod]
    public void ClassifierIsRefusedSayingItsTask()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => YoloModel.FromBytes(TinyYoloModelBuilder.BuildClassifier(), "cls.onnx"));

        StringAssert.Contains(error.Message, "classify");
        StringAssert.Contains(error.Message, "cls.onnx");
    }

    [TestMethod]
    public void OutputOfNoFamilyIsRefusedSayingWhatWasFound()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => YoloModel.FromBytes(TinyYoloModelBuilder.BuildWithOutputShape([1, 3, 20, 20]), "odd.onnx"));

        StringAssert.Contains(error.Message, "[1,3,20,20]");
    }

    [TestMethod]
    public void ConcurrentPredictionsAgreeWithSequentialOnes()
    {
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (10f, 50f, 110f, 250f, 0.9f, 1));
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(new() { Output0 = output }), "m.onnx", new YoloModelOptions { Taps = ["model.0"] });
        using var image = new Mat(300, 200, MatType.CV_8UC3, Scalar.All(60));
        YoloPrediction reference = model.Predict(image);

        YoloPrediction[] results = new YoloPrediction[8];
        Parallel.For(0, results.Length, i => results[i] = model.Predict(image));

        foreach (YoloPrediction r in results)
        {
            CollectionAssert.AreEqual(reference.Detections.ToArray(), r.Detections.ToArray());
            CollectionAssert.AreEqual(reference.Activations[0].Values, r.Activations[0].Values);
        }
    }
}
