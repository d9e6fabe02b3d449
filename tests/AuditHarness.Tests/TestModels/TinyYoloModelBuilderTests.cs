using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Onnx.Proto;
using AuditHarness.Tests.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AuditHarness.Tests.TestModels;

[TestClass]
public sealed class TinyYoloModelBuilderTests
{
    [TestMethod]
    public void EndToEndModelReturnsTheChosenRowsWhateverTheImage()
    {
        var output = TinyYoloModelBuilder.EndToEndOutput(
            10,
            (10f, 20f, 110f, 220f, 0.9f, 1),
            (50f, 60f, 70f, 80f, 0.4f, 0));
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Output0 = output });

        var result = OnnxRuntimeTestRunner.Run(model, 320, 320, ["output0"])["output0"];

        CollectionAssert.AreEqual(new long[] { 1, 10, 6 }, result.Shape);
        CollectionAssert.AreEqual(output, result.Values);
        CollectionAssert.AreEqual(new[] { 10f, 20f, 110f, 220f, 0.9f, 1f }, result.Values[..6]);
    }

    [TestMethod]
    public void AnchorGridModelDefaultsToOneAnchorPerGridCellAtThreeStrides()
    {
        var options = new TinyYoloModelOptions { Family = TinyYoloFamily.AnchorGrid, InputHeight = 256, InputWidth = 320 };

        var result = OnnxRuntimeTestRunner.Run(TinyYoloModelBuilder.Build(options), 256, 320, ["output0"])["output0"];

        // 32x40 + 16x20 + 8x10 cells for two classes: 4 box values + 2 scores per column.
        CollectionAssert.AreEqual(new long[] { 1, 6, 1680 }, result.Shape);
        Assert.IsTrue(result.Values.All(v => v == 0f));
    }

    [TestMethod]
    public void AnchorGridOutputPutsEachAnchorInItsColumn()
    {
        var values = TinyYoloModelBuilder.AnchorGridOutput(2, 5, (3, 100f, 120f, 40f, 60f, 1, 0.8f));
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Family = TinyYoloFamily.AnchorGrid, Output0 = values });

        var result = OnnxRuntimeTestRunner.Run(model, 320, 320, ["output0"])["output0"];

        CollectionAssert.AreEqual(new long[] { 1, 6, 5 }, result.Shape);
        CollectionAssert.AreEqual(new[] { 100f, 120f, 40f, 60f, 0f, 0.8f }, Enumerable.Range(0, 6).Select(row => result.Values[(row * 5) + 3]).ToArray());
    }

    [TestMethod]
    public void YoloV5ModelHasRowsOfFivePlusClassesAndOnlyStrideAndNamesMetadata()
    {
        var values = TinyYoloModelBuilder.YoloV5Output(2, 4, (1, 100f, 120f, 40f, 60f, 0.9f, 0, 0.7f));
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Family = TinyYoloFamily.YoloV5, Output0 = values });

        var result = OnnxRuntimeTestRunner.Run(model, 320, 320, ["output0"])["output0"];
        var metadata = OnnxModelGraph.FromBytes(model, "v5.onnx").MetadataProps;

        CollectionAssert.AreEqual(new long[] { 1, 4, 7 }, result.Shape);
        CollectionAssert.AreEqual(new[] { 100f, 120f, 40f, 60f, 0.9f, 0.7f, 0f }, result.Values[7..14]);
        CollectionAssert.AreEquivalent(new[] { "stride", "names" }, metadata.Keys.ToArray());
    }

    [TestMethod]
    public void Float16ModelTakesAndGivesHalfPrecisionTensors()
    {
        var output = TinyYoloModelBuilder.EndToEndOutput(3, (10.5f, 20.25f, 110f, 220f, 0.9f, 1));
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Precision = TinyYoloPrecision.Float16, Output0 = output });

        using (var session = new InferenceSession(model))
        {
            Assert.AreEqual(TensorElementType.Float16, session.InputMetadata["images"].ElementDataType);
            Assert.AreEqual(TensorElementType.Float16, session.OutputMetadata["output0"].ElementDataType);
        }

        var result = OnnxRuntimeTestRunner.Run(model, 320, 320, ["output0"])["output0"];
        CollectionAssert.AreEqual(new[] { 10.5f, 20.25f, 110f, 220f }, result.Values[..4]);
        Assert.AreEqual(0.9f, result.Values[4], 0.001f);
    }

    [TestMethod]
    public void Int8DynamicModelRunsModule1ThroughDynamicQuantizeLinearAndConvInteger()
    {
        var graph = OnnxModelGraph.FromBytes(
            TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Precision = TinyYoloPrecision.Int8Dynamic }),
            "int8.onnx");

        var helper = graph.Nodes.Single(n => n.Name == "/model.0/act/Mul_output_0_QuantizeLinear");
        var convInteger = graph.Nodes.Single(n => n.Name == "/model.1/conv/Conv_quant");

        Assert.AreEqual("DynamicQuantizeLinear", helper.OpType);
        CollectionAssert.AreEqual(
            new[] { "/model.0/act/Mul_output_0_quantized", "/model.0/act/Mul_output_0_scale", "/model.0/act/Mul_output_0_zero_point" },
            helper.Output.ToArray());
        Assert.AreEqual("ConvInteger", convInteger.OpType);
        Assert.AreEqual("/model.0/act/Mul_output_0_quantized", convInteger.Input[0]);
    }

    [TestMethod]
    public void DynamicInputRunsAtDifferentSizes()
    {
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { DynamicInput = true });
        var graph = OnnxModelGraph.FromBytes(model, "dynamic.onnx");
        var dims = graph.Proto.Graph.Input[0].Type.TensorType.Shape.Dim;

        CollectionAssert.AreEqual(new[] { "batch", string.Empty, "height", "width" }, dims.Select(d => d.DimParam).ToArray());
        var tap = graph.ToBytesWithExtraOutputs([TinyYoloModelBuilder.Module0Output]);
        CollectionAssert.AreEqual(
            new long[] { 1, 8, 128, 160 },
            OnnxRuntimeTestRunner.Run(tap, 256, 320, [TinyYoloModelBuilder.Module0Output])[TinyYoloModelBuilder.Module0Output].Shape);
        CollectionAssert.AreEqual(
            new long[] { 1, 8, 320, 320 },
            OnnxRuntimeTestRunner.Run(tap, 640, 640, [TinyYoloModelBuilder.Module0Output])[TinyYoloModelBuilder.Module0Output].Shape);
    }

    [TestMethod]
    public void FixedInputDeclaresTheRequestedSize()
    {
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { InputHeight = 256, InputWidth = 320 });

        using var session = new InferenceSession(model);

        CollectionAssert.AreEqual(new[] { 1, 3, 256, 320 }, session.InputMetadata["images"].Dimensions);
        Assert.AreEqual("[256, 320]", session.ModelMetadata.CustomMetadataMap["imgsz"]);
    }

    [TestMethod]
    public void MetadataOverridesReplaceAddAndRemoveKeys()
    {
        var model = TinyYoloModelBuilder.Build(new TinyYoloModelOptions
        {
            ClassNames = ["cat", "dog", "it's"],
            Metadata = new Dictionary<string, string?> { ["stride"] = "64", ["end2end"] = null, ["custom"] = "yes" },
        });

        using var session = new InferenceSession(model);
        var metadata = session.ModelMetadata.CustomMetadataMap;

        Assert.AreEqual("64", metadata["stride"]);
        Assert.AreEqual("yes", metadata["custom"]);
        Assert.IsFalse(metadata.ContainsKey("end2end"));
        Assert.AreEqual("{0: 'cat', 1: 'dog', 2: \"it's\"}", metadata["names"]);
        Assert.AreEqual("detect", metadata["task"]);
    }

    [TestMethod]
    public void EndToEndAndAnchorGridModelsSayWhetherTheyAreEndToEnd()
    {
        var endToEnd = OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(new TinyYoloModelOptions()), "e2e").MetadataProps;
        var anchorGrid = OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Family = TinyYoloFamily.AnchorGrid }), "grid").MetadataProps;

        Assert.AreEqual("True", endToEnd["end2end"]);
        Assert.AreEqual("False", anchorGrid["end2end"]);
    }

    [TestMethod]
    public void ClassifierHasClassifyTaskAndAThousandScores()
    {
        var model = TinyYoloModelBuilder.BuildClassifier();

        var result = OnnxRuntimeTestRunner.Run(model, 224, 224, ["output0"])["output0"];

        CollectionAssert.AreEqual(new long[] { 1, 1000 }, result.Shape);
        Assert.AreEqual("classify", OnnxModelGraph.FromBytes(model, "cls").MetadataProps["task"]);
    }

    [TestMethod]
    public void OutputOfNoFamilyHasTheRequestedShape()
    {
        var model = TinyYoloModelBuilder.BuildWithOutputShape();

        var result = OnnxRuntimeTestRunner.Run(model, 320, 320, ["output0"])["output0"];

        CollectionAssert.AreEqual(new long[] { 1, 3, 20, 20 }, result.Shape);
        Assert.AreEqual("detect", OnnxModelGraph.FromBytes(model, "odd").MetadataProps["task"]);
    }

    [TestMethod]
    public void Output0WhoseLengthFitsNoRowWidthIsRejected()
    {
        var options = new TinyYoloModelOptions { Family = TinyYoloFamily.EndToEnd, Output0 = new float[13] };

        Assert.ThrowsExactly<ArgumentException>(() => TinyYoloModelBuilder.Build(options));
    }

    [TestMethod]
    public void SameOptionsGiveTheSameBytes()
    {
        var options = new TinyYoloModelOptions { Precision = TinyYoloPrecision.Int8Dynamic, Family = TinyYoloFamily.AnchorGrid };

        CollectionAssert.AreEqual(TinyYoloModelBuilder.Build(options), TinyYoloModelBuilder.Build(options));
        Assert.AreEqual(17, ModelProto.Parser.ParseFrom(TinyYoloModelBuilder.Build(options)).OpsetImport.Single().Version);
    }
}
