using AuditHarness.Core.Detections;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Tracing;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Tracing;

/// <summary>
/// An unpatched suffix run must reproduce the full model on the real Ultralytics exports in ../shared/models: the
/// same raw output to 1e-5 and the same detections. The reference is the model's own full pass, not this code.
/// </summary>
[TestClass]
public sealed class SuffixConformanceTests
{
    private static readonly string[] Yolo26Layers = ["model.2", "model.4", "model.6", "model.8", "model.10", "model.13", "model.16", "model.19", "model.22"];
    private static readonly string[] YoloV8Layers = ["model.2", "model.4", "model.6", "model.9", "model.12", "model.15", "model.18", "model.21"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Yolo26SuffixRunsReproduceTheFullModel() =>
        AssertSuffixesReproduceTheFullModel(SharedAssets.Yolo26nInt8, Yolo26Layers, DecodeSettings.Default);

    [TestMethod]
    public void YoloV8SuffixRunsReproduceTheFullModel() =>
        AssertSuffixesReproduceTheFullModel(SharedAssets.Yolov8nInt8, YoloV8Layers, new DecodeSettings { Iou = 0.7f });

    [TestMethod]
    public void Yolo26LateCutsCarrySkipConnections()
    {
        using CutTracer tracer = CutTracer.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8), ["model.2", "model.6", "model.13"]);

        // Before model.4 nothing is kept for later; model.4 and model.6 feed the head's Concats (Ultralytics yaml),
        // so the cut after model.6 carries model.4 too, and the cut after model.13 still carries model.4 / model.6 / ...
        Assert.HasCount(1, tracer.Cut("model.2").CrossingTensors);
        Assert.IsGreaterThan(1, tracer.Cut("model.6").CrossingTensors.Count);
        Assert.IsGreaterThan(1, tracer.Cut("model.13").CrossingTensors.Count);
        Assert.AreEqual(tracer.Model.Modules.Find("model.13")!.OutputTensor, tracer.Cut("model.13").CrossingTensors[0]);
    }

    [TestMethod]
    [DataRow(SharedAssets.Yolo26nInt8)]
    [DataRow(SharedAssets.Yolov8nInt8)]
    public void PatchingEveryChannelGivesTheVariantsOutputAndPatchingNoneTheOriginals(string modelFile)
    {
        // model.4's output is the only tensor crossing its cut (checked below), so patching all of it is the variant's pass.
        using CutTracer tracer = CutTracer.Load(SharedAssets.Model(modelFile), ["model.4"]);
        Assert.HasCount(1, tracer.Cut("model.4").CrossingTensors);
        using Mat original = ImageFile.Read(SharedAssets.Image("bus.jpg"));
        using Mat variant = original.Clone();
        // The "artifact removed": the bus's front blanked out, a change the detections feel.
        Cv2.Rectangle(variant, new Rect(0, 250, 400, 500), new Scalar(114, 114, 114), -1);
        TracedPass originalPass = tracer.Run(original);
        TracedPass variantPass = tracer.Run(variant);
        Assert.IsGreaterThan(0.01f, MaxAbsDifference(originalPass.Output.Values, variantPass.Output.Values), "the variant must change the output for the test to mean anything");

        SuffixOutput all = tracer.RunSuffix("model.4", originalPass, new ActivationPatch(variantPass));
        SuffixOutput none = tracer.RunSuffix("model.4", originalPass, new ActivationPatch(variantPass, Channels: []));

        Assert.IsLessThanOrEqualTo(1e-5f, MaxAbsDifference(variantPass.Output.Values, all.Values));
        Assert.IsLessThanOrEqualTo(1e-5f, MaxAbsDifference(originalPass.Output.Values, none.Values));
    }

    [TestMethod]
    public void PatchingSomeChannelsMovesTheOutputBetweenOriginalAndVariant()
    {
        using CutTracer tracer = CutTracer.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8), ["model.6"]);
        using Mat original = ImageFile.Read(SharedAssets.Image("bus.jpg"));
        using Mat variant = original.Clone();
        Cv2.Rectangle(variant, new Rect(0, 250, 400, 500), new Scalar(114, 114, 114), -1);
        TracedPass originalPass = tracer.Run(original);
        TracedPass variantPass = tracer.Run(variant);

        SuffixOutput half = tracer.RunSuffix("model.6", originalPass, new ActivationPatch(variantPass, Channels: [.. Enumerable.Range(0, 32)]));

        Assert.IsGreaterThan(1e-4f, MaxAbsDifference(originalPass.Output.Values, half.Values));
        Assert.IsGreaterThan(1e-4f, MaxAbsDifference(variantPass.Output.Values, half.Values));
    }

    internal static float MaxAbsDifference(float[] expected, float[] actual)
    {
        Assert.HasCount(expected.Length, actual);
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(expected[i] - actual[i]));
        }

        return max;
    }

    private void AssertSuffixesReproduceTheFullModel(string modelFile, string[] layers, DecodeSettings settings)
    {
        using CutTracer tracer = CutTracer.Load(SharedAssets.Model(modelFile), layers);
        foreach (string imageFile in new[] { "bus.jpg", "zidane.jpg" })
        {
            using Mat image = ImageFile.Read(SharedAssets.Image(imageFile));
            TracedPass pass = tracer.Run(image, settings);
            Assert.IsNotEmpty(pass.Detections);
            foreach (string layer in layers)
            {
                SuffixOutput suffix = tracer.RunSuffix(layer, pass);
                float difference = MaxAbsDifference(pass.Output.Values, suffix.Values);
                LayerCut cut = tracer.Cut(layer);
                TestContext.WriteLine($"{modelFile} {imageFile} {layer}: {cut.CrossingTensors.Count} crossing tensors, {cut.SuffixNodeCount}/{cut.GraphNodeCount} nodes, max |full - suffix| = {difference:R}{(difference == 0 ? " (bit-identical)" : string.Empty)}");
                Assert.IsLessThanOrEqualTo(1e-5f, difference, $"{layer} on {imageFile}");

                IReadOnlyList<Detection> detections = tracer.Decode(suffix, pass.Letterbox, settings);
                Assert.HasCount(pass.Detections.Count, detections, $"{layer} on {imageFile}");
                for (int i = 0; i < detections.Count; i++)
                {
                    Detection expected = pass.Detections[i], actual = detections[i];
                    Assert.AreEqual(expected.ClassId, actual.ClassId, $"{layer} on {imageFile}, detection {i}");
                    Assert.AreEqual(expected.Score, actual.Score, 1e-5f);
                    Assert.AreEqual(expected.Box.X1, actual.Box.X1, 1e-2f);
                    Assert.AreEqual(expected.Box.Y1, actual.Box.Y1, 1e-2f);
                    Assert.AreEqual(expected.Box.X2, actual.Box.X2, 1e-2f);
                    Assert.AreEqual(expected.Box.Y2, actual.Box.Y2, 1e-2f);
                }
            }
        }
    }
}
