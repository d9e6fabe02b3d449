using AuditHarness.Inference.Onnx;
using AuditHarness.Tests.TestModels;

namespace AuditHarness.Tests.Inference.Onnx;

[TestClass]
public sealed class ModuleCatalogTests
{
    [TestMethod]
    [DataRow(TinyYoloPrecision.Float32)]
    [DataRow(TinyYoloPrecision.Float16)]
    [DataRow(TinyYoloPrecision.Int8Dynamic)]
    public void TinyModelHasThreeModulesWithTheirFloatOutputs(TinyYoloPrecision precision)
    {
        var catalog = Catalog(new TinyYoloModelOptions { Precision = precision });

        CollectionAssert.AreEqual(new[] { "model.0", "model.1", "model.2" }, catalog.Modules.Select(m => m.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, catalog.Modules.Select(m => m.Index).ToArray());
        Assert.AreEqual(TinyYoloModelBuilder.Module0Output, catalog.Find("model.0")!.OutputTensor);
        Assert.AreEqual(TinyYoloModelBuilder.Module1Output, catalog.Find("model.1")!.OutputTensor);
        Assert.AreEqual("output0", catalog.Find("model.2")!.OutputTensor);
        CollectionAssert.AreEqual(
            new[] { ModuleKind.Conv, ModuleKind.Conv, ModuleKind.Head },
            catalog.Modules.Select(m => m.Kind).ToArray());
    }

    [TestMethod]
    public void QuantizedModuleResolvesToItsFloatOutputNotTheQuantizedCopy()
    {
        // In the Int8Dynamic model, /model.1/act/Mul_output_0 reaches model.2 only through
        // /model.1/act/Mul_output_0_QuantizeLinear, whose outputs (*_quantized, *_scale, *_zero_point)
        // carry model.1's prefix and are what model.2 actually reads.
        var catalog = Catalog(new TinyYoloModelOptions { Precision = TinyYoloPrecision.Int8Dynamic });

        var module1 = catalog.Find("model.1")!;

        Assert.AreEqual("/model.1/act/Mul_output_0", module1.OutputTensor);
        Assert.IsTrue(catalog.Graph.Nodes.Any(n => n.Name == "/model.1/act/Mul_output_0_QuantizeLinear"), "the helper the test is about exists");
        Assert.IsTrue(catalog.Modules.All(m => !m.OutputTensor.Contains("_quantized", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void NodeCountCountsEveryNodeUnderTheModulePrefix()
    {
        var floatCatalog = Catalog(new TinyYoloModelOptions());
        var int8Catalog = Catalog(new TinyYoloModelOptions { Precision = TinyYoloPrecision.Int8Dynamic });

        Assert.AreEqual(3, floatCatalog.Find("model.0")!.NodeCount);

        // Conv_quant_scales_mul, Conv_quant, _cast, output_scale_mul, bias_add, Sigmoid, Mul and the
        // DynamicQuantizeLinear named after model.1's output; the unnamed bias Reshape belongs to no module.
        Assert.AreEqual(8, int8Catalog.Find("model.1")!.NodeCount);
    }

    [TestMethod]
    public void FindReturnsNullForAModuleTheModelDoesNotHave()
    {
        var catalog = Catalog(new TinyYoloModelOptions());

        Assert.IsNull(catalog.Find("model.3"));
        Assert.IsNull(catalog.Find("model.model.model[0]"));
    }

    [TestMethod]
    public void KindsHaveShortLowercaseDisplayNames()
    {
        var names = Enum.GetValues<ModuleKind>().Select(k => k.ToDisplayName()).ToArray();

        CollectionAssert.AreEqual(
            new[] { "conv", "block", "attention", "pool", "upsample", "concat", "head", "other" },
            names);
    }

    [TestMethod]
    public void RealYolo26nHasModules0To23WithHookOutputs()
    {
        var catalog = ModuleCatalog.Build(OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8)));

        CollectionAssert.AreEqual(
            Enumerable.Range(0, 24).Select(i => $"model.{i}").ToArray(),
            catalog.Modules.Select(m => m.Name).ToArray());
        Assert.AreEqual("/model.0/act/Mul_output_0", catalog.Find("model.0")!.OutputTensor);
        Assert.AreEqual("/model.2/cv2/act/Mul_output_0", catalog.Find("model.2")!.OutputTensor);
        Assert.AreEqual("/model.11/Resize_output_0", catalog.Find("model.11")!.OutputTensor);
        Assert.AreEqual("/model.12/Concat_output_0", catalog.Find("model.12")!.OutputTensor);
        Assert.AreEqual("output0", catalog.Find("model.23")!.OutputTensor);
        AssertEveryOutputIsAFloatTensorOfTheModule(catalog);
    }

    [TestMethod]
    public void RealYolo26nModel9IsTheSppfShortcutSumNotTheCv2Output()
    {
        // YOLO26's SPPF adds its input back (return cv2(...) + x), so a forward hook on model.model.model[9]
        // sees /model.9/Add_output_0; /model.9/cv2/act/Mul_output_0 is the output of the child model.9.cv2.
        var catalog = ModuleCatalog.Build(OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8)));

        Assert.AreEqual("/model.9/Add_output_0", catalog.Find("model.9")!.OutputTensor);
        Assert.AreEqual(ModuleKind.Pool, catalog.Find("model.9")!.Kind);
    }

    [TestMethod]
    public void RealYolo26nKindsMatchItsArchitecture()
    {
        var catalog = ModuleCatalog.Build(OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8)));

