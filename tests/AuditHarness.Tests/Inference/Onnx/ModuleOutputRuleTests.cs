using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Onnx.Proto;
using AuditHarness.Tests.TestModels;
using Google.Protobuf;
using static AuditHarness.Tests.TestModels.OnnxGraphWriter;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Tests.Inference.Onnx;

/// <summary>The rules that pick a module's output, on hand-made graphs that isolate each one.</summary>
[TestClass]
public sealed class ModuleOutputRuleTests
{
    [TestMethod]
    public void WhenSeveralFloatTensorsLeaveAModuleTheLastProducedIsItsOutput()
    {
        var writer = Writer();
        var a = writer.Node("Relu", "/model.0/a/Relu", ["images"]);
        var b = writer.Node("Sigmoid", "/model.0/b/Sigmoid", [a]);
        writer.Node("Add", "/model.1/Add", [a, b], ["out"]);

        var catalog = Build(writer);

        Assert.AreEqual(b, catalog.Find("model.0")!.OutputTensor);
    }

    [TestMethod]
    public void TensorsUsedOnlyInsideTheModuleAreNotItsOutput()
    {
        var writer = Writer();
        var a = writer.Node("Relu", "/model.0/a/Relu", ["images"]);
        writer.Node("Sigmoid", "/model.0/b/Sigmoid", [a]);
        writer.Node("Neg", "/model.1/Neg", [a], ["out"]);

        var catalog = Build(writer);

        Assert.AreEqual(a, catalog.Find("model.0")!.OutputTensor);
    }

    [TestMethod]
    public void ShapeAndIntegerTensorsLeavingAModuleAreNotItsOutput()
    {
        var writer = Writer();
        var a = writer.Node("Relu", "/model.0/a/Relu", ["images"]);
        var shape = writer.Node("Shape", "/model.0/Shape", [a]);
        var asInt = writer.Node("Cast", "/model.0/Cast", [a], Int("to", (long)DataType.Int64));
        writer.Node("Reshape", "/model.1/Reshape", [a, shape], ["r"]);
        writer.Node("Add", "/model.1/Add", ["r", asInt], ["out"]);

        var catalog = Build(writer);

        Assert.AreEqual(a, catalog.Find("model.0")!.OutputTensor);
    }

    [TestMethod]
    public void DeclaredElementTypesWinOverTheNameBasedGuess()
    {
        var writer = Writer();
        var a = writer.Node("Relu", "/model.0/a/Relu", ["images"]);
        var b = writer.Node("Identity", "/model.0/b/Identity", [a]);
        writer.Node("Add", "/model.1/Add", [a, b], ["out"]);
        writer.Graph.ValueInfo.Add(TensorValueInfo(b, DataType.Int32, [1]));

        var catalog = Build(writer);

        Assert.AreEqual(a, catalog.Find("model.0")!.OutputTensor);
    }

    [TestMethod]
    public void ATensorReachingAnotherModuleOnlyThroughQuantizationHelpersLeavesTheModule()
    {
        var writer = Writer();
        var a = writer.Node("Relu", "/model.0/a/Relu", ["images"]);
        var inner = writer.Node("Neg", "/model.0/b/Neg", [a]);
        writer.Node("DynamicQuantizeLinear", a + "_QuantizeLinear", [a], [a + "_quantized", a + "_scale", a + "_zero_point"]);
        writer.Node("DequantizeLinear", "/model.0/helper/DequantizeLinear", [a + "_quantized", a + "_scale", a + "_zero_point"], ["dq"]);
        writer.Node("Add", "/model.1/Add", ["dq", inner], ["out"]);

        var catalog = Build(writer);

        // inner is produced later and also leaves directly; it wins by order, and a is a candidate too.
        Assert.AreEqual(inner, catalog.Find("model.0")!.OutputTensor);
        Assert.AreEqual("out", catalog.Find("model.1")!.OutputTensor);
    }

    [TestMethod]
    public void AModuleWhoseOutputIsReadOnlyThroughAHelperStillResolvesToTheFloatTensor()
    {
        var writer = Writer();
        var a = writer.Node("Relu", "/model.0/a/Relu", ["images"]);
        writer.Node("DynamicQuantizeLinear", a + "_QuantizeLinear", [a], [a + "_quantized", a + "_scale", a + "_zero_point"]);
        writer.Node("DequantizeLinear", "/model.1/DequantizeLinear", [a + "_quantized", a + "_scale", a + "_zero_point"], ["out"]);

        var catalog = Build(writer);

        Assert.AreEqual(a, catalog.Find("model.0")!.OutputTensor);
    }

    [TestMethod]
    public void NodesWithoutAModulePrefixBelongToNoModule()
    {
        var writer = Writer();
        var pre = writer.Node("Relu", "/Relu", ["images"]);
        var a = writer.Node("Neg", "/model.3/Neg", [pre]);
        writer.Node("Identity", string.Empty, [a], ["out"]);

        var catalog = Build(writer);

        CollectionAssert.AreEqual(new[] { "model.3" }, catalog.Modules.Select(m => m.Name).ToArray());
        Assert.AreEqual(a, catalog.Modules[0].OutputTensor);
        Assert.AreEqual(ModuleKind.Head, catalog.Modules[0].Kind);
    }

    [TestMethod]
    public void KindsAreGuessedFromNodeNamesAndOperators()
    {
        var writer = Writer();
        var conv = writer.Node("Relu", "/model.0/conv/Conv", ["images"]);
        conv = writer.Node("Sigmoid", "/model.0/act/Sigmoid", [conv]);
        var pool = writer.Node("MaxPool", "/model.1/m/MaxPool", [conv]);
        var up = writer.Node("Resize", "/model.2/Resize", [pool]);
        var cat = writer.Node("Concat", "/model.3/Concat", [up, conv]);
        var split = writer.Node("Split", "/model.4/Split", [cat], ["/model.4/Split_output_0", "/model.4/Split_output_1"]);
        var block = writer.Node("Add", "/model.4/m.0/Add", [split, "/model.4/Split_output_1"]);
        var attention = writer.Node("MatMul", "/model.5/attn/MatMul", [block, block]);
        attention = writer.Node("Softmax", "/model.5/attn/Softmax", [attention]);
        var other = writer.Node("Neg", "/model.6/Neg", [attention]);
        writer.Node("Identity", "/model.7/Identity", [other], ["out"]);

        var kinds = Build(writer).Modules.Select(m => m.Kind.ToDisplayName());

        Assert.AreEqual("conv pool upsample concat block attention other head", string.Join(" ", kinds));
    }

    private static OnnxGraphWriter Writer()
    {
        var writer = new OnnxGraphWriter("rules");
        writer.Graph.Input.Add(TensorValueInfo("images", DataType.Float, [1, 3, 8, 8]));
        writer.Graph.Output.Add(new ValueInfoProto { Name = "out" });
        return writer;
    }

    private static ModuleCatalog Build(OnnxGraphWriter writer)
    {
        var model = new ModelProto { IrVersion = 8, Graph = writer.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 17 });
        return ModuleCatalog.Build(OnnxModelGraph.FromBytes(model.ToByteArray(), "rules.onnx"));
    }
}
