using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Models;

/// <summary>The bare session behind <c>bench --audit</c>: same input tensor as the audit's, passes that really run.</summary>
[TestClass]
public sealed class BareInferenceSessionTests
{
    private static readonly string ModelPath = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");

    [TestMethod]
    public void InputIsTheLetterboxedImageTheModelRuns()
    {
        using YoloModel model = YoloModel.Load(ModelPath);
        using var bare = new BareInferenceSession(model, ModelPath, 1);
        // 400x300 into 320x320: resized to 320x240 with 40 rows of padding above and below.
        using var image = new Mat(300, 400, MatType.CV_8UC3, new Scalar(10, 200, 60));
        float[] expected = new float[3 * 320 * 320];
        Letterbox.Apply(image, 320, 320, expected);

        using OrtValue input = bare.CreateInput(image);

        CollectionAssert.AreEqual(new long[] { 1, 3, 320, 320 }, input.GetTensorTypeAndShape().Shape);
        Assert.IsTrue(expected.AsSpan().SequenceEqual(input.GetTensorDataAsSpan<float>()));
        Assert.AreEqual(114f / 255f, input.GetTensorDataAsSpan<float>()[0], "top-left is padding");
        Assert.AreEqual(60f / 255f, input.GetTensorDataAsSpan<float>()[160 * 320 + 160], "red plane in the image: the BGR image's third channel");
    }

    [TestMethod]
    public void PassesRunOnOneInputFromSeveralThreads()
    {
        using YoloModel model = YoloModel.Load(ModelPath);
        using var bare = new BareInferenceSession(model, ModelPath, 1);
        using var image = new Mat(320, 320, MatType.CV_8UC3, Scalar.All(128));
        using OrtValue input = bare.CreateInput(image);

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ => bare.Run(input));

        Assert.AreEqual(3 * 320 * 320, bare.InputLength);
    }
}
