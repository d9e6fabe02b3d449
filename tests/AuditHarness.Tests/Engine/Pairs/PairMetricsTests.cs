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
    public void ThePooledRatesCountTheArtifactVariantsEventsOverTheOriginalDetections()
    {
        // Artifact variant: 1 flip, 2 lost, 1 on the artifact, of 4 original detections.
        var expected = new Dictionary<MetricKind, (int, int)> { [MetricKind.FlipRate] = (1, 4), [MetricKind.LostRate] = (2, 4), [MetricKind.OnArtifactRate] = (1, 4) };

        foreach (MetricDefinition metric in MetricCatalog.All)
        {
            var check = new PolicyCheck("c", metric.Kind, ["ruler"], metric.NeedsLayer ? "model.4" : null, 0.1, ThresholdDirection.Max, null);
            if (metric.Aggregation == MetricAggregation.PairMeanAndPooledRate)
            {
                Assert.AreEqual(expected[metric.Kind], PairMetrics.ArtifactCounts(Outcome(), check), metric.Name);
            }
            else
            {
                Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PairMetrics.ArtifactCounts(Outcome(), check), metric.Name);
            }
        }
    }

    private static PairOutcome Outcome() => new("p", "ruler", ArtifactDelta, [FirstPlacebo, SecondPlacebo], [], [[], []]);

    private static LayerChange Layer(string tap, double relativeChange, double insideShareExcess) =>
        new(tap, relativeChange, 1.0, 0.5 + insideShareExcess, 0.5, insideShareExcess, []);
}
