using AuditHarness.Core.Errors;
using AuditHarness.Inference.Onnx;
using AuditHarness.Tests.TestModels;

namespace AuditHarness.Tests.Inference.Onnx;

[TestClass]
public sealed class TapResolverTests
{
    [TestMethod]
    [DataRow("model.1")]
    [DataRow("model.model.model[1]")]
    [DataRow("model.model[1]")]
    [DataRow(" model.1 ")]
    public void ModuleTapsAndTheirPyTorchPathsResolveToTheModuleOutput(string tap)
    {
        var resolver = Resolver(TinyYoloPrecision.Int8Dynamic);

        var resolved = resolver.Resolve(tap);

        Assert.AreEqual(new ResolvedTap(tap, TinyYoloModelBuilder.Module1Output, "model.1"), resolved);
    }

    [TestMethod]
    public void ARawTensorNameResolvesToItselfWithoutAModule()
    {
        var resolver = Resolver(TinyYoloPrecision.Float32);

        var resolved = resolver.Resolve("/model.0/act/Sigmoid_output_0");

        Assert.AreEqual(new ResolvedTap("/model.0/act/Sigmoid_output_0", "/model.0/act/Sigmoid_output_0", null), resolved);
    }

    [TestMethod]
    public void CatalogResolveGivesTheSameAnswerAsTheResolver()
    {
        var catalog = ModuleCatalog.Build(OnnxModelGraph.FromBytes(TinyYoloModelBuilder.Build(new TinyYoloModelOptions()), "tiny.onnx"));

        Assert.AreEqual(new TapResolver(catalog).Resolve("model.0"), catalog.Resolve("model.0"));
        Assert.AreEqual(1, catalog.ResolveAll(["model.0", "model.model.model[0]"]).Count);
    }

    [TestMethod]
    public void AnUnknownModuleTapNamesTheTapAndTheModulesTheModelHas()
    {
        var resolver = Resolver(TinyYoloPrecision.Float32);

        var error = Assert.ThrowsExactly<AuditInputException>(() => resolver.Resolve("model.99"));

        Assert.AreEqual("Tap 'model.99' matches no module (the model has model.0 … model.2) and no tensor name.", error.Message);
    }

    [TestMethod]
    [DataRow("layer9")]
    [DataRow("model.9.cv2")]
    [DataRow("model[1]")]
    [DataRow("/model.0/act/Mul")]
    public void ATapThatIsNeitherAModuleNorATensorIsRejected(string tap)
    {
        var resolver = Resolver(TinyYoloPrecision.Float32);

        var error = Assert.ThrowsExactly<AuditInputException>(() => resolver.Resolve(tap));

        StringAssert.StartsWith(error.Message, $"Tap '{tap}' matches no module");
    }

    [TestMethod]
    public void AnEmptyTapSaysWhatWasExpected()
    {
        var resolver = Resolver(TinyYoloPrecision.Float32);

        var error = Assert.ThrowsExactly<AuditInputException>(() => resolver.Resolve("  "));

        Assert.AreEqual("Tap '  ' is empty; expected model.N, model.model.model[N] or a tensor name of the model.", error.Message);
    }

    [TestMethod]
    public void ResolveAllKeepsOrderAndDropsTapsOfAnAlreadyResolvedTensor()
    {
        var resolver = Resolver(TinyYoloPrecision.Float32);

        var resolved = resolver.ResolveAll(
            ["model.1", "model.0", "model.model.model[1]", TinyYoloModelBuilder.Module0Output, "output0", "model.2"]);

        CollectionAssert.AreEqual(
            new[]
            {
                new ResolvedTap("model.1", TinyYoloModelBuilder.Module1Output, "model.1"),
                new ResolvedTap("model.0", TinyYoloModelBuilder.Module0Output, "model.0"),
                new ResolvedTap("output0", "output0", null),
            },
            resolved.ToArray());
    }

    [TestMethod]
    public void ResolveAllFailsOnTheFirstUnknownTap()
    {
        var resolver = Resolver(TinyYoloPrecision.Float32);

        var error = Assert.ThrowsExactly<AuditInputException>(() => resolver.ResolveAll(["model.0", "model.5", "nope"]));

        StringAssert.StartsWith(error.Message, "Tap 'model.5'");
    }

    [TestMethod]
    public void RealYolo26nTapsResolveToTheHookTensors()
    {
        var graph = OnnxModelGraph.Load(SharedAssets.Model(SharedAssets.Yolo26nInt8));
        var resolver = new TapResolver(ModuleCatalog.Build(graph));

        Assert.AreEqual("/model.0/act/Mul_output_0", resolver.Resolve("model.0").TensorName);
        Assert.AreEqual("/model.9/Add_output_0", resolver.Resolve("model.model.model[9]").TensorName);
        Assert.AreEqual("/model.9/cv2/act/Mul_output_0", resolver.Resolve("/model.9/cv2/act/Mul_output_0").TensorName);
        var error = Assert.ThrowsExactly<AuditInputException>(() => resolver.Resolve("model.99"));
        Assert.AreEqual("Tap 'model.99' matches no module (the model has model.0 … model.23) and no tensor name.", error.Message);
    }

    private static TapResolver Resolver(TinyYoloPrecision precision) =>
        new(ModuleCatalog.Build(OnnxModelGraph.FromBytes(
            TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Precision = precision }),
            "tiny.onnx")));
}
