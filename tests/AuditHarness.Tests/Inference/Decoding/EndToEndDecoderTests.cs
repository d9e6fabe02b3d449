using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;

namespace AuditHarness.Tests.Inference.Decoding;

[TestClass]
public sealed class EndToEndDecoderTests
{
    private readonly EndToEndDecoder _decoder = new();

    [TestMethod]
    public void RowsAboveTheThresholdAreReturnedAsCornerBoxesBestFirst()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows(
            [1, 2, 3, 4, 0.5f, 0],
            [10, 20, 30, 40, 0.9f, 2],
            [0, 0, 5, 5, 0.1f, 1]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f);

        CollectionAssert.AreEqual(
            new[]
            {
                new RawDetection(2, 0.9f, new BoundingBox(10, 20, 30, 40), 1),
                new RawDetection(0, 0.5f, new BoundingBox(1, 2, 3, 4), 0),
            },
            detections.ToArray());
    }

    [TestMethod]
    public void ScoreEqualToTheThresholdIsDropped()
    {
        // Ultralytics keeps pred[:, 4] > conf_thres.
        (float[] output, int[] shape) = DecoderTensors.Rows([1, 2, 3, 4, 0.5f, 0]);

        Assert.IsEmpty(_decoder.Decode(output, shape, 0.5f, 0.7f));
        Assert.HasCount(1, _decoder.Decode(output, shape, 0.4999f, 0.7f));
    }

    [TestMethod]
    public void DuplicateBoxesAreNotSuppressed()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows([0, 0, 10, 10, 0.9f, 0], [0, 0, 10, 10, 0.8f, 0]);

        Assert.HasCount(2, _decoder.Decode(output, shape, 0.25f, 0.1f));
    }

    [TestMethod]
    public void EqualScoresKeepTheHeadsOrder()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows([0, 0, 1, 1, 0.6f, 7], [5, 5, 6, 6, 0.6f, 3]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f);

        CollectionAssert.AreEqual(new[] { 7, 3 }, detections.Select(d => d.ClassId).ToArray());
    }

    [TestMethod]
    public void AtMostMaxDetectionsAreReturned()
    {
        (float[] output, int[] shape) = DecoderTensors.Rows(
            [0, 0, 1, 1, 0.3f, 0],
            [0, 0, 1, 1, 0.9f, 1],
            [0, 0, 1, 1, 0.6f, 2]);

        IReadOnlyList<RawDetection> detections = _decoder.Decode(output, shape, 0.25f, 0.7f, maxDetections: 2);

        CollectionAssert.AreEqual(new[] { 1, 2 }, detections.Select(d => d.ClassId).ToArray());
    }

    [TestMethod]
    public void RowsOfOtherThanSixValuesAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => _decoder.Decode(new float[14], [1, 2, 7], 0.25f, 0.7f));
    }

    [TestMethod]
    public void OutputShorterThanItsShapeIsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => _decoder.Decode(new float[6], [1, 2, 6], 0.25f, 0.7f));
    }

    [TestMethod]
    public void ConfidenceThresholdOutsideZeroToOneIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _decoder.Decode(new float[6], [1, 1, 6], 1.5f, 0.7f));
    }
}
