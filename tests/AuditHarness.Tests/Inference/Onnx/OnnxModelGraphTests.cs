using System.Text;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Onnx.Proto;
using AuditHarness.Tests.TestModels;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Tests.Inference.Onnx;

[TestClass]
public sealed class OnnxModelGraphTests
{
    [TestMethod]
    public void LoadExposesInputsOutputsMetadataAndNodes()
    {
        var path = TinyYoloModelBuilder.BuildToTempFile(new TinyYoloModelOptions());
        try
        {
            var graph = OnnxModelGraph.Load(path);

            CollectionAssert.AreEqual(new[] { "images" }, graph.InputNames.ToArray());
            CollectionAssert.AreEqual(new[] { "output0" }, graph.OutputNames.ToArray());
            Assert.AreEqual("{0: 'person', 1: 'bus'}", graph.MetadataProps["names"]);
            Assert.AreEqual("[320, 320]", graph.MetadataProps["imgsz"]);
            Assert.AreEqual("/model.0/conv/Conv", graph.Nodes[0].Name);
            Assert.AreEqual(path, graph.DisplayName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void InputNamesLeaveOutInitializersListedAsInputs()
    {
        var proto = ModelProto.Parser.ParseFrom(TinyYoloModelBuilder.Build(new TinyYoloModelOptions()));
        proto.Graph.Input.Add(new ValueInfoProto { Name = "model.0.conv.weight" });

        var graph = OnnxModelGraph.FromBytes(proto.ToByteArray(), "old-exporter.onnx");

        CollectionAssert.AreEqual(new[] { "images" }, graph.InputNames.ToArray());
    }

    [TestMethod]
    public void HasTensorKnowsNodeOutputsInputsAndInitializersOnly()
    {
        var graph = TinyGraph(new TinyYoloModelOptions());

        Assert.IsTrue(graph.HasTensor("images"));
        Assert.IsTrue(graph.HasTensor("model.0.conv.weight"));
        Assert.IsTrue(graph.HasTensor(TinyYoloModelBuilder.Module0Output));
        Assert.IsTrue(graph.HasTensor("output0"));
        Assert.IsFalse(graph.HasTensor("/model.0/act/Mul"));
        Assert.IsFalse(graph.HasTensor("model.0"));
    }

    [TestMethod]
    public void TensorElementTypeComesFromDeclarationsThenFromTheProducingOperator()
    {
        var graph = TinyGraph(new TinyYoloModelOptions { Precision = TinyYoloPrecision.Int8Dynamic });

        Assert.AreEqual((int)DataType.Float, graph.TensorElementType("images"));
        Assert.AreEqual((int)DataType.Int8, graph.TensorElementType("model.1.conv.weight_quantized"));
        Assert.AreEqual((int)DataType.Uint8, graph.TensorElementType("/model.0/act/Mul_output_0_quantized"));
        Assert.AreEqual((int)DataType.Float, graph.TensorElementType("/model.0/act/Mul_output_0_scale"));
        Assert.AreEqual((int)DataType.Int32, graph.TensorElementType("/model.1/conv/Conv_output_0_output_quantized"));
        Assert.AreEqual((int)DataType.Float, graph.TensorElementType("/model.1/conv/Conv_output_0_output_quantized_cast_output"));
        Assert.AreEqual((int)DataType.Float, graph.TensorElementType(TinyYoloModelBuilder.Module1Output));
        Assert.IsNull(graph.TensorElementType("no such tensor"));
    }

    [TestMethod]
    public void ToBytesWithExtraOutputsAppendsNamesWithoutChangingTheLoadedModel()
    {
        var graph = TinyGraph(new TinyYoloModelOptions());
        var before = graph.Proto.ToByteArray();

        var edited = OnnxModelGraph.FromBytes(
            graph.ToBytesWithExtraOutputs([TinyYoloModelBuilder.Module0Output, "output0", TinyYoloModelBuilder.Module0Output, TinyYoloModelBuilder.Module1Output]),
            "edited");

        CollectionAssert.AreEqual(
            new[] { "output0", TinyYoloModelBuilder.Module0Output, TinyYoloModelBuilder.Module1Output },
            edited.OutputNames.ToArray());
        Assert.IsNull(edited.Proto.Graph.Output[1].Type, "an extra output carries only its name");
        CollectionAssert.AreEqual(new[] { "output0" }, graph.OutputNames.ToArray());
        CollectionAssert.AreEqual(before, graph.Proto.ToByteArray());
    }

    [TestMethod]
    public void ToBytesWithExtraOutputsRejectsATensorTheGraphDoesNotHave()
    {
        var graph = TinyGraph(new TinyYoloModelOptions());

        var error = Assert.ThrowsExactly<AuditInputException>(() => graph.ToBytesWithExtraOutputs(["/model.7/act/Mul_output_0"]));

        StringAssert.Contains(error.Message, "'/model.7/act/Mul_output_0'");
        Assert.DoesNotContain("\n", error.Message);
    }

    [TestMethod]
    public void UnknownFieldsSurviveARewrite()
    {
        // Field 1000 is not in the ONNX schema; a lossless rewrite must carry it through untouched.
        var marker = "keep-me-0xC0FFEE";
        var extra = new MemoryStream();
        using (var output = new CodedOutputStream(extra, leaveOpen: true))
        {
            output.WriteTag(1000, WireFormat.WireType.LengthDelimited);
            output.WriteString(marker);
        }

        var bytes = TinyYoloModelBuilder.Build(new TinyYoloModelOptions()).Concat(extra.ToArray()).ToArray();
        var graph = OnnxModelGraph.FromBytes(bytes, "with-unknown-field.onnx");

        var noExtra = graph.ToBytesWithExtraOutputs([]);
        var withTap = graph.ToBytesWithExtraOutputs([TinyYoloModelBuilder.Module0Output]);

        Assert.AreEqual(bytes.Length, noExtra.Length);
        StringAssert.Contains(Encoding.ASCII.GetString(withTap), marker);
    }

    [TestMethod]
    public void RealYolo26nRewrittenWithNoExtraOutputsKeepsItsSizeAndLoadsInOnnxRuntime()
    {
        var path = SharedAssets.Model(SharedAssets.Yolo26nInt8);
        var original = File.ReadAllBytes(path);
        var graph = OnnxModelGraph.Load(path);

        var rewritten = graph.ToBytesWithExtraOutputs([]);

        Assert.AreEqual(original.Length, rewritten.Length);
        CollectionAssert.AreEqual(rewritten, OnnxModelGraph.FromBytes(rewritten, "again").ToBytesWithExtraOutputs([]));
        using var session = new InferenceSession(rewritten);
        Assert.AreEqual("output0", session.OutputMetadata.Keys.Single());
        Assert.AreEqual("True", session.ModelMetadata.CustomMetadataMap["end2end"]);
    }

    [TestMethod]
    public void LoadOfAMissingFileSaysItDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), "auditharness-tests", "no-such-model.onnx");

        var error = Assert.ThrowsExactly<AuditInputException>(() => OnnxModelGraph.Load(path));

        Assert.AreEqual($"Model file '{path}' does not exist.", error.Message);
    }

