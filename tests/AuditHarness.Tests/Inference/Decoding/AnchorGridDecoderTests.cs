using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;

namespace AuditHarness.Tests.Inference.Decoding;

[TestClass]
public sealed class AnchorGridDecoderTests
{
    private readonly AnchorGridDecoder _decoder = new();

    [TestMethod]
    public void ValuesAreReadChannelMajor()
    {
        // Two anchors, one class, written out flat: cx0 cx1 | cy0 cy1 | w0 w1 | h0 h1 | s0 s1.
        float[] output = [50, 200, 40, 100, 20, 10, 10, 30, 0.8f, 0.6f];

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, [1, 5, 2], 0.25f, 0.7f);

        // Anchor 0: (50 +- 10, 40 +- 5); anchor 1: (200 +- 5, 100 +- 15).
        CollectionAssert.AreEqual(
            new[]
            {
                new RawDetection(0, 0.8f, new BoundingBox(40, 35, 60, 45), 0),
                new RawDetection(0, 0.6f, new BoundingBox(195, 85, 205, 115), 1),
            },
            detections.ToArray());
    }

    [TestMethod]
    public void EachAnchorTakesItsBestClass()
    {
        (float[] output, int[] shape) = DecoderTensors.AnchorGrid([5, 5, 10, 10, 0.1f, 0.7f, 0.3f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f);

        Assert.HasCount(1, detections);
        Assert.AreEqual(1, detections[0].ClassId);
        Assert.AreEqual(0.7f, detections[0].Score);
    }

    [TestMethod]
    public void OverlappingBoxesOfOneClassKeepTheHigherScore()
    {
        // (0,0,10,10) and (0,0,10,8): overlap 80, union 100, IoU 0.8 > 0.7.
        (float[] output, int[] shape) = DecoderTensors.AnchorGrid(
            [5, 4, 10, 8, 0.6f, 0f],
            [5, 5, 10, 10, 0.9f, 0f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f);

        CollectionAssert.AreEqual(new[] { new RawDetection(0, 0.9f, new BoundingBox(0, 0, 10, 10), 1) }, detections.ToArray());
    }

    [TestMethod]
    public void OverlappingBoxesOfDifferentClassesAreBothKept()
    {
        (float[] output, int[] shape) = DecoderTensors.AnchorGrid(
            [5, 4, 10, 8, 0.6f, 0f],
            [5, 5, 10, 10, 0f, 0.9f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f);

        CollectionAssert.AreEqual(new[] { 1, 0 }, detections.Select(d => d.ClassId).ToArray());
    }

    [TestMethod]
    public void IouEqualToTheThresholdKeepsBoth()
    {
        // (0,0,3,1) and (1,0,4,1): overlap 2, union 4, IoU 0.5.
        (float[] output, int[] shape) = DecoderTensors.AnchorGrid(
            [1.5f, 0.5f, 3, 1, 0.9f],
            [2.5f, 0.5f, 3, 1, 0.8f]);

        Assert.HasCount(2, _decoder.Decode(output, shape, 0.25f, 0.5f));
        Assert.HasCount(1, _decoder.Decode(output, shape, 0.25f, 0.45f));
    }

    [TestMethod]
    public void ScoreEqualToTheThresholdIsDropped()
    {
        // Ultralytics: prediction[:, 4:mi].amax(1) > conf_thres.
        (float[] output, int[] shape) = DecoderTensors.AnchorGrid([5, 5, 10, 10, 0.25f]);

        Assert.IsEmpty(_decoder.Decode(output, shape, 0.25f, 0.7f));
        Assert.HasCount(1, _decoder.Decode(output, shape, 0.2499f, 0.7f));
    }

    [TestMethod]
    public void AtMostMaxDetectionsAreReturnedBestFirst()
    {
        (float[] output, int[] shape) = DecoderTensors.AnchorGrid(
            [5, 5, 2, 2, 0.3f],
            [50, 50, 2, 2, 0.9f],
            [100, 100, 2, 2, 0.6f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f, maxDetections: 2);

        CollectionAssert.AreEqual(new[] { 0.9f, 0.6f }, detections.Select(d => d.Score).ToArray());
    }

    [TestMethod]
    public void ShapeWithoutClassScoresIsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => _decoder.Decode(new float[8], [1, 4, 2], 0.25f, 0.7f));
    }
}
