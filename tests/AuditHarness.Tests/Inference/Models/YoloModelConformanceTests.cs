using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Models;

namespace AuditHarness.Tests.Inference.Models;

/// <summary>
/// Conformance on the real Ultralytics exports in ../shared/models. Expected values come from
/// shared/models/README.md (observed with Ultralytics itself), not from this code.
/// </summary>
[TestClass]
public sealed class YoloModelConformanceTests
{
    [TestMethod]
    public void Yolo26FindsTheBusAndThreePersonsWhereUltralyticsDoes()
    {
        using YoloModel model = YoloModel.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8));

        YoloPrediction prediction = model.Predict(SharedAssets.Image("bus.jpg"));

        Assert.AreEqual(OutputFamily.EndToEnd, model.Family);
        Detection bus = prediction.Detections.Single(d => d.ClassName == "bus");
        Assert.IsGreaterThanOrEqualTo(0.9f, bus.Score);
        // README: the bus box spans roughly x 11..810, y 219..774 in original pixels.
        Assert.AreEqual(11f, bus.Box.X1, 3f);
        Assert.AreEqual(219f, bus.Box.Y1, 3f);
        Assert.AreEqual(810f, bus.Box.X2, 3f);
        Assert.AreEqual(774f, bus.Box.Y2, 3f);

        float[] persons = [.. prediction.Detections.Where(d => d.ClassName == "person").Select(d => d.Score).OrderDescending()];
        Assert.IsGreaterThanOrEqualTo(3, persons.Length);
        // README: persons at about 0.92, 0.83 and 0.50.
        Assert.AreEqual(0.92f, persons[0], 0.03f);
        Assert.AreEqual(0.83f, persons[1], 0.03f);
        Assert.AreEqual(0.50f, persons[2], 0.05f);
        Assert.IsTrue(prediction.Detections.All(d => d.Score >= 0.25f));
    }

    [TestMethod]
    public void YoloV8FindsTheBusAndPersons()
    {
        using YoloModel model = YoloModel.Load(SharedAssets.Model(SharedAssets.Yolov8nInt8));

        YoloPrediction prediction = model.Predict(SharedAssets.Image("bus.jpg"), new DecodeSettings { Iou = 0.7f });

        Assert.AreEqual(OutputFamily.AnchorGrid, model.Family);
        Detection bus = prediction.Detections.Single(d => d.ClassName == "bus");
        Assert.IsGreaterThan(0.5f, bus.Score);
        // A different network draws its own box; it must still be the same bus as the README's YOLO26n box.
        Assert.IsGreaterThan(0.85f, bus.Box.IntersectionOverUnion(new BoundingBox(11, 219, 810, 774)));
        Assert.IsGreaterThanOrEqualTo(3, prediction.Detections.Count(d => d.ClassName == "person"));
    }

    [TestMethod]
    public void Model0TapOnYolo26HasHalfTheInputResolution()
    {
        using YoloModel model = YoloModel.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8), new YoloModelOptions { Taps = ["model.0"] });

        YoloPrediction prediction = model.Predict(SharedAssets.Image("bus.jpg"));

        TapActivation tap = prediction.Activations.Single();
        Assert.AreEqual("model.0", tap.Tap);
        Assert.AreEqual("/model.0/act/Mul_output_0", tap.TensorName);
        CollectionAssert.AreEqual(new[] { 1, 16, 320, 320 }, tap.Shape.ToArray());
        Assert.AreEqual(16 * 320 * 320, tap.Values.Length);
    }

    [TestMethod]
    [DataRow("yolo26n_int8.onnx")]
    [DataRow("yolov8n_int8.onnx")]
    public void DetectionsWithTapsAreBitIdenticalToDetectionsWithout(string modelFile)
    {
        string path = SharedAssets.Model(modelFile);
        using YoloModel plain = YoloModel.Load(path);
        using YoloModel tapped = YoloModel.Load(path, new YoloModelOptions { Taps = ["model.2", "model.4", "model.6", "model.9"] });

        foreach (string image in new[] { "bus.jpg", "zidane.jpg" })
        {
            IReadOnlyList<Detection> expected = plain.Predict(SharedAssets.Image(image)).Detections;
            IReadOnlyList<Detection> actual = tapped.Predict(SharedAssets.Image(image)).Detections;

            Assert.IsNotEmpty(expected);
            // Records compare floats with ==, so equality here is bit-for-bit on boxes and scores.
            CollectionAssert.AreEqual(expected.ToArray(), actual.ToArray(), image);
        }
    }

    [TestMethod]
    public void Yolo26HasModules0To23AndTheLastIsTheHead()
    {
        using YoloModel model = YoloModel.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8));

        string[] names = [.. model.Modules.Modules.Select(m => m.Name)];

        CollectionAssert.AreEqual(Enumerable.Range(0, 24).Select(i => $"model.{i}").ToArray(), names);
        Assert.AreEqual("head", model.Modules.Modules[^1].Kind.ToString().ToLowerInvariant());
    }
}
