using AuditHarness.Core.Detections;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Engine;
using AuditHarness.Inference.Models;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// The gallery's replays run through prediction buffers that go back to the processor when a replay is disposed and
/// are reused by the next one; what a replay shows must still be what a plain prediction of the same image gives.
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
        (Detection[] Detections, float[][] Activations) first = Snapshot(processor, pairs[0], model);
        Snapshot(processor, pairs[1], model);
        (Detection[] Detections, float[][] Activations) again = Snapshot(processor, pairs[0], model);

        CollectionAssert.AreEqual(first.Detections, again.Detections);
        Assert.HasCount(first.Activations.Length, again.Activations);
        for (int i = 0; i < first.Activations.Length; i++)
        {
            CollectionAssert.AreEqual(first.Activations[i], again.Activations[i], $"activation {i}");
        }
    }

    /// <summary>Replays the pair, checks each variant against a plain prediction of its image, and copies what the original variant showed.</summary>
    private static (Detection[] Detections, float[][] Activations) Snapshot(PairProcessor processor, AuditPair pair, YoloModel model)
    {
        using PairReplay replay = processor.Replay(pair);
        AssertSamePrediction(model.Predict(replay.Prepared.Original), replay.Original, pair.PairId + " original");
        AssertSamePrediction(model.Predict(replay.Prepared.Removed), replay.Removed, pair.PairId + " artifact removed");
        if (replay.Placebo is { } placebo)
        {
            AssertSamePrediction(model.Predict(placebo), replay.PlaceboPrediction!, pair.PairId + " placebo");
        }

        return ([.. replay.Original.Detections], [.. replay.Original.Activations.Select(a => a.Values.ToArray())]);
    }

    private static void AssertSamePrediction(YoloPrediction plain, YoloPrediction replayed, string what)
    {
        CollectionAssert.AreEqual(plain.Detections.ToArray(), replayed.Detections.ToArray(), what);
        Assert.HasCount(plain.Activations.Count, replayed.Activations, what);
        for (int i = 0; i < plain.Activations.Count; i++)
        {
            CollectionAssert.AreEqual(plain.Activations[i].Shape.ToArray(), replayed.Activations[i].Shape.ToArray(), what);
            CollectionAssert.AreEqual(plain.Activations[i].Values, replayed.Activations[i].Values, $"{what}, tap {plain.Activations[i].Tap}");
        }
    }
}
