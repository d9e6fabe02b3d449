using System.Security.Cryptography;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Tracing;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Tracing;

[TestClass]
[DoNotParallelize]
public sealed class ModelAblatorTests
{
    private string _folder = string.Empty;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ablate").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    [DataRow(TinyYoloPrecision.Float32, "model.0")]
    [DataRow(TinyYoloPrecision.Int8Dynamic, "model.1")]
    public void ZeroAblatedChannelsAreZeroAtTheLayerAndTheOthersUnchanged(TinyYoloPrecision precision, string layer)
    {
        string source = Path.Combine(_folder, "tiny.onnx");
        File.WriteAllBytes(source, TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Precision = precision }));
        string ablated = Path.Combine(_folder, "tiny_ablated.onnx");

        ModelAblator.Ablate(source, layer, [1, 5], AblationFill.Zero, images: null, ablated);

        using Mat image = Photo(7);
        TapActivation before = Tap(source, layer, image), after = Tap(ablated, layer, image);
        AssertChannels(before, after, new Dictionary<int, float> { [1] = 0f, [5] = 0f });
    }

    [TestMethod]
    public void MeanFillIsEachChannelsMeanOverEveryPositionOfTheImages()
    {
        string source = Path.Combine(_folder, "tiny.onnx");
        File.WriteAllBytes(source, TinyYoloModelBuilder.Build(new TinyYoloModelOptions()));
        string clean = Directory.CreateDirectory(Path.Combine(_folder, "clean")).FullName;
        using Mat first = Photo(1), second = Photo(2);
        Cv2.ImWrite(Path.Combine(clean, "a.png"), first);
        Cv2.ImWrite(Path.Combine(clean, "b.png"), second);
        string ablated = Path.Combine(_folder, "tiny_ablated.onnx");

        AblationResult result = ModelAblator.Ablate(source, "model.0", [2, 6], AblationFill.Mean, clean, ablated);

        // The definition: mean of the channel's values over both images' taps (read back from the PNGs as the ablator does).
        using Mat firstRead = Cv2.ImRead(Path.Combine(clean, "a.png")), secondRead = Cv2.ImRead(Path.Combine(clean, "b.png"));
        TapActivation a = Tap(source, "model.0", firstRead), b = Tap(source, "model.0", secondRead);
        int spatial = a.Values.Length / a.Shape[1];
        float Mean(int c) => (float)(a.Values.Skip(c * spatial).Take(spatial).Select(v => (double)v).Sum()
            + b.Values.Skip(c * spatial).Take(spatial).Select(v => (double)v).Sum()) / (2 * spatial);
        Assert.AreEqual(Mean(2), result.FillValues[0], 1e-6f);
        Assert.AreEqual(Mean(6), result.FillValues[1], 1e-6f);

        using Mat image = Photo(9);
        AssertChannels(Tap(source, "model.0", image), Tap(ablated, "model.0", image), new Dictionary<int, float> { [2] = result.FillValues[0], [6] = result.FillValues[1] });
    }

    [TestMethod]
    public void AblatedYolo26CarriesItsProvenanceAndChangesOnlyTheChosenChannels()
    {
        string source = SharedAssets.Model(SharedAssets.Yolo26nInt8);
        string ablated = Path.Combine(_folder, "yolo26n_ablated.onnx");

        ModelAblator.Ablate(source, "model.4", [3, 17, 40], AblationFill.Zero, images: null, ablated);

        OnnxModelGraph graph = OnnxModelGraph.Load(ablated);
        Assert.AreEqual("model.4", graph.MetadataProps[ChannelAblation.LayerKey]);
        Assert.AreEqual("3,17,40", graph.MetadataProps[ChannelAblation.ChannelsKey]);
        Assert.AreEqual("zero", graph.MetadataProps[ChannelAblation.FillKey]);
        // shared/models/README.md lists this sha256.
        Assert.AreEqual("912af18b308425e7214fb2ea198261a8a336522579c55c8422d5e40dca1c2a5d", graph.MetadataProps[ChannelAblation.SourceSha256Key]);
        Assert.AreEqual(OnnxModelGraph.Load(source).MetadataProps["names"], graph.MetadataProps["names"]);
        Assert.AreEqual("True", graph.MetadataProps["end2end"]);

        using Mat image = Cv2.ImRead(SharedAssets.Image("bus.jpg"));
        AssertChannels(Tap(source, "model.4", image), Tap(ablated, "model.4", image), new Dictionary<int, float> { [3] = 0f, [17] = 0f, [40] = 0f });
        Assert.IsEmpty(Directory.GetFiles(_folder, "*.partial"));
    }

    [TestMethod]
    public void AblatingNoChannelGivesTheOriginalDetections()
    {
        string source = SharedAssets.Model(SharedAssets.Yolo26nInt8);
        string ablated = Path.Combine(_folder, "yolo26n_none.onnx");

        ModelAblator.Ablate(source, "model.6", [], AblationFill.Zero, images: null, ablated);

        using YoloModel original = YoloModel.Load(source), copy = YoloModel.Load(ablated);
        IReadOnlyList<Detection> expected = original.Predict(SharedAssets.Image("bus.jpg")).Detections;
        IReadOnlyList<Detection> actual = copy.Predict(SharedAssets.Image("bus.jpg")).Detections;
        Assert.IsNotEmpty(expected);
        CollectionAssert.AreEqual(expected.ToArray(), actual.ToArray());
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source))), copy.Graph.MetadataProps[ChannelAblation.SourceSha256Key]);
    }

    [TestMethod]
    public void BadRequestsGetOneLineErrorsAndWriteNothing()
    {
        string source = Path.Combine(_folder, "tiny.onnx");
        File.WriteAllBytes(source, TinyYoloModelBuilder.Build(new TinyYoloModelOptions()));
        string ablated = Path.Combine(_folder, "out.onnx");

        var range = Assert.ThrowsExactly<AuditInputException>(() => ModelAblator.Ablate(source, "model.0", [8], AblationFill.Zero, null, ablated));
        var twice = Assert.ThrowsExactly<AuditInputException>(() => ModelAblator.Ablate(source, "model.0", [1, 1], AblationFill.Zero, null, ablated));
        var head = Assert.ThrowsExactly<AuditInputException>(() => ModelAblator.Ablate(source, "model.2", [0], AblationFill.Zero, null, ablated));
        var noImages = Assert.ThrowsExactly<AuditInputException>(() => ModelAblator.Ablate(source, "model.0", [0], AblationFill.Mean, null, ablated));

        StringAssert.Contains(range.Message, "expected 0 to 7");
        StringAssert.Contains(twice.Message, "twice");
        StringAssert.Contains(head.Message, "head");
        StringAssert.Contains(noImages.Message, "--images");
        Assert.IsFalse(File.Exists(ablated));
    }

    private static Mat Photo(int seed)
    {
        var image = new Mat(240, 320, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        Cv2.Circle(image, new Point(40 * seed % 300, 100), 30 + seed, new Scalar(20 * seed % 255, 200, 90), -1);
        return image;
    }

    private static TapActivation Tap(string modelPath, string layer, Mat image)
    {
        using YoloModel model = YoloModel.Load(modelPath, new YoloModelOptions { Taps = [layer] });
        return model.Predict(image).Activations[0];
    }

    private static void AssertChannels(TapActivation before, TapActivation after, IReadOnlyDictionary<int, float> fills)
    {
        CollectionAssert.AreEqual(before.Shape.ToArray(), after.Shape.ToArray());
        int channels = before.Shape[1], spatial = before.Values.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            for (int s = 0; s < spatial; s++)
            {
                float expected = fills.TryGetValue(c, out float fill) ? fill : before.Values[(c * spatial) + s];
                if (after.Values[(c * spatial) + s] != expected)
                {
                    Assert.Fail($"Channel {c} position {s}: expected {expected}, got {after.Values[(c * spatial) + s]}.");
                }
            }
        }

        Assert.IsTrue(fills.Keys.Any(c => Enumerable.Range(0, spatial).Any(s => before.Values[(c * spatial) + s] != fills[c])), "the ablated channels must have differed from the fill before");
    }
}
