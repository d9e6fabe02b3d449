using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Engine.Pairs;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Pairs;

/// <summary>The artifact and placebo effects of one pair, per metric, on hand-made deltas and layer changes.</summary>
[TestClass]
public sealed class PairMetricsTests
{
    // Four original detections, one on the artifact. Artifact variant: matched-score delta -0.5 over all, -0.25 off the
    // artifact (a flip hides part of the drop); class-conditional drop 0.625 over all, 0.75 over the 3 off the artifact;
    // 1 flip, 2 lost, 2 new.
    private static readonly PredictionDelta ArtifactDelta = new(4, -0.5, 3, -0.25, Flips: 1, Lost: 2, New: 2, OnArtifact: 1, MeanScoreDrop: 0.625, ScoreDropCountOffArtifact: 3, MeanScoreDropOffArtifact: 0.75);

    // Two placebos of the same original: off-artifact class drops 0.125 and 0.375 (matched deltas -0.5 and 0), flips 0
    // and 2, lost 1 and 1, new 1 and 0.
    private static readonly PredictionDelta FirstPlacebo = new(4, -0.125, 3, -0.5, Flips: 0, Lost: 1, New: 1, OnArtifact: 1, MeanScoreDrop: 0.125, ScoreDropCountOffArtifact: 3, MeanScoreDropOffArtifact: 0.125);
    private static readonly PredictionDelta SecondPlacebo = new(4, -0.3, 3, 0, Flips: 2, Lost: 1, New: 0, OnArtifact: 1, MeanScoreDrop: 0.375, ScoreDropCountOffArtifact: 3, MeanScoreDropOffArtifact: 0.375);

    [TestMethod]
    public void ScoreShiftIsTheClassScoreDropOffTheArtifactAndThePlacebosMeanDrop()
    {
        (double artifact, double placebo) = PairMetrics.Effects(Outcome(), MetricKind.ScoreShift, null);

        // The class-conditional off-artifact drops, not the matched scores (0.25) nor the all-detection mean (0.625);
        // placebos (0.125 + 0.375) / 2 = 0.25.
        Assert.AreEqual(0.75, artifact, 1e-12);
        Assert.AreEqual(0.25, placebo, 1e-12);
    }

    [TestMethod]
    public void RatesCountPerOriginalDetectionAndAveragePlacebos()
    {
        PairOutcome outcome = Outcome();

        // flips 1/4 against (0/4 + 2/4) / 2; lost 2/4 against 1/4; new 2/4 against (1/4 + 0/4) / 2.
        Assert.AreEqual((0.25, 0.25), PairMetrics.Effects(outcome, MetricKind.FlipRate, null));
        Assert.AreEqual((0.5, 0.25), PairMetrics.Effects(outcome, MetricKind.LostRate, null));
        Assert.AreEqual((0.5, 0.125), PairMetrics.Effects(outcome, MetricKind.NewRate, null));
    }

    [TestMethod]
    public void OnArtifactRateHasNoPlaceboEffect()
    {
        // One of four original boxes sits on the artifact; a placebo patch says nothing about where the boxes were.
        Assert.AreEqual((0.25, 0.0), PairMetrics.Effects(Outcome(), MetricKind.OnArtifactRate, null));
    }

    [TestMethod]
    public void LayersArePairedByTapWhateverTheirOrder()
    {
        PairOutcome outcome = Outcome() with
        {
            ArtifactLayers = [Layer("model.4", 0.5, 0.25), Layer("model.9", 0.25, 0.0)],
            PlaceboLayers = [[Layer("model.9", 0.125, 0.125), Layer("model.4", 0.125, -0.125)], [Layer("model.4", 0.375, 0.125), Layer("model.9", 0.0, 0.375)]],
        };

        // model.4 relative change: 0.5 against (0.125 + 0.375) / 2; model.9 inside share: 0.0 against (0.125 + 0.375) / 2.
        Assert.AreEqual((0.5, 0.25), PairMetrics.Effects(outcome, MetricKind.LayerRelativeChange, "model.4"));
        Assert.AreEqual((0.0, 0.25), PairMetrics.Effects(outcome, MetricKind.LayerInsideShare, "model.9"));
    }

