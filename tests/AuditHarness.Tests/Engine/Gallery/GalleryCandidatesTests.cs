using AuditHarness.Core.Geometry;
using AuditHarness.Core.Pairs;
using AuditHarness.Engine.Journal;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Models;
using AuditHarness.Results;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Tests.Engine;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine.Gallery;

/// <summary>
/// The pairs kept for the gallery while a run goes are the ones the gallery ranks first, whatever order the workers
/// finish them in, and a gallery drawn from what they kept is the gallery drawn by running them again.
/// </summary>
[TestClass]
public sealed class GalleryCandidatesTests
{
    [TestMethod]
    public void KeepsTheBestShiftsWithTiesInPairOrderWhateverTheOfferOrderAndFreesTheRest()
    {
        // Shifts by pair index: the best three are pair 4 (0.9), then pairs 1 and 5 tied at 0.5 (1 before 5).
        double[] shifts = [0.1, 0.5, 0.3, double.NaN, 0.9, 0.5, 0.2];
        int[][] orders = [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [5, 3, 0, 6, 4, 2, 1]];
        foreach (int[] order in orders)
        {
            using var kept = new GalleryCandidates(count: 3);
            var made = new List<GalleryMaterial>();
            foreach (int pair in order)
            {
                if (kept.WouldRank(shifts[pair], pair))
                {
                    GalleryMaterial material = Material();
                    made.Add(material);
                    kept.Add(pair, $"p{pair}", shifts[pair], material);
                }
            }

            string context = string.Join(",", order);
            Assert.IsFalse(kept.WouldRank(double.NaN, 0), context);
            GalleryMaterial?[] taken = [.. Enumerable.Range(0, shifts.Length).Select(p => kept.Take($"p{p}"))];
            CollectionAssert.AreEqual(new[] { 1, 4, 5 }, Enumerable.Range(0, shifts.Length).Where(p => taken[p] is not null).ToArray(), context);
            Assert.IsNull(kept.Take("p4"), "taken once");

            // What was pushed out was freed; what was taken belongs to the caller.
            foreach (GalleryMaterial material in made)
            {
                Assert.AreEqual(!taken.Contains(material), material.Original.IsDisposed, context);
                material.Dispose();
            }
        }
    }

    [TestMethod]
    public void AGalleryDrawnFromKeptPairsIsTheGalleryOfPairsRunAgain()
    {
        string folder = Directory.CreateTempSubdirectory("gallery-kept").FullName;
        try
        {
            AuditSpec spec = AuditSpecLoader.Load(SmallAudit.WriteSpec(Path.Combine(folder, "spec")));
            AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = Path.Combine(folder, "run") });
            PairRecord[] records = [.. RunJournal.Read(Path.Combine(folder, "run"))!.Records];
            IReadOnlyList<AuditPair> pairs = PairManifest.Read(((ManifestDataset)spec.Dataset).Manifest.FullPath).Pairs;

            for (int m = 0; m < spec.Models.Count; m++)
            {
                PairOutcome[] outcomes = [.. records.Where(r => r.Model == m).Select(r => r.Outcome).OfType<PairOutcome>()];
                string[] taps = [.. spec.Taps.Concat(spec.Policy.Policy.Checks.Where(c => c.Layer is not null).Select(c => c.Layer!)).Distinct()];
                using YoloModel model = YoloModel.Load(spec.Models[m].Path.FullPath, new YoloModelOptions { Taps = taps });
                using var processor = new PairProcessor(model, spec) { Hosts = new PlaceboHosts(pairs, spec.Placebo.Seed) };
                IReadOnlyList<GalleryPair> replayed = GalleryBuilder.Build(processor, pairs, outcomes, kept: null);
                IReadOnlyList<GalleryPair> kept = summary.Models[m].Gallery;

                Assert.HasCount(GalleryBuilder.DefaultCount, kept, spec.Models[m].Name);
                CollectionAssert.AreEqual(replayed.Select(g => g.PairId).ToArray(), kept.Select(g => g.PairId).ToArray());
                for (int i = 0; i < kept.Count; i++)
                {
                    string context = $"{spec.Models[m].Name} {kept[i].PairId}";
                    Assert.AreEqual(replayed[i] with { OriginalPng = [], ArtifactRemovedPng = [], PlaceboPng = null, HeatmapPng = [] }, kept[i] with { OriginalPng = [], ArtifactRemovedPng = [], PlaceboPng = null, HeatmapPng = [] }, context);
                    CollectionAssert.AreEqual(replayed[i].OriginalPng, kept[i].OriginalPng, context);
                    CollectionAssert.AreEqual(replayed[i].ArtifactRemovedPng, kept[i].ArtifactRemovedPng, context);
                    CollectionAssert.AreEqual(replayed[i].PlaceboPng, kept[i].PlaceboPng, context);
                    CollectionAssert.AreEqual(replayed[i].HeatmapPng, kept[i].HeatmapPng, context);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static GalleryMaterial Material() => new(
        "model.9", new Mat(4, 4, MatType.CV_8UC3), new Mat(4, 4, MatType.CV_8UC3), null, [], [], null, null, null, LetterboxGeometry.Compute(4, 4, 32, 32));
}
