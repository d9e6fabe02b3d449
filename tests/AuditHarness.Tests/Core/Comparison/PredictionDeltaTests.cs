using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;

namespace AuditHarness.Tests.Core.Comparison;

[TestClass]
public sealed class PredictionDeltaTests
{
    private static readonly BoundingBox Box = new(0, 0, 10, 10);

    [TestMethod]
    public void SummarisesScoreDeltasFlipsLostNewAndOnArtifact()
    {
        var lostOnArtifact = new Detection(0, "melanoma", 0.75f, Box);
        var kept = new Detection(0, "melanoma", 0.5f, Box);
        var flipped = new Detection(0, "melanoma", 0.25f, Box);
        var matching = new DetectionMatching(
            [
                new DetectionChange(0, lostOnArtifact, null, -0.75f, Flipped: false, Lost: true, OnArtifact: true),
                new DetectionChange(1, kept, kept with { Score = 0.25f }, -0.25f, Flipped: false, Lost: false, OnArtifact: false),
                new DetectionChange(2, flipped, flipped with { ClassId = 1, Score = 0.5f }, 0.25f, Flipped: true, Lost: false, OnArtifact: false),
            ],
            [new Detection(1, "nevus", 0.5f, Box)],
            [3]);

        PredictionDelta delta = PredictionDelta.From(matching);

        Assert.AreEqual(3, delta.OriginalCount);
        Assert.AreEqual(-0.25, delta.MeanScoreDelta, 1e-12); // (-0.75 - 0.25 + 0.25) / 3 = -0.75 / 3
        Assert.AreEqual(2, delta.OffArtifactCount);
        Assert.AreEqual(0.0, delta.MeanScoreDeltaOffArtifact, 1e-12); // (-0.25 + 0.25) / 2
        Assert.AreEqual(1, delta.Flips);
        Assert.AreEqual(1, delta.Lost);
        Assert.AreEqual(1, delta.New);
        Assert.AreEqual(1, delta.OnArtifact);
        Assert.AreEqual(1.0 / 3, delta.FlipRate, 1e-12);
        Assert.AreEqual(1.0 / 3, delta.LostRate, 1e-12);
    }

    [TestMethod]
    public void WithoutOriginalDetectionsMeansAndRatesAreUndefined()
    {
        PredictionDelta delta = PredictionDelta.From(new DetectionMatching([], [new Detection(0, "melanoma", 0.5f, Box)], [0]));

        Assert.AreEqual(0, delta.OriginalCount);
        Assert.AreEqual(1, delta.New);
        Assert.IsTrue(double.IsNaN(delta.MeanScoreDelta));
        Assert.IsTrue(double.IsNaN(delta.MeanScoreDeltaOffArtifact));
        Assert.IsTrue(double.IsNaN(delta.FlipRate));
        Assert.IsTrue(double.IsNaN(delta.LostRate));
    }

    [TestMethod]
    public void RemovingAnArtifactThatCarriedTheScoreGivesANegativeMeanDelta()
    {
        // Sign convention end to end: 0.75 in the original, 0.25 once the artifact is gone -> delta -0.5.
        var original = new Detection(0, "melanoma", 0.75f, Box);
        DetectionMatching m = new DetectionMatcher().Match([original], [original with { Score = 0.25f }], _ => 0);

        Assert.AreEqual(-0.5, PredictionDelta.From(m).MeanScoreDelta, 1e-12);
    }
}