        var kinds = string.Join(" ", catalog.Modules.Select(m => m.Kind.ToDisplayName()));

        // Conv, C3k2, SPPF, C2PSA, Upsample, Concat, ... C3k2 with attention (model.22), Detect.
        Assert.AreEqual(
            "conv conv block conv block conv block conv block pool attention upsample concat block upsample concat "
            + "block conv concat block conv concat attention head",
            kinds);
    }

    [TestMethod]
    public void RealYolov8nHasModules0To22WithHookOutputs()
    {
        var catalog = ModuleCatalog.Build(OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolov8nInt8)));

        CollectionAssert.AreEqual(
            Enumerable.Range(0, 23).Select(i => $"model.{i}").ToArray(),
            catalog.Modules.Select(m => m.Name).ToArray());
        Assert.AreEqual("/model.0/act/Mul_output_0", catalog.Find("model.0")!.OutputTensor);
        Assert.AreEqual("/model.9/cv2/act/Mul_output_0", catalog.Find("model.9")!.OutputTensor);
        Assert.AreEqual("output0", catalog.Find("model.22")!.OutputTensor);
        var kinds = catalog.Modules.Select(m => m.Kind).ToHashSet();
        CollectionAssert.IsSubsetOf(
            new[] { ModuleKind.Conv, ModuleKind.Block, ModuleKind.Pool, ModuleKind.Upsample, ModuleKind.Concat, ModuleKind.Head },
            kinds.ToArray());
        Assert.AreEqual(ModuleKind.Head, catalog.Modules[^1].Kind);
        Assert.AreEqual(1, catalog.Modules.Count(m => m.Kind == ModuleKind.Head));
        AssertEveryOutputIsAFloatTensorOfTheModule(catalog);
    }

    private static void AssertEveryOutputIsAFloatTensorOfTheModule(ModuleCatalog catalog)
    {
        foreach (var module in catalog.Modules)
        {
            var producer = catalog.Graph.Nodes.Single(n => n.Output.Contains(module.OutputTensor));
            StringAssert.StartsWith(producer.Name, $"/{module.Name}/", $"{module.Name} output is produced inside it");
            Assert.AreEqual(1, catalog.Graph.TensorElementType(module.OutputTensor), $"{module.Name} output is float32");
            Assert.IsFalse(module.OutputTensor.Contains("_quantized", StringComparison.Ordinal), module.Name);
        }
    }

    private static ModuleCatalog Catalog(TinyYoloModelOptions options) =>
        ModuleCatalog.Build(OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(options), "tiny.onnx"));
}
