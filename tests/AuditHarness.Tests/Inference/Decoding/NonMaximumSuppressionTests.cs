using AuditHarness.Core.Detections;
using AuditHarness.Inference.Decoding;

namespace AuditHarness.Tests.Inference.Decoding;

// IoUs are worked out by hand on boxes one pixel high: IoU = overlap / (width1 + width2 - overlap).
[TestClass]
public sealed class NonMaximumSuppressionTests
{
    [TestMethod]
    public void SuppressedBoxNoLongerSuppressesOthers()
    {
        // A-B: 8 / 12 = 0.667, B-C: 8 / 12 = 0.667, A-C: 6 / 14 = 0.429. At 0.5, A drops B, and C survives A.
        BoundingBox[] boxes = [new(0, 0, 10, 1), new(2, 0, 12, 1), new(4, 0, 14, 1)];

        IReadOnlyList<int> kept = NonMaximumSuppression.KeepIndices(boxes, [0.9f, 0.8f, 0.7f], [0, 0, 0], 0.5f);

        CollectionAssert.AreEqual(new[] { 0, 2 }, kept.ToArray());
    }

    [TestMethod]
    public void BoxesOfDifferentClassesDoNotSuppressEachOther()
    {
        BoundingBox[] boxes = [new(0, 0, 10, 10), new(0, 0, 10, 10)];

        IReadOnlyList<int> kept = NonMaximumSuppression.KeepIndices(boxes, [0.9f, 0.8f], [0, 1], 0.5f);

        CollectionAssert.AreEqual(new[] { 0, 1 }, kept.ToArray());
    }

    [TestMethod]
    public void IouEqualToTheThresholdIsKept()
    {
        // Overlap 2, union 4: IoU exactly 0.5; torchvision suppresses only IoU > threshold.
        BoundingBox[] boxes = [new(0, 0, 3, 1), new(1, 0, 4, 1)];

        IReadOnlyList<int> atThreshold = NonMaximumSuppression.KeepIndices(boxes, [0.9f, 0.8f], [3, 3], 0.5f);
        IReadOnlyList<int> belowThreshold = NonMaximumSuppression.KeepIndices(boxes, [0.9f, 0.8f], [3, 3], 0.49f);

        CollectionAssert.AreEqual(new[] { 0, 1 }, atThreshold.ToArray());
        CollectionAssert.AreEqual(new[] { 0 }, belowThreshold.ToArray());
    }

    [TestMethod]
    public void KeptIndicesAreOrderedByScore()
    {
        BoundingBox[] boxes = [new(0, 0, 1, 1), new(10, 10, 11, 11), new(20, 20, 21, 21)];

        IReadOnlyList<int> kept = NonMaximumSuppression.KeepIndices(boxes, [0.3f, 0.9f, 0.6f], [0, 0, 0], 0.5f);

        CollectionAssert.AreEqual(new[] { 1, 2, 0 }, kept.ToArray());
    }

    [TestMethod]
    public void EqualScoresKeepTheLowerIndex()
    {
        BoundingBox[] boxes = [new(0, 0, 10, 10), new(0, 0, 10, 10)];

        IReadOnlyList<int> kept = NonMaximumSuppression.KeepIndices(boxes, [0.5f, 0.5f], [0, 0], 0.5f);

        CollectionAssert.AreEqual(new[] { 0 }, kept.ToArray());
    }

    [TestMethod]
    public void AtMostMaxDetectionsAreKeptBestFirst()
    {
        BoundingBox[] boxes = [new(0, 0, 1, 1), new(10, 10, 11, 11), new(20, 20, 21, 21)];

        IReadOnlyList<int> kept = NonMaximumSuppression.KeepIndices(boxes, [0.3f, 0.9f, 0.6f], [0, 0, 0], 0.5f, maxDetections: 2);

        CollectionAssert.AreEqual(new[] { 1, 2 }, kept.ToArray());
    }

    [TestMethod]
    public void ArraysOfDifferentLengthsAreRejected()
    {
        BoundingBox[] boxes = [new(0, 0, 1, 1)];

        Assert.ThrowsExactly<ArgumentException>(() => NonMaximumSuppression.KeepIndices(boxes, [0.3f, 0.9f], [0], 0.5f));
    }

    [TestMethod]
    public void ApplyReturnsTheSurvivingDetectionsBestFirst()
    {
        // Same class, IoU 0.8 (overlap 80 of union 100): the lower score goes; the other class stays.
        RawDetection[] candidates =
        [
            new(0, 0.6f, new BoundingBox(0, 0, 10, 8)),
            new(0, 0.9f, new BoundingBox(0, 0, 10, 10)),
            new(1, 0.7f, new BoundingBox(0, 0, 10, 8)),
        ];

        IReadOnlyList<RawDetection> kept = NonMaximumSuppression.Apply(candidates, 0.7f);

        CollectionAssert.AreEqual(new[] { candidates[1], candidates[2] }, kept.ToArray());
    }

    [TestMethod]
    public void OnlyTheBestThirtyThousandCandidatesEnterSuppression()
    {
        // Each candidate has its own class, so none suppresses another; the cap alone removes the lowest score.
        int count = NonMaximumSuppression.MaxCandidates + 1;
        var candidates = new RawDetection[count];
        for (int i = 0; i < count; i++)
        {
            candidates[i] = new RawDetection(i, 1f - i / (float)(2 * count), new BoundingBox(0, 0, 1, 1));
        }

        IReadOnlyList<RawDetection> kept = NonMaximumSuppression.Apply(candidates, 0.5f, maxDetections: int.MaxValue);

        Assert.HasCount(30000, kept);
        Assert.AreEqual(29999, kept[^1].ClassId);
    }
}
