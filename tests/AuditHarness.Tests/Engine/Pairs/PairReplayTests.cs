using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Models;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Tests.Engine;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine.Pairs;

/// <summary>
/// The gallery's replay runs a pair through the audit's own steps: it must give the outcome and log rows the audit
/// gave and the material the audit keeps, and its prediction buffers, handed back and reused by the next replay, must
/// not leak one pair's outputs into another's.
/// </summary>
[TestClass]
public sealed class PairReplayTests
{
    [TestMethod]
    public void ReplayThroughReusedBuffersGivesThePlainPredictionsDetectionsAndActivations()
    {
        AuditSpec spec = AuditSpecLoader.Load(RepositoryFiles.PathOf("audits/demo-dermoscopy.audit.json"));
        IReadOnlyList<ManifestPair> pairs = PairManifest.Read(((ManifestDataset)spec.Dataset).Manifest.FullPath).Pairs;
        using var model = YoloModel.Load(spec.Models[0].Path.FullPath, new YoloModelOptions { Taps = spec.Taps });
        using var processor = new PairProcessor(model, spec);

        // The second pair's replay takes over the first one's buffers, and the third replay (the first pair again) those
        // of the second: each must still see its own image's outputs, not what the buffers held before.
        (Detection[] Detections, float[] Heatmap) first = Snapshot(processor, pairs[0], model);
        Snapshot(processor, pairs[1], model);
        (Detection[] Detections, float[] Heatmap) again = Snapshot(processor, pairs[0], model);

        CollectionAssert.AreEqual(first.Detections, again.Detections);
        CollectionAssert.AreEqual(first.Heatmap, again.Heatmap);
    }

    [TestMethod]
    [DataRow("audits/demo-dermoscopy.audit.json", 1, DisplayName = "manifest, counterfactual")]
    [DataRow("audits/demo-dermoscopy-inpaint.audit.json", 1, DisplayName = "manifest, inpainted")]
    [DataRow("audits/demo-dermoscopy-inpaint.audit.json", 3, DisplayName = "manifest, inpainted, three placebos")]
    [DataRow("audits/demo-insertion.audit.json", 1, DisplayName = "insertion")]
    public void AReplayGivesTheOutcomeRowsAndGalleryMaterialOfTheAuditsEvaluation(string specFile, int placebos)
    {
        AuditSpec loaded = AuditSpecLoader.Load(RepositoryFiles.PathOf(specFile));
        AuditSpec spec = loaded with { Placebo = loaded.Placebo with { PerPair = placebos } };
        using ArtifactInserter? inserter = spec.Dataset is InsertionDataset insertion ? ArtifactInserter.Create(insertion.Artifact) : null;
        IReadOnlyList<AuditPair> pairs = spec.Dataset switch
        {
            ManifestDataset manifest => PairManifest.Read(manifest.Manifest.FullPath).Pairs,
            InsertionDataset painted => InsertionPairs.List(painted),
            _ => throw new AssertFailedException("unknown dataset"),
        };
        using var model = YoloModel.Load(spec.Models[0].Path.FullPath, new YoloModelOptions { Taps = spec.Taps });

        int compared = 0, mostVariants = 0;
        foreach (AuditPair pair in pairs.Take(4))
        {
            // A gallery of one with the pair first in order keeps any pair whose original has a detection.
            using var candidates = new GalleryCandidates(count: 1);
            using var processor = new PairProcessor(model, spec, inserter) { Gallery = candidates };
            ProcessedPair evaluated;
            using (PreparedPair prepared = processor.Prepare(pair))
            {
                evaluated = processor.Evaluate(prepared, pairIndex: 0);
            }

            using GalleryMaterial? kept = candidates.Take(pair.PairId);
            using PairReplay replay = processor.Replay(pair);

            AssertSameOutcome(evaluated.Outcome, replay.Processed.Outcome, pair.PairId);
            Assert.AreEqual(AuditLog.FormatPair("m", evaluated), AuditLog.FormatPair("m", replay.Processed), pair.PairId);
            mostVariants = Math.Max(mostVariants, replay.Processed.Variants.Count);
            if (kept is not null)
            {
                AssertSameMaterial(kept, replay.Material, pair.PairId);
                compared++;
            }
        }

        Assert.IsGreaterThan(0, compared, "some pair was kept for the gallery");
        Assert.AreEqual(2 + placebos, mostVariants, "some pair has every placebo it asked for");
    }