    [TestMethod]
    [DataRow("text", DisplayName = "a text file")]
    [DataRow("random", DisplayName = "random bytes")]
    [DataRow("empty", DisplayName = "an empty file")]
    [DataRow("jpeg", DisplayName = "a JPEG header")]
    public void LoadOfAFileThatIsNotOnnxSaysSo(string content)
    {
        byte[] bytes = content switch
        {
            "text" => Encoding.UTF8.GetBytes("names: {0: person}\nthis is not a model\n"),
            "random" => RandomBytes(4096, seed: 7),
            "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01],
            _ => [],
        };
        var path = TinyYoloModelBuilder.WriteTempFile(bytes, "not-onnx");
        try
        {
            var error = Assert.ThrowsExactly<AuditInputException>(() => OnnxModelGraph.Load(path));

            StringAssert.StartsWith(error.Message, $"'{path}' is not an ONNX model: ");
            Assert.DoesNotContain("\n", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ManyRandomBuffersAreAllRejectedAsNotOnnx()
    {
        // Random bytes sometimes parse as a valid protobuf; the structural checks must still reject them.
        for (var seed = 0; seed < 200; seed++)
        {
            var bytes = RandomBytes(64 + (seed * 7), seed);
            var error = Assert.ThrowsExactly<AuditInputException>(() => OnnxModelGraph.FromBytes(bytes, "noise"));
            StringAssert.StartsWith(error.Message, "'noise' is not an ONNX model: ");
        }
    }

    [TestMethod]
    public void AModelWithoutNodesIsNotOnnx()
    {
        var proto = ModelProto.Parser.ParseFrom(TinyYoloModelBuilder.Build(new TinyYoloModelOptions()));
        proto.Graph.Node.Clear();

        var error = Assert.ThrowsExactly<AuditInputException>(() => OnnxModelGraph.FromBytes(proto.ToByteArray(), "empty-graph.onnx"));

        Assert.AreEqual("'empty-graph.onnx' is not an ONNX model: its graph has no nodes.", error.Message);
    }

    [TestMethod]
    public void AModelWithoutGraphIsNotOnnx()
    {
        var proto = new ModelProto { IrVersion = 8, ProducerName = "nothing" };

        var error = Assert.ThrowsExactly<AuditInputException>(() => OnnxModelGraph.FromBytes(proto.ToByteArray(), "no-graph.onnx"));

        Assert.AreEqual("'no-graph.onnx' is not an ONNX model: it has no graph.", error.Message);
    }

    private static OnnxModelGraph TinyGraph(TinyYoloModelOptions options) =>
        OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(options), "tiny.onnx");

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
