using AuditHarness.Core.Comparison;

namespace AuditHarness.Tests.Core.Comparison;

[TestClass]
public sealed class RelianceTests
{
    // Four original detections, one on the artifact, in both variants.
    // Artifact variant: mean delta -0.5, off-artifact mean -0.25, 1 flip, 2 lost.
    private static readonly PredictionDelta ArtifactDelta = new(4, -0.5, 3, -0.25, Flips: 1, Lost: 2, New: 0, OnArtifact: 1);

    // Placebo variant: mean delta -0.125, off-artifact mean -0.125, no flip, 1 lost.
    private static readonly PredictionDelta PlaceboDelta = new(4, -0.125, 3, -0.125, Flips: 0, Lost: 1, New: 1, OnArtifact: 1);

    private static LayerChange Layer(string tap, double relativeChange, double insideShareExcess) =>
        new(tap, relativeChange, 1.0, 0.5 + insideShareExcess, 0.5, insideShareExcess, []);

    [TestMethod]
    public void ScoreRelianceIsTheArtifactDropMinusThePlaceboDrop()
    {
        // drops: -(-0.5) = 0.5 and -(-0.125) = 0.125 -> 0.5 - 0.125 = 0.375 (positive: relies on the artifact).
        Assert.AreEqual(0.375, Reliance.ScoreDrop(ArtifactDelta, PlaceboDelta), 1e-12);
        // off-artifact: 0.25 - 0.125 = 0.125.
        Assert.AreEqual(0.125, Reliance.ScoreDropOffArtifact(ArtifactDelta, PlaceboDelta), 1e-12);
    }

    [TestMethod]
    public void FlipAndLostReliancesAreRateDifferences()
    {
        // flips 1/4 - 0/4 = 0.25; lost 2/4 - 1/4 = 0.25.
        Assert.AreEqual(0.25, Reliance.FlipRate(ArtifactDelta, PlaceboDelta), 1e-12);
        Assert.AreEqual(0.25, Reliance.LostRate(ArtifactDelta, PlaceboDelta), 1e-12);
    }

    [TestMethod]
    public void LayersArePairedByTapWhateverTheirOrder()
    {
        LayerChange[] artifact = [Layer("model.4", 0.5, 0.25), Layer("model.9", 0.25, 0.0)];
        LayerChange[] placebo = [Layer("model.9", 0.125, 0.125), Layer("model.4", 0.125, -0.125)];

        PairReliance reliance = Reliance.Of(ArtifactDelta, PlaceboDelta, artifact, placebo);

        Assert.AreEqual(0.375, reliance.ScoreDrop, 1e-12);
        Assert.AreEqual(0.125, reliance.ScoreDropOffArtifact, 1e-12);
        Assert.AreEqual(0.25, reliance.FlipRate, 1e-12);
        Assert.AreEqual(0.25, reliance.LostRate, 1e-12);
        // model.4: 0.5 - 0.125 = 0.375 and 0.25 - (-0.125) = 0.375; model.9: 0.25 - 0.125 = 0.125 and 0 - 0.125 = -0.125.
        Assert.AreEqual(new LayerReliance("model.4", 0.375, 0.375), reliance.Layers[0]);
        Assert.AreEqual(new LayerReliance("model.9", 0.125, -0.125), reliance.Layers[1]);
    }

    [TestMethod]
    public void WithoutOriginalDetectionsPredictionReliancesAreUndefined()
    {
        var none = new PredictionDelta(0, double.NaN, 0, double.NaN, 0, 0, 2, 0);

        PairReliance reliance = Reliance.Of(none, none, [], []);

        Assert.IsTrue(double.IsNaN(reliance.ScoreDrop));
        Assert.IsTrue(double.IsNaN(reliance.FlipRate));
        Assert.IsTrue(double.IsNaN(reliance.LostRate));
        Assert.HasCount(0, reliance.Layers);
    }

    [TestMethod]
    public void DeltasFromDifferentOriginalsAreRejected()
    {
        PredictionDelta fewer = PlaceboDelta with { OriginalCount = 3 };

        Assert.ThrowsExactly<ArgumentException>(() => Reliance.ScoreDrop(ArtifactDelta, fewer));
    }

    [TestMethod]
    public void DeltasWithDifferentOnArtifactMarksAreRejected()
    {
        PredictionDelta markedByPlaceboPatch = PlaceboDelta with { OnArtifact = 0, OffArtifactCount = 4 };

        Assert.ThrowsExactly<ArgumentException>(() => Reliance.ScoreDropOffArtifact(ArtifactDelta, markedByPlaceboPatch));
    }

    [TestMethod]
    public void DifferentTapsAreRejected()
    {
        ArgumentException e = Assert.ThrowsExactly<ArgumentException>(
            () => Reliance.Of(ArtifactDelta, PlaceboDelta, [Layer("model.4", 0, 0)], [Layer("model.9", 0, 0)]));

        StringAssert.Contains(e.Message, "model.4");
    }
}
