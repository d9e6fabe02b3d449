using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Models;

/// <summary>
/// Predictions into reused buffers (ONNX Runtime writing straight into managed arrays) against the copying path, on
/// the demo detector with its four audit taps and two different photos of the demo dataset.
/// </summary>
[TestClass]
public sealed class PredictionBuffersTests
{
    private static readonly string ModelPath = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");
    private static readonly string[] Taps = ["model.2", "model.4", "model.6", "model.9"];

    [TestMethod]
    public void BufferedPredictionsEqualCopiedOnesBitForBitAndFollowTheLatestImage()
    {
        using YoloModel model = YoloModel.Load(ModelPath, new YoloModelOptions { Taps = Taps, IntraOpThreads = 1 });
        using Mat first = ImageFile.Read(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/images/p0001.jpg"));
        using Mat second = ImageFile.Read(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/counterfactuals/p0001.jpg"));
        using PredictionBuffers buffers = model.CreateBuffers();

        YoloPrediction copiedFirst = model.Predict(first);
        YoloPrediction copiedSecond = model.Predict(second);
        YoloPrediction bufferedFirst = model.Predict(first, buffers);
        AssertSame(copiedFirst, bufferedFirst);
        float[] firstModel2 = [.. bufferedFirst.Activations[0].Values];

        // The same buffers on the other image: now they hold the second image's values.
        YoloPrediction bufferedSecond = model.Predict(second, buffers);
        AssertSame(copiedSecond, bufferedSecond);
        Assert.IsFalse(firstModel2.AsSpan().SequenceEqual(bufferedSecond.Activations[0].Values), "the two images must give different model.2 activations");
    }

    [TestMethod]
    public void BuffersOfAnotherModelAreRefused()
    {
        using YoloModel model = YoloModel.Load(ModelPath, new YoloModelOptions { Taps = Taps });
        using YoloModel other = YoloModel.Load(ModelPath);
        using PredictionBuffers foreign = other.CreateBuffers();
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(90));

        ArgumentException e = Assert.ThrowsExactly<ArgumentException>(() => model.Predict(image, foreign));

        StringAssert.Contains(e.Message, "shortcut_e2e.onnx");
    }

    [TestMethod]
    public void HalfPrecisionModelDoesNotOfferBuffers()
    {
        var options = new TinyYoloModelOptions { Precision = TinyYoloPrecision.Float16 };
        using YoloModel model = YoloModel.FromBytes(TinyYoloModelBuilder.Build(options), "half.onnx", new YoloModelOptions { Taps = ["model.0"] });

        Assert.IsFalse(model.SupportsBuffers);
        Assert.ThrowsExactly<InvalidOperationException>(() => model.CreateBuffers());
    }

    private static void AssertSame(YoloPrediction expected, YoloPrediction actual)
    {
        CollectionAssert.AreEqual(expected.Detections.ToArray(), actual.Detections.ToArray());
        Assert.HasCount(expected.Activations.Count, actual.Activations);
        for (int i = 0; i < expected.Activations.Count; i++)
        {
            TapActivation e = expected.Activations[i], a = actual.Activations[i];
            Assert.AreEqual(e.Tap, a.Tap);
            CollectionAssert.AreEqual(e.Shape.ToArray(), a.Shape.ToArray());
            Assert.IsTrue(e.Values.AsSpan().SequenceEqual(a.Values), $"{e.Tap}: buffered activations differ from copied ones");
        }
    }
}
