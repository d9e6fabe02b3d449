using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Tracing;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Tracing;

/// <summary>Suffix runs on the test-built tiny detectors: every family and precision, including int8 helpers and float16 casts.</summary>
[TestClass]
public sealed class TinyModelSuffixTests
{
    [TestMethod]
    [DataRow(TinyYoloFamily.EndToEnd, TinyYoloPrecision.Float32)]
    [DataRow(TinyYoloFamily.AnchorGrid, TinyYoloPrecision.Float32)]
    [DataRow(TinyYoloFamily.EndToEnd, TinyYoloPrecision.Int8Dynamic)]
    [DataRow(TinyYoloFamily.AnchorGrid, TinyYoloPrecision.Float16)]
    public void UnpatchedSuffixRunsGiveTheFullModelsOutputAndDetections(TinyYoloFamily family, TinyYoloPrecision precision)
    {
        var options = new TinyYoloModelOptions
        {
            Family = family,
            Precision = precision,
            Output0 = family == TinyYoloFamily.EndToEnd
                ? TinyYoloModelBuilder.EndToEndOutput(TinyYoloModelBuilder.DefaultEndToEndRows, (10, 20, 110, 220, 0.9f, 1), (30, 40, 60, 90, 0.6f, 0))
                : null,
        };
        OnnxModelGraph graph = OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(options), "tiny.onnx");
        using CutTracer tracer = CutTracer.Create(graph, "tiny.onnx", ["model.0", "model.1"]);
        using var image = new Mat(240, 320, MatType.CV_8UC3, new Scalar(30, 160, 220));

        TracedPass pass = tracer.Run(image);
        foreach (string layer in new[] { "model.0", "model.1" })
        {
            SuffixOutput suffix = tracer.RunSuffix(layer, pass);
            CollectionAssert.AreEqual(pass.Output.Values, suffix.Values, layer);
            CollectionAssert.AreEqual(pass.Output.Shape.ToArray(), suffix.Shape.ToArray(), layer);
            Assert.HasCount(pass.Detections.Count, tracer.Decode(suffix, pass.Letterbox));
        }

        Assert.AreEqual(TinyYoloModelBuilder.Module1Output, tracer.Cut("model.1").LayerTensor);
        // The int8 model's DynamicQuantizeLinear of model.1's output runs after the cut, so the float tensor crosses.
        Assert.AreEqual(TinyYoloModelBuilder.Module1Output, tracer.Cut("model.1").CrossingTensors.Single());
    }

    [TestMethod]
    public void TheHeadCannotBeCutAndAnUnknownLayerIsNamed()
    {
        OnnxModelGraph graph = OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(new TinyYoloModelOptions()), "tiny.onnx");

        var head = Assert.ThrowsExactly<AuditHarness.Core.Errors.AuditInputException>(() => CutTracer.Create(graph, "tiny.onnx", ["model.2"]));
        var unknown = Assert.ThrowsExactly<AuditHarness.Core.Errors.AuditInputException>(() => CutTracer.Create(graph, "tiny.onnx", ["model.7"]));

        StringAssert.Contains(head.Message, "last module");
        StringAssert.Contains(unknown.Message, "model.7");
    }

    [TestMethod]
    public void APatchedChannelTakesTheSourceValuesAndARegionBlendsByCellWeight()
    {
        var original = new TapActivation("t", "t", [1, 2, 1, 2], [1, 2, 3, 4]);
        var source = new TapActivation("t", "t", [1, 2, 1, 2], [10, 20, 30, 40]);
        var pass = new TracedPass([], null!, new SuffixOutput([], [0]), new Dictionary<string, TapActivation>());

        float[] channel1 = ActivationPatcher.Apply(original, source, new ActivationPatch(pass, [1]));
        float[] inside = ActivationPatcher.Apply(original, source, new ActivationPatch(pass, [0], new PatchRegion([1f, 0.25f], Inside: true)));
        float[] outside = ActivationPatcher.Apply(original, source, new ActivationPatch(pass, [0], new PatchRegion([1f, 0.25f], Inside: false)));

        CollectionAssert.AreEqual(new float[] { 1, 2, 30, 40 }, channel1);
        // Cell 1 is a quarter inside: 2 + 0.25 * (20 - 2) = 6.5; outside takes the other three quarters: 2 + 0.75 * 18 = 15.5.
        CollectionAssert.AreEqual(new float[] { 10, 6.5f, 3, 4 }, inside);
        CollectionAssert.AreEqual(new float[] { 1, 15.5f, 3, 4 }, outside);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ActivationPatcher.Apply(original, source, new ActivationPatch(pass, [2])));
    }
}
