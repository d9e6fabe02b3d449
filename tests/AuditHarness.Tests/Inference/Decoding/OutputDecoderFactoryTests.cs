using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Models;

namespace AuditHarness.Tests.Inference.Decoding;

[TestClass]
public sealed class OutputDecoderFactoryTests
{
    private const string Model = "x.onnx";

    [TestMethod]
    public void EndToEndExportGetsTheEndToEndDecoder()
    {
        Assert.AreEqual(OutputFamily.EndToEnd, Family([1, 300, 6], Ultralytics(classCount: 80, endToEnd: true)));
    }

    [TestMethod]
    public void YoloV8ExportGetsTheAnchorGridDecoder()
    {
        Assert.AreEqual(OutputFamily.AnchorGrid, Family([1, 84, 8400], Ultralytics(classCount: 80, endToEnd: false)));
    }

    [TestMethod]
    public void YoloV5ExportGetsTheYoloV5Decoder()
    {
        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 25200, 85], YoloV5Repository(classCount: 80)));
    }

    [TestMethod]
    public void TwoClassAnchorGridIsNotTakenForEndToEnd()
    {
        // nc = 2 makes the anchor grid six rows deep: [1,6,A].
        Assert.AreEqual(OutputFamily.AnchorGrid, Family([1, 6, 8400], Ultralytics(classCount: 2, endToEnd: false)));
        Assert.AreEqual(OutputFamily.AnchorGrid, Family([1, 6, 8400], Ultralytics(classCount: 2, endToEnd: null)));
    }

    [TestMethod]
    public void TwoClassEndToEndIsNotTakenForAnAnchorGrid()
    {
        Assert.AreEqual(OutputFamily.EndToEnd, Family([1, 300, 6], Ultralytics(classCount: 2, endToEnd: true)));
    }

    [TestMethod]
    public void OneClassYoloV5ExportIsTakenForYoloV5()
    {
        // [1,A,6] is both a one-class YOLOv5 head and an end-to-end head; YOLOv5 exports write no task or version.
        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 25200, 6], YoloV5Repository(classCount: 1)));
    }

    [TestMethod]
    public void SixColumnsFromAnUltralyticsExportWithoutEndToEndFlagAreEndToEnd()
    {
        Assert.AreEqual(OutputFamily.EndToEnd, Family([1, 300, 6], Ultralytics(classCount: 1, endToEnd: null)));
    }

    [TestMethod]
    public void SixColumnsWithEndToEndFalseAreAOneClassYoloV5Head()
    {
        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 25200, 6], Ultralytics(classCount: 1, endToEnd: false)));
    }

    [TestMethod]
    public void WithoutNamesTheShorterAxisIsTheClassAxis()
    {
        var noNames = new YoloMetadata { ModelDisplayName = Model };

        Assert.AreEqual(OutputFamily.AnchorGrid, Family([1, 84, 8400], noNames));
        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 25200, 85], noNames));
        Assert.AreEqual(OutputFamily.EndToEnd, Family([1, 300, 6], noNames));
    }

    [TestMethod]
    public void DynamicDimensionsAreMatchedOnTheKnownOnes()
    {
        Assert.AreEqual(OutputFamily.AnchorGrid, Family([-1, 84, -1], Ultralytics(classCount: 80, endToEnd: false)));
        Assert.AreEqual(OutputFamily.EndToEnd, Family([-1, -1, 6], Ultralytics(classCount: 80, endToEnd: true)));
    }

    [TestMethod]
    public void YoloV5ShapeIsRecognisedWhenItsAnchorsOutnumberItsRowValues()
    {
        // The smallest two-class head that is still a YOLOv5 one: 8 anchors of 7 values each.
        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 8, 7], YoloV5Repository(classCount: 2)));
        Assert.AreEqual(OutputFamily.YoloV5, Family([-1, -1, 85], YoloV5Repository(classCount: 80)));
        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 7, 6], YoloV5Repository(classCount: 1)));
    }

    [TestMethod]
    public void SevenColumnsWithoutNamesOrEndToEndFlagAreATwoClassYoloV5Head()
    {
        // [1,300,7] is no end-to-end form (those rows have 6 values); with more rows than columns it is [1,A,5+nc], nc = 2.
        var noNames = new YoloMetadata { ModelDisplayName = Model };

        Assert.AreEqual(OutputFamily.YoloV5, Family([1, 300, 7], noNames));
    }

    [TestMethod]
    public void YoloV5RowLengthWithNoMoreAnchorsThanRowValuesIsRefusedNamingTheShape()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 3, 7], YoloV5Repository(classCount: 2), Model, "output0"));

        Assert.AreEqual(
            "Model 'x.onnx' output 'output0' has shape [1,3,7]; expected a YOLO detection head: [1,N,6] (end-to-end), "
            + "[1,4+nc,A] with A > 4+nc (YOLOv8/11) or [1,A,5+nc] with A > 5+nc (YOLOv5), nc = 2 from metadata names.",
            error.Message);
    }

    [TestMethod]
    public void OneClassYoloV5ExportWithNoMoreAnchorsThanRowValuesIsRefused()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 6, 6], YoloV5Repository(classCount: 1), Model));

        StringAssert.StartsWith(error.Message, "Model 'x.onnx' output has shape [1,6,6]; expected a YOLO detection head");
    }

    [TestMethod]
    public void AnchorGridDepthWithNoMoreAnchorsThanRowsIsRefusedNamingTheShape()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 6, 3], Ultralytics(classCount: 2, endToEnd: false), Model));

        StringAssert.StartsWith(error.Message, "Model 'x.onnx' output has shape [1,6,3]; expected a YOLO detection head");
    }

    [TestMethod]
    public void RankFourOutputIsRefusedNamingTheShape()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 7, 5, 3], Ultralytics(classCount: 2, endToEnd: null), Model, "output0"));

        StringAssert.StartsWith(error.Message, "Model 'x.onnx' output 'output0' has shape [1,7,5,3]; expected a YOLO detection head");
    }

    [TestMethod]
    public void ClassifierOutputIsRefusedWithTheShapeFoundAndTheShapesExpected()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 1000], Ultralytics(classCount: 80, endToEnd: false), Model, "output0"));

        Assert.AreEqual(
            "Model 'x.onnx' output 'output0' has shape [1,1000]; expected a YOLO detection head: [1,N,6] (end-to-end), "
            + "[1,4+nc,A] with A > 4+nc (YOLOv8/11) or [1,A,5+nc] with A > 5+nc (YOLOv5), nc = 80 from metadata names.",
            error.Message);
    }

    [TestMethod]
    public void ShapeThatDisagreesWithTheNamesIsRefused()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 84, 8400], Ultralytics(classCount: 3, endToEnd: false), Model));

        StringAssert.StartsWith(error.Message, "Model 'x.onnx' output has shape [1,84,8400]; expected a YOLO detection head");
        StringAssert.EndsWith(error.Message, "nc = 3 from metadata names.");
    }

    [TestMethod]
    public void EndToEndFlagWithAnAnchorGridShapeIsRefused()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 84, 8400], Ultralytics(classCount: 80, endToEnd: true), Model, "output0"));

        Assert.AreEqual(
            "Model 'x.onnx' output 'output0' has shape [1,84,8400]; its metadata says end2end=True, which needs a [1,N,6] end-to-end head.",
            error.Message);
    }

    [TestMethod]
    public void UnknownShapeWithoutNamesSaysTheClassCountIsUnknown()
    {
        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 3, 3], new YoloMetadata(), Model));

        StringAssert.EndsWith(error.Message, "nc unknown (the metadata has no names).");
    }

    [TestMethod]
    public void BatchOfMoreThanOneIsRefused()
    {
        Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([2, 84, 8400], Ultralytics(classCount: 80, endToEnd: false), Model));
    }

    [TestMethod]
    public void SegmentationModelIsRefusedByTask()
    {
        YoloMetadata segmenter = Ultralytics(classCount: 80, endToEnd: false) with { Task = "segment" };

        var error = Assert.ThrowsExactly<UnsupportedModelException>(
            () => OutputDecoderFactory.Create([1, 116, 8400], segmenter, Model));

        Assert.AreEqual("Model 'x.onnx' has task 'segment'; the harness audits detection models (task 'detect').", error.Message);
    }

    private static OutputFamily Family(int[] shape, YoloMetadata metadata) =>
        OutputDecoderFactory.Create(shape, metadata, Model).Family;

    private static YoloMetadata Ultralytics(int classCount, bool? endToEnd) => new()
    {
        ModelDisplayName = Model,
        Names = Names(classCount),
        Task = "detect",
        Version = "8.3.0",
        EndToEnd = endToEnd,
    };

    private static YoloMetadata YoloV5Repository(int classCount) => new()
    {
        ModelDisplayName = Model,
        Names = Names(classCount),
        Stride = 32,
    };

    private static Dictionary<int, string> Names(int classCount) =>
        Enumerable.Range(0, classCount).ToDictionary(id => id, id => $"c{id}");
}
