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
                    GalleryMaterial material = Material($"img{pair}.jpg");
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
            PairRecord[] records = [.. RunJournal.Read(Path.Combine(folder, "run"))!.ReadRecords()];
            IReadOnlyList<AuditPair> pairs = PairManifest.Read(((ManifestDataset)spec.Dataset).Manifest.FullPath).Pairs;

            // Every model's gallery run again, coloured together as the run colours them (one scale per layer across models).
            var drafts = new List<IReadOnlyList<GalleryDraft>>();
            for (int m = 0; m < spec.Models.Count; m++)
            {
                PairOutcome[] outcomes = [.. records.Where(r => r.Model == m).Select(r => r.Outcome).OfType<PairOutcome>()];
                string[] taps = [.. spec.Taps.Concat(spec.Policy.Policy.Checks.Where(c => c.Layer is not null).Select(c => c.Layer!)).Distinct()];
                using YoloModel model = YoloModel.Load(spec.Models[m].Path.FullPath, new YoloModelOptions { Taps = taps });
                using var processor = new PairProcessor(model, spec) { Hosts = new PlaceboHosts(pairs, spec.Placebo.Seed) };
                drafts.Add(GalleryBuilder.Build(processor, pairs, outcomes, kept: null));
            }

            IReadOnlyList<IReadOnlyList<GalleryPair>> galleries = GalleryBuilder.Finish(drafts);
            for (int m = 0; m < spec.Models.Count; m++)
            {
                IReadOnlyList<GalleryPair> replayed = galleries[m];
                IReadOnlyList<GalleryPair> kept = summary.Models[m].Gallery;

                Assert.HasCount(GalleryBuilder.DefaultCount, kept, spec.Models[m].Name);
                CollectionAssert.AreEqual(replayed.Select(g => g.PairId).ToArray(), kept.Select(g => g.PairId).ToArray());
                for (int i = 0; i < kept.Count; i++)
                {
                    string context = $"{spec.Models[m].Name} {kept[i].PairId}";
                    Assert.AreEqual(replayed[i] with { OriginalJpeg = [], ArtifactRemovedJpeg = [], PlaceboJpeg = null, HeatmapJpeg = null }, kept[i] with { OriginalJpeg = [], ArtifactRemovedJpeg = [], PlaceboJpeg = null, HeatmapJpeg = null }, context);
                    CollectionAssert.AreEqual(replayed[i].OriginalJpeg, kept[i].OriginalJpeg, context);
                    CollectionAssert.AreEqual(replayed[i].ArtifactRemovedJpeg, kept[i].ArtifactRemovedJpeg, context);
                    CollectionAssert.AreEqual(replayed[i].PlaceboJpeg, kept[i].PlaceboJpeg, context);
                    CollectionAssert.AreEqual(replayed[i].HeatmapJpeg, kept[i].HeatmapJpeg, context);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void KeepsAtMostTwoPairsOfOneBaseImageWhateverTheOfferOrder()
    {
        // Pairs 0-2 start from a.jpg (0.9, 0.8, 0.7), pair 3 from b.jpg (0.6), pair 4 from c.jpg (0.1). The best three
        // with at most two of one image: 0 and 1 (a.jpg), then 3 (b.jpg); pair 2 is a third of a.jpg.
        double[] shifts = [0.9, 0.8, 0.7, 0.6, 0.1];
        string[] bases = ["a.jpg", "a.jpg", "a.jpg", "b.jpg", "c.jpg"];
        int[][] orders = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]];
        foreach (int[] order in orders)
        {
            using var kept = new GalleryCandidates(count: 3);
            var made = new List<GalleryMaterial>();
            foreach (int pair in order)
            {
                if (kept.WouldRank(shifts[pair], pair))
                {
                    GalleryMaterial material = Material(bases[pair]);
                    made.Add(material);
                    kept.Add(pair, $"p{pair}", shifts[pair], material);
                }
            }

            string context = string.Join(",", order);
            GalleryMaterial?[] taken = [.. Enumerable.Range(0, shifts.Length).Select(p => kept.Take($"p{p}"))];
            CollectionAssert.AreEqual(new[] { 0, 1, 3 }, Enumerable.Range(0, shifts.Length).Where(p => taken[p] is not null).ToArray(), context);
            foreach (GalleryMaterial material in made)
            {
                Assert.AreEqual(!taken.Contains(material), material.Original.IsDisposed, context);
                material.Dispose();
            }
        }
    }

    private static GalleryMaterial Material(string baseImage) => new(
        "model.9", new Mat(4, 4, MatType.CV_8UC3), new Mat(4, 4, MatType.CV_8UC3), null, [], [], null, null, null, LetterboxGeometry.Compute(4, 4, 32, 32))
    {
        BaseImage = baseImage,
    };
}
