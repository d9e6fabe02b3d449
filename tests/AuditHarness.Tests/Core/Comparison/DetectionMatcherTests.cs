using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;

namespace AuditHarness.Tests.Core.Comparison;

[TestClass]
public sealed class DetectionMatcherTests
{
    private static readonly Func<BoundingBox, double> NoArtifact = _ => 0;

    private static Detection Det(int classId, float score, float x1, float y1, float x2, float y2) =>
        new(classId, classId == 0 ? "melanoma" : "nevus", score, new BoundingBox(x1, y1, x2, y2));

    [TestMethod]
    public void OfTwoSameClassOverlapsTheHigherIouIsMatchedAndTheOtherIsNew()
    {
        Detection original = Det(0, 0.75f, 0, 0, 10, 10);
        // IoU with the original: 10x8 = 80 inside 100 -> 0.8; 10x9 = 90 inside 100 -> 0.9.
        Detection lower = Det(0, 0.5f, 0, 0, 10, 8);
        Detection higher = Det(0, 0.25f, 0, 0, 10, 9);

        DetectionMatching m = new DetectionMatcher().Match([original], [lower, higher], NoArtifact);

        DetectionChange change = m.Changes[0];
        Assert.AreSame(higher, change.Matched);
        Assert.AreEqual(-0.5f, change.ScoreDelta); // 0.25 - 0.75
        Assert.IsFalse(change.Lost);
        Assert.IsFalse(change.Flipped);
        Assert.HasCount(1, m.NewDetections);
        Assert.AreSame(lower, m.NewDetections[0]);
        Assert.AreEqual(0, m.NewVariantIndices[0]);
    }

    [TestMethod]
    public void MatchWithAnotherClassIsAFlip()
    {
        Detection original = Det(0, 0.75f, 0, 0, 10, 10);
        Detection otherClass = Det(1, 0.5f, 0, 0, 10, 10); // IoU 1

        DetectionChange change = new DetectionMatcher().Match([original], [otherClass], NoArtifact).Changes[0];

        Assert.AreSame(otherClass, change.Matched);
        Assert.IsTrue(change.Flipped);
        Assert.IsFalse(change.Lost);
        Assert.AreEqual(-0.25f, change.ScoreDelta); // 0.5 - 0.75
    }

    [TestMethod]
    public void SameClassCandidateWinsOverAnOtherClassCandidateWithHigherIou()
    {
        Detection original = Det(0, 0.75f, 0, 0, 10, 10);
        Detection otherClass = Det(1, 0.5f, 0, 0, 10, 10); // IoU 1
        Detection sameClass = Det(0, 0.5f, 0, 0, 10, 6); // IoU 60/100 = 0.6

        DetectionMatching m = new DetectionMatcher().Match([original], [otherClass, sameClass], NoArtifact);

        Assert.AreSame(sameClass, m.Changes[0].Matched);
        Assert.IsFalse(m.Changes[0].Flipped);
        Assert.AreSame(otherClass, m.NewDetections[0]);
    }

    [TestMethod]
    public void OriginalWithoutOverlapAboveThresholdIsLostWithMinusItsScore()
    {
        Detection original = Det(0, 0.75f, 0, 0, 10, 10);
        // Shifted by half: intersection 5x10 = 50, union 100 + 100 - 50 = 150, IoU 1/3 < 0.5.
        Detection shifted = Det(0, 0.5f, 5, 0, 15, 10);

        DetectionMatching m = new DetectionMatcher().Match([original], [shifted], NoArtifact);

        DetectionChange change = m.Changes[0];
        Assert.IsTrue(change.Lost);
        Assert.IsFalse(change.Flipped);
        Assert.IsNull(change.Matched);
        Assert.AreEqual(-0.75f, change.ScoreDelta); // variant score counts as 0: 0 - 0.75
        Assert.AreSame(shifted, m.NewDetections[0]);
    }

    [TestMethod]
    public void IouExactlyAtTheThresholdMatches()
    {
        // 10x5 = 50 inside 100: IoU 0.5, inclusive.
        DetectionMatching m = new DetectionMatcher().Match([Det(0, 0.5f, 0, 0, 10, 10)], [Det(0, 0.5f, 0, 0, 10, 5)], NoArtifact);

        Assert.IsFalse(m.Changes[0].Lost);
        Assert.AreEqual(0f, m.Changes[0].ScoreDelta);
    }

