using AuditHarness.Core.Statistics;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Specs;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Summary;

/// <summary>The chart numbers on hand-made pair outcomes, checked against values worked out by hand.</summary>
[TestClass]
public sealed class ProfileBuilderTests
{
    private static readonly BootstrapSettings Bootstrap = new(2000, 7, 0.95);

    [TestMethod]
    public void ScoreShiftsAreTheDropsPerPairInManifestOrder()
    {
        // Off-artifact deltas: artifact -0.5, -0.1, -0.3 (drops 0.5, 0.1, 0.3); placebo -0.1, none, 0.0.
        PairOutcome[] outcomes = [Outcome("a", "ruler", -0.5, -0.1), Outcome("b", "ruler", -0.1, null), Outcome("c", "ruler", -0.3, 0.0)];

        ArtifactTypeProfile profile = ProfileBuilder.Build(outcomes, Bootstrap).Single();

        Assert.AreEqual("ruler", profile.ArtifactType);
        Assert.AreEqual(3, profile.Pairs);
        CollectionAssert.AreEqual(new[] { 0.5, 0.1, 0.3 }, profile.ScoreShiftArtifact.ToArray());
        CollectionAssert.AreEqual(new[] { 0.1, 0.0 }, profile.ScoreShiftPlacebo.ToArray());
        Assert.AreEqual(0.3, profile.ScoreShiftArtifactBox.Median, 1e-12);
        Assert.AreEqual(0.2, profile.ScoreShiftArtifactBox.LowerQuartile, 1e-12); // between 0.1 and 0.3 at 0.5
        Assert.AreEqual(0.05, profile.ScoreShiftPlaceboBox.Median, 1e-12);
    }

    [TestMethod]
    public void LayersAreOrderedByDepthWithMeansOfEachVariant()
    {
        // Relative change at model.10: artifact 0.9 and 0.7 (mean 0.8), placebo 0.1 and 0.3 (mean 0.2); model.2 half of those.
        PairOutcome[] outcomes =
        [
            Outcome("a", "ruler", 0, 0, layers: [("model.10", 0.9, 0.1), ("model.2", 0.45, 0.05)]),
            Outcome("b", "ruler", 0, 0, layers: [("model.10", 0.7, 0.3), ("model.2", 0.35, 0.15)]),
        ];

        ArtifactTypeProfile profile = ProfileBuilder.Build(outcomes, Bootstrap).Single();

        CollectionAssert.AreEqual(new[] { "model.2", "model.10" }, profile.Layers.Select(l => l.Tap).ToArray(), "by module number, not ordinally");
        LayerProfile deep = profile.Layers[1];
        Assert.AreEqual(0.8, deep.RelativeChangeArtifact.Estimate, 1e-12);
        Assert.AreEqual(0.2, deep.RelativeChangePlacebo.Estimate, 1e-12);
        Assert.IsTrue(deep.RelativeChangeArtifact.Low >= 0.7 - 1e-12 && deep.RelativeChangeArtifact.High <= 0.9 + 1e-12, "resamples of {0.9, 0.7} stay within them");

        // The inside-share excess of the fake layers is half the relative change (see Layer below).
        Assert.AreEqual(0.4, deep.InsideShareExcessArtifact.Estimate, 1e-12);
        Assert.AreEqual(0.4, profile.Layers[0].RelativeChangeArtifact.Estimate, 1e-12);
    }

    [TestMethod]
    public void LayerIntervalsResampleSubjectsNotPairs()
    {
        // Three pairs of subject s1 change model.2 by 0.9, one pair of s2 by 0.1: the mean over pairs is 0.7. Resampling
        // the two subjects gives 0.9 (s1 twice), 0.7 (one each) or 0.1 (s2 twice), a quarter of the time each extreme,
        // so the 95 % interval spans [0.1, 0.9]. Resampling the four pairs as if independent would reach 0.1 only when
        // all four draws hit s2's pair (0.4 % of resamples), so its lower bound would lie above 0.1.
        PairOutcome[] outcomes =
        [
            Outcome("a", "ruler", 0, 0, layers: [("model.2", 0.9, 0.0)]) with { SubjectId = "s1" },
            Outcome("b", "ruler", 0, 0, layers: [("model.2", 0.9, 0.0)]) with { SubjectId = "s1" },
            Outcome("c", "ruler", 0, 0, layers: [("model.2", 0.1, 0.0)]) with { SubjectId = "s2" },
            Outcome("d", "ruler", 0, 0, layers: [("model.2", 0.9, 0.0)]) with { SubjectId = "s1" },
        ];

        Interval change = ProfileBuilder.Build(outcomes, Bootstrap).Single().Layers.Single().RelativeChangeArtifact;

        Assert.AreEqual(0.7, change.Estimate, 1e-12);
        Assert.AreEqual(0.1, change.Low, 1e-12);
        Assert.AreEqual(0.9, change.High, 1e-12);
    }

    [TestMethod]
    public void ArtifactTypesComeInOrdinalOrder()
    {
        PairOutcome[] outcomes = [Outcome("a", "ruler", -0.1, 0), Outcome("b", "ink", -0.2, 0), Outcome("c", "ruler", -0.3, 0)];

        IReadOnlyList<ArtifactTypeProfile> profiles = ProfileBuilder.Build(outcomes, Bootstrap);

        CollectionAssert.AreEqual(new[] { "ink", "ruler" }, profiles.Select(p => p.ArtifactType).ToArray());
        Assert.AreEqual(2, profiles[1].Pairs);
    }

    [TestMethod]
    public void DepthOrderPutsRawTensorsLastInGivenOrder()
    {
        CollectionAssert.AreEqual(
            new[] { "model.0", "model.9", "model.22", "/z/out", "/a/out" },
            TapOrder.ByDepth(["/z/out", "model.22", "model.9", "/a/out", "model.0"]).ToArray());
        Assert.IsNull(TapOrder.ModuleIndex("model.9.cv2"));
    }

    private static PairOutcome Outcome(string id, string type, double artifactDelta, double? placeboDelta, int originals = 1, int flips = 0, int lost = 0, (string Tap, double Artifact, double Placebo)[]? layers = null)
    {
        PredictionDelta Delta(double delta, int f, int l) => new(originals, delta, originals, delta, f, l, 0, 0, 0 - delta, originals, 0 - delta);
        PredictionDelta[] placebos = placeboDelta is double p ? [Delta(p, 0, 0)] : [];
        layers ??= [];
        IReadOnlyList<LayerChange> artifactLayers = [.. layers.Select(l => Layer(l.Tap, l.Artifact))];
        IReadOnlyList<LayerChange>[] placeboLayers = [.. placebos.Select(_ => (IReadOnlyList<LayerChange>)[.. layers.Select(l => Layer(l.Tap, l.Placebo))])];
        return new PairOutcome(id, type, Delta(artifactDelta, flips, lost), placebos, artifactLayers, placeboLayers);
    }

    private static LayerChange Layer(string tap, double relativeChange) => new(tap, relativeChange, 1, 0, 0, relativeChange / 2, []);
}
