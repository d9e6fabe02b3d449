using AuditHarness.Inference.Onnx;
using AuditHarness.Tests.TestModels;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AuditHarness.Tests.Inference.Onnx;

/// <summary>The graph rewrite makes ONNX Runtime return tapped tensors.</summary>
[TestClass]
public sealed class TappedOutputsOnnxRuntimeTests
{
    [TestMethod]
    [DataRow(TinyYoloPrecision.Float32)]
    [DataRow(TinyYoloPrecision.Float16)]
    [DataRow(TinyYoloPrecision.Int8Dynamic)]
    public void TinyModelReturnsTappedModulesBesideItsOutput(TinyYoloPrecision precision)
    {
        var graph = OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Precision = precision }), "tiny.onnx");
        var taps = ModuleCatalog.Build(graph).ResolveAll(["model.0", "model.1"]);

        var results = OnnxRuntimeTestRunner.Run(
            graph.ToBytesWithExtraOutputs(taps.Select(t => t.TensorName)),
            320,
            320,
            ["output0", .. taps.Select(t => t.TensorName)]);

        CollectionAssert.AreEqual(new long[] { 1, 8, 160, 160 }, results[TinyYoloModelBuilder.Module0Output].Shape);
        CollectionAssert.AreEqual(new long[] { 1, 16, 80, 80 }, results[TinyYoloModelBuilder.Module1Output].Shape);
        Assert.AreEqual(TensorElementType.Float, results[TinyYoloModelBuilder.Module1Output].ElementType);
        Assert.IsGreaterThan(0.01f, results[TinyYoloModelBuilder.Module1Output].Values.Max() - results[TinyYoloModelBuilder.Module1Output].Values.Min(), "activations vary over the image");
        Assert.AreEqual(precision == TinyYoloPrecision.Float16 ? TensorElementType.Float16 : TensorElementType.Float, results["output0"].ElementType);
    }

    [TestMethod]
    public void RealYolo26nReturnsModule0AndModule9AtTheirFeatureMapSizes()
    {
        var graph = OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8));
        var taps = ModuleCatalog.Build(graph).ResolveAll(["model.0", "model.9", "/model.9/cv2/act/Mul_output_0"]);

        var results = OnnxRuntimeTestRunner.Run(
            graph.ToBytesWithExtraOutputs(taps.Select(t => t.TensorName)),
            640,
            640,
            ["output0", .. taps.Select(t => t.TensorName)]);

        CollectionAssert.AreEqual(new long[] { 1, 16, 320, 320 }, results["/model.0/act/Mul_output_0"].Shape);
        CollectionAssert.AreEqual(new long[] { 1, 256, 20, 20 }, results["/model.9/Add_output_0"].Shape);
        CollectionAssert.AreEqual(new long[] { 1, 256, 20, 20 }, results["/model.9/cv2/act/Mul_output_0"].Shape);
        CollectionAssert.AreEqual(new long[] { 1, 300, 6 }, results["output0"].Shape);
        CollectionAssert.AreNotEqual(results["/model.9/Add_output_0"].Values, results["/model.9/cv2/act/Mul_output_0"].Values);
    }

    [TestMethod]
    [DataRow(SharedAssets.Yolo26nInt8)]
    [DataRow(SharedAssets.Yolov8nInt8)]
    public void EveryModuleOfARealModelCanBeTappedInOneRun(string model)
    {
        var graph = OnnxModelGraph.Load(SharedAssets.Model(model));
        var catalog = ModuleCatalog.Build(graph);
        var tensors = catalog.Modules.Select(m => m.OutputTensor).ToArray();

        var results = OnnxRuntimeTestRunner.Run(graph.ToBytesWithExtraOutputs(tensors), 640, 640, tensors);

        foreach (var module in catalog.Modules.Where(m => m.Kind != ModuleKind.Head))
        {
            var result = results[module.OutputTensor];
            Assert.AreEqual(TensorElementType.Float, result.ElementType, module.Name);
            Assert.HasCount(4, result.Shape, module.Name);
            Assert.AreEqual(640 / result.Shape[2], 640 / result.Shape[3], $"{module.Name} is a square feature map");
        }
    }
}