    [TestMethod]
    public void AnUntappedLayerHasNoValue()
    {
        PairOutcome outcome = Outcome() with
        {
            ArtifactLayers = [Layer("model.4", 0.5, 0.25)],
            PlaceboLayers = [[Layer("model.9", 0.125, 0.125)]],
        };

        (double artifact, double placebo) = PairMetrics.Effects(outcome, MetricKind.LayerRelativeChange, "model.9");
        Assert.IsTrue(double.IsNaN(artifact) && double.IsNaN(placebo), "the artifact variant did not tap model.9");
        (artifact, placebo) = PairMetrics.Effects(outcome, MetricKind.LayerRelativeChange, "model.4");
        Assert.AreEqual(0.5, artifact);
        Assert.IsTrue(double.IsNaN(placebo), "the placebo did not tap model.4");
    }

    [TestMethod]
    public void WithoutOriginalDetectionsThePredictionMetricsHaveNoValue()
    {
        var none = new PredictionDelta(0, double.NaN, 0, double.NaN, 0, 0, 2, 0);
        var outcome = new PairOutcome("p", "ruler", none, [none], [], [[]]);

        foreach (MetricKind metric in new[] { MetricKind.ScoreShift, MetricKind.FlipRate, MetricKind.LostRate, MetricKind.NewRate, MetricKind.OnArtifactRate })
        {
            Assert.IsTrue(double.IsNaN(PairMetrics.Effects(outcome, metric, null).Artifact), $"{metric}: two new boxes over no original one are no rate");
        }
    }

    [TestMethod]
    public void WithoutPlacebosThePlaceboEffectHasNoValue()
    {
        PairOutcome outcome = Outcome() with { Placebos = [], PlaceboLayers = [] };

        (double artifact, double placebo) = PairMetrics.Effects(outcome, MetricKind.ScoreShift, null);

        Assert.AreEqual(0.75, artifact, 1e-12);
        Assert.IsTrue(double.IsNaN(placebo));
    }