    /// <summary>Replays the pair, checks what it kept against a plain prediction of each image, and copies what the original showed.</summary>
    private static (Detection[] Detections, float[] Heatmap) Snapshot(PairProcessor processor, AuditPair pair, YoloModel model)
    {
        using PairReplay replay = processor.Replay(pair);
        GalleryMaterial material = replay.Material;
        YoloPrediction original = model.Predict(material.Original);
        YoloPrediction removed = model.Predict(material.Removed);
        CollectionAssert.AreEqual(original.Detections.ToArray(), material.OriginalDetections.ToArray(), pair.PairId + " original");
        CollectionAssert.AreEqual(removed.Detections.ToArray(), material.RemovedDetections.ToArray(), pair.PairId + " artifact removed");
        if (material.Placebo is { } placebo)
        {
            CollectionAssert.AreEqual(model.Predict(placebo).Detections.ToArray(), material.PlaceboDetections!.ToArray(), pair.PairId + " placebo");
        }

        Assert.IsNotNull(material.OriginalLayer, "the demo taps spatial layers");
        CollectionAssert.AreEqual(original.Activations.Single(a => a.Tap == material.Layer).Values, material.OriginalLayer.Values, pair.PairId + " original heatmap layer");
        CollectionAssert.AreEqual(removed.Activations.Single(a => a.Tap == material.Layer).Values, material.RemovedLayer!.Values, pair.PairId + " artifact-removed heatmap layer");
        return ([.. material.OriginalDetections], [.. material.OriginalLayer.Values]);
    }

    private static void AssertSameOutcome(PairOutcome expected, PairOutcome actual, string context)
    {
        Assert.AreEqual(expected with { Placebos = [], ArtifactLayers = [], PlaceboLayers = [] }, actual with { Placebos = [], ArtifactLayers = [], PlaceboLayers = [] }, context);
        CollectionAssert.AreEqual(expected.Placebos.ToArray(), actual.Placebos.ToArray(), context);
        AssertSameLayers(expected.ArtifactLayers, actual.ArtifactLayers, context + " artifact");
        Assert.HasCount(expected.PlaceboLayers.Count, actual.PlaceboLayers, context);
        for (int i = 0; i < expected.PlaceboLayers.Count; i++)
        {
            AssertSameLayers(expected.PlaceboLayers[i], actual.PlaceboLayers[i], $"{context} placebo {i + 1}");
        }
    }

    private static void AssertSameLayers(IReadOnlyList<LayerChange> expected, IReadOnlyList<LayerChange> actual, string context)
    {
        Assert.HasCount(expected.Count, actual, context);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i] with { ChannelSelectivity = [] }, actual[i] with { ChannelSelectivity = [] }, context);
            CollectionAssert.AreEqual(expected[i].ChannelSelectivity, actual[i].ChannelSelectivity, context);
        }
    }

    private static void AssertSameMaterial(GalleryMaterial expected, GalleryMaterial actual, string context)
    {
        Assert.AreEqual(expected.Layer, actual.Layer, context);
        Assert.IsTrue(SameBytes(expected.Original, actual.Original), context + " original");
        Assert.IsTrue(SameBytes(expected.Removed, actual.Removed), context + " artifact removed");
        Assert.AreEqual(expected.Placebo is null, actual.Placebo is null, context + " placebo");
        if (expected.Placebo is { } placebo)
        {
            Assert.IsTrue(SameBytes(placebo, actual.Placebo!), context + " placebo");
        }

        CollectionAssert.AreEqual(expected.OriginalDetections.ToArray(), actual.OriginalDetections.ToArray(), context);
        CollectionAssert.AreEqual(expected.RemovedDetections.ToArray(), actual.RemovedDetections.ToArray(), context);
        CollectionAssert.AreEqual(expected.PlaceboDetections?.ToArray(), actual.PlaceboDetections?.ToArray(), context);
        CollectionAssert.AreEqual(expected.OriginalLayer?.Values, actual.OriginalLayer?.Values, context);
        CollectionAssert.AreEqual(expected.RemovedLayer?.Values, actual.RemovedLayer?.Values, context);
        Assert.AreEqual(expected.Letterbox, actual.Letterbox, context);
    }

    private static bool SameBytes(Mat a, Mat b)
    {
        if (a.Size() != b.Size() || a.Type() != b.Type())
        {
            return false;
        }

        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        return Cv2.CountNonZero(difference.Reshape(1)) == 0;
    }
}
