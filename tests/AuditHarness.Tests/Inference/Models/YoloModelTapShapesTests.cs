using AuditHarness.Inference.Models;
using AuditHarness.Tests.TestModels;

namespace AuditHarness.Tests.Inference.Models;

/// <summary>
/// <see cref="YoloModel.MeasureTapShapes"/>, which <c>layers</c> prints: the shapes of a graph whose input declares no
/// size come from one run at the input size the export's metadata gives, in the order the taps were asked for.
/// </summary>
[TestClass]
public sealed class YoloModelTapShapesTests
{
    [TestMethod]
    public void ShapesOfADynamicGraphAreMeasuredAtItsInputSizeInTapOrder()
    {
        // 256x320 input through two stride-2 convolutions (3x3, padding 1): 128x160 (8 channels), then 64x80 (16).
        byte[] bytes = TinyYoloModelBuilder.Build(new TinyYoloModelOptions { DynamicInput = true, InputHeight = 256, InputWidth = 320 });
        using YoloModel model = YoloModel.FromBytes(bytes, "dynamic.onnx", new YoloModelOptions { Taps = ["model.1", "model.0"] });

        IReadOnlyList<IReadOnlyList<int>> shapes = model.MeasureTapShapes();

        Assert.HasCount(2, shapes);
        CollectionAssert.AreEqual(new[] { 1, 16, 64, 80 }, shapes[0].ToArray());
        CollectionAssert.AreEqual(new[] { 1, 8, 128, 160 }, shapes[1].ToArray());
    }
}