    [TestMethod]
    public void LayerMetricsNeedALayer()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => PairMetrics.Effects(Outcome(), MetricKind.LayerInsideShare, null));
    }

    [TestMethod]
    public void EveryCatalogMetricHasPerPairEffects()
    {
        PairOutcome outcome = Outcome() with
        {
            ArtifactLayers = [Layer("model.4", 0.5, 0.25)],
            PlaceboLayers = [[Layer("model.4", 0.125, 0.125)], [Layer("model.4", 0.125, 0.125)]],
        };

        foreach (MetricDefinition metric in MetricCatalog.All)
        {
            (double artifact, double placebo) = PairMetrics.Effects(outcome, metric.Kind, metric.NeedsLayer ? "model.4" : null);
            Assert.IsTrue(double.IsFinite(artifact) && double.IsFinite(placebo), $"{metric.Name}: ({artifact}, {placebo})");
        }
    }

    [TestMethod]
    public void PooledTotalsCountEventsOverTheOriginalDetectionsAndPlacebosAreAveraged()
    {
        // Artifact variant: 1 flip, 2 lost, 2 new, 1 on the artifact of 4 originals; placebos (0 + 2) / 2 flips, (1 + 1) / 2
        // lost, (1 + 0) / 2 new. Score shift: class-conditional drops 0.75 and (0.125 + 0.375) / 2 = 0.25 on each of the 3
        // detections off the artifact, summed: 2.25 and 0.75.
        PairOutcome outcome = Outcome();
        Assert.AreEqual((1.0, 1.0, 4.0), PairMetrics.Pooled(outcome, MetricKind.FlipRate, null));
        Assert.AreEqual((2.0, 1.0, 4.0), PairMetrics.Pooled(outcome, MetricKind.LostRate, null));
        Assert.AreEqual((2.0, 0.5, 4.0), PairMetrics.Pooled(outcome, MetricKind.NewRate, null));
        Assert.AreEqual((1.0, 0.0, 4.0), PairMetrics.Pooled(outcome, MetricKind.OnArtifactRate, null));
        (double a, double p, double w) = PairMetrics.Pooled(outcome, MetricKind.ScoreShift, null);
        Assert.AreEqual(2.25, a, 1e-12);
        Assert.AreEqual(0.75, p, 1e-12);
        Assert.AreEqual(3.0, w);
    }

    [TestMethod]
    public void LayerMetricsArePooledAsPairMeansAndAPairWithoutDetectionsWeighsNothing()
    {
        PairOutcome layered = Outcome() with
        {
            ArtifactLayers = [Layer("model.4", 0.5, 0.25)],
            PlaceboLayers = [[Layer("model.4", 0.125, -0.125)], [Layer("model.4", 0.375, 0.125)]],
        };
        Assert.AreEqual((0.5, 0.25, 1.0), PairMetrics.Pooled(layered, MetricKind.LayerRelativeChange, "model.4"));

        PairOutcome empty = Outcome() with { Artifact = new PredictionDelta(0, double.NaN, 0, double.NaN, 0, 0, 0, 0) };
        foreach (MetricKind metric in new[] { MetricKind.FlipRate, MetricKind.LostRate, MetricKind.NewRate, MetricKind.OnArtifactRate, MetricKind.ScoreShift })
        {
            Assert.AreEqual(0.0, PairMetrics.Pooled(empty, metric, null).Weight, metric.ToString());
        }
    }

    [TestMethod]
    public void ATransplantedPlacebosEventsAreCarriedOverAsItsHostsRate()
    {
        // The host had 2 detections of which 1 flipped and 2 were lost: rates 1/2 and 2/2, on this pair's 4 originals
        // 2 flips and 4 lost. A host without detections gives the placebo no value.
        var host = new PredictionDelta(2, -0.5, 2, -0.5, Flips: 1, Lost: 2, New: 1, OnArtifact: 0, MeanScoreDrop: 0.5, ScoreDropCountOffArtifact: 2, MeanScoreDropOffArtifact: 0.5);
        PairOutcome transplanted = new("p", "dark_corners", ArtifactDelta, [host], [], [[]]) { PlaceboHost = "q" };
        Assert.AreEqual((1.0, 2.0, 4.0), PairMetrics.Pooled(transplanted, MetricKind.FlipRate, null));
        Assert.AreEqual((2.0, 4.0, 4.0), PairMetrics.Pooled(transplanted, MetricKind.LostRate, null));
        Assert.AreEqual((2.0, 2.0, 4.0), PairMetrics.Pooled(transplanted, MetricKind.NewRate, null));

        // Score shift: the host's mean drop 0.5 on this pair's 3 off-artifact detections.
        (double a, double p, double w) = PairMetrics.Pooled(transplanted, MetricKind.ScoreShift, null);
        Assert.AreEqual((2.25, 1.5, 3.0), (a, p, w));

        var emptyHost = new PredictionDelta(0, double.NaN, 0, double.NaN, 0, 0, 0, 0);
        Assert.IsTrue(double.IsNaN(PairMetrics.Pooled(transplanted with { Placebos = [emptyHost] }, MetricKind.FlipRate, null).Placebo));
    }

    [TestMethod]
    public void ScoreShiftWeighsTheDetectionsThatHaveAClassScoreDrop()
    {
        // 3 detections off the artifact, of which 2 have a class-conditional drop (mean 0.5): the pair adds 1.0 over 2.
        PairOutcome outcome = Outcome() with { Artifact = ArtifactDelta with { ScoreDropCountOffArtifact = 2, MeanScoreDropOffArtifact = 0.5 } };
        (double a, _, double w) = PairMetrics.Pooled(outcome, MetricKind.ScoreShift, null);
        Assert.AreEqual(1.0, a, 1e-12);
        Assert.AreEqual(2.0, w);
    }

    private static PairOutcome Outcome() => new("p", "ruler", ArtifactDelta, [FirstPlacebo, SecondPlacebo], [], [[], []]);

    private static LayerChange Layer(string tap, double relativeChange, double insideShareExcess) =>
        new(tap, relativeChange, 1.0, 0.5 + insideShareExcess, 0.5, insideShareExcess, []);
}
