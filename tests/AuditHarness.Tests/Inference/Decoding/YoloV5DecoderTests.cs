using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;

namespace AuditHarness.Tests.Inference.Decoding;

// YOLOv5 non_max_suppression: candidates obj > conf; class score = cls * obj; best class kept when > conf.
// Scores are powers of two so the products are exact: 0.5 * 0.75 = 0.375.
[TestClass]
public sealed class YoloV5DecoderTests
{
    private readonly YoloV5Decoder _decoder = new();

    [TestMethod]
    public void ScoreIsObjectnessTimesTheBestClassScore()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows([50, 40, 20, 10, 0.5f, 0.25f, 0.75f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.45f);

        CollectionAssert.AreEqual(new[] { new RawDetection(1, 0.375f, new BoundingBox(40, 35, 60, 45), 0) }, detections.ToArray());
    }

    [TestMethod]
    public void ObjectnessEqualToTheThresholdIsDroppedWhateverTheClassScore()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows([5, 5, 10, 10, 0.25f, 1f]);

        Assert.IsEmpty(_decoder.Decode(output, shape, 0.25f, 0.45f));
    }

    [TestMethod]
    public void ProductEqualToTheThresholdIsDropped()
    {
        // obj 0.5 > 0.25 passes, but 0.5 * 0.5 = 0.25 is not > 0.25.
        (float[] output, int[] shape) = DecoderTensors.Rows([5, 5, 10, 10, 0.5f, 0.5f]);

        Assert.IsEmpty(_decoder.Decode(output, shape, 0.25f, 0.45f));
        Assert.HasCount(1, _decoder.Decode(output, shape, 0.24f, 0.45f));
    }

    [TestMethod]
    public void OverlappingBoxesOfOneClassKeepTheHigherScore()
    {
        // (0,0,10,10) and (0,0,10,8): IoU 0.8 > 0.45.
        (float[] output, int[] shape) = DecoderTensors.Rows(
            [5, 4, 10, 8, 1f, 0.5f, 0f],
            [5, 5, 10, 10, 1f, 0.75f, 0f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.45f);

        CollectionAssert.AreEqual(new[] { new RawDetection(0, 0.75f, new BoundingBox(0, 0, 10, 10), 1) }, detections.ToArray());
    }

    [TestMethod]
    public void OverlappingBoxesOfDifferentClassesAreBothKept()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows(
            [5, 4, 10, 8, 1f, 0.5f, 0f],
            [5, 5, 10, 10, 1f, 0f, 0.75f]);

        Assert.HasCount(2, _decoder.Decode(output, shape, 0.25f, 0.45f));
    }

    [TestMethod]
    public void AtMostMaxDetectionsAreReturnedBestFirst()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows(
            [5, 5, 2, 2, 1f, 0.375f],
            [50, 50, 2, 2, 1f, 0.875f],
            [100, 100, 2, 2, 1f, 0.5f]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.45f, maxDetections: 1);

        CollectionAssert.AreEqual(new[] { 0.875f }, detections.Select(d => d.Score).ToArray());
    }

    [TestMethod]
    public void RowsWithoutClassScoresAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => _decoder.Decode(new float[5], [1, 1, 5], 0.25f, 0.45f));
    }
}