    [TestMethod]
    public void VariantDetectionsWithoutAnOriginalAreNew()
    {
        Detection appeared = Det(1, 0.5f, 0, 0, 10, 10);

        DetectionMatching m = new DetectionMatcher().Match([], [appeared], NoArtifact);

        Assert.HasCount(0, m.Changes);
        Assert.HasCount(1, m.NewDetections);
        Assert.AreSame(appeared, m.NewDetections[0]);
    }

    [TestMethod]
    public void OnArtifactIsDecidedByCoverageOfTheOriginalBoxAtHalfInclusive()
    {
        // The artifact is the full-height strip 0 <= x <= 10; coverage = overlap width / box width.
        static double Strip(BoundingBox b) => Math.Max(0, Math.Min(b.X2, 10) - Math.Max(b.X1, 0)) / b.Width;
        Detection full = Det(0, 0.5f, 0, 0, 10, 10); // 10/10 = 1.0
        Detection half = Det(0, 0.5f, 5, 20, 15, 30); // 5/10 = 0.5 -> on (inclusive)
        Detection less = Det(0, 0.5f, 6, 40, 16, 50); // 4/10 = 0.4 -> off
        // The variant box of 'less' moved fully onto the strip; coverage is still read on the original box.
        // Variant (0,40,10,50) vs original (6,40,16,50): intersection 4x10 = 40, union 160, IoU 0.25: not matched.
        Detection[] variant = [full, half, Det(0, 0.5f, 0, 40, 10, 50)];

        DetectionMatching m = new DetectionMatcher().Match([full, half, less], variant, Strip);

        Assert.IsTrue(m.Changes[0].OnArtifact);
        Assert.IsTrue(m.Changes[1].OnArtifact);
        Assert.IsFalse(m.Changes[2].OnArtifact);
        Assert.IsTrue(m.Changes[2].Lost);
    }

    [TestMethod]
    public void EqualIouGoesToTheLowerOriginalIndexThenTheLowerVariantIndex()
    {
        Detection o0 = Det(0, 0.75f, 0, 0, 10, 10);
        Detection o1 = Det(0, 0.5f, 0, 0, 10, 10);
        Detection v0 = Det(0, 0.25f, 0, 0, 10, 10);
        Detection v1 = Det(0, 1f, 0, 0, 10, 10);
        Detection v2 = Det(0, 0.5f, 0, 0, 10, 10);
        // All six pairs have IoU 1: o0 takes v0 (lowest indices), o1 takes v1, v2 is new.

        DetectionMatching m = new DetectionMatcher().Match([o0, o1], [v0, v1, v2], NoArtifact);

        Assert.AreSame(v0, m.Changes[0].Matched);
        Assert.AreEqual(-0.5f, m.Changes[0].ScoreDelta); // 0.25 - 0.75
        Assert.AreSame(v1, m.Changes[1].Matched);
        Assert.AreEqual(0.5f, m.Changes[1].ScoreDelta); // 1 - 0.5
        CollectionAssert.AreEqual(new[] { 2 }, m.NewVariantIndices.ToArray());
    }

    [TestMethod]
    public void OneVariantDetectionCannotMatchTwoOriginals()
    {
        Detection o0 = Det(0, 0.75f, 0, 0, 10, 10);
        Detection o1 = Det(0, 0.5f, 0, 0, 10, 9);
        // IoU v-o0 = 90/100 = 0.9, v-o1 = 90/90 = 1: o1 wins the only variant detection, o0 is lost.
        Detection v = Det(0, 0.5f, 0, 0, 10, 9);

        DetectionMatching m = new DetectionMatcher().Match([o0, o1], [v], NoArtifact);

        Assert.IsTrue(m.Changes[0].Lost);
        Assert.AreSame(v, m.Changes[1].Matched);
        Assert.HasCount(0, m.NewDetections);
    }

    [TestMethod]
    public void CoverageOfNaNIsRejectedRatherThanReadAsOffArtifact()
    {
        var matcher = new DetectionMatcher();

        Assert.ThrowsExactly<InvalidOperationException>(() => matcher.Match([Det(0, 0.5f, 0, 0, 10, 10)], [], _ => double.NaN));
    }

    [TestMethod]
    public void ZeroMatchIouIsRejectedBecauseDisjointBoxesWouldMatch()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DetectionMatcher(matchIou: 0));
    }
}
