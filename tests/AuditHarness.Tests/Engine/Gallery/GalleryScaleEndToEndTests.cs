using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Inference.Models;
using AuditHarness.Results;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine.Gallery;

/// <summary>
/// The gallery's heatmaps of one layer share one colour scale across the models of a run: the largest per-cell
/// activation difference of that layer over every gallery pair of every model, recomputed here from the models'
/// own activations on the original and the counterfactual images.
/// </summary>
[TestClass]
public sealed class GalleryScaleEndToEndTests
{
    [TestMethod]
    public void BothModelsHeatmapsUseTheLargestChangeOfEitherModelsGalleryPairs()
    {
        string folder = Directory.CreateTempSubdirectory("gallery-scale").FullName;
        try
        {
            string manifest = DemoManifestCut.First(folder, 24);
            AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.Write(folder, manifest, models: ["shortcut", "clean"]));
            AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = Path.Combine(folder, "out") });
            Dictionary<string, ManifestPair> pairs = PairManifest.Read(manifest).Pairs.OfType<ManifestPair>().ToDictionary(p => p.PairId);

            // Each gallery pair's peak, from the layer's activations on the original and on the counterfactual.
            var peaks = new List<double[]>();
            for (int m = 0; m < spec.Models.Count; m++)
            {
                IReadOnlyList<GalleryPair> gallery = summary.Models[m].Gallery;
                Assert.IsNotEmpty(gallery, spec.Models[m].Name);
                using YoloModel model = YoloModel.Load(spec.Models[m].Path.FullPath, new YoloModelOptions { Taps = ["model.9"] });
                peaks.Add([.. gallery.Select(g =>
                {
                    Assert.AreEqual("model.9", g.Layer);
                    return Peak(model, pairs[g.PairId].Image, pairs[g.PairId].Counterfactual!);
                })]);
                for (int i = 0; i < gallery.Count; i++)
                {
                    Assert.AreEqual(peaks[m][i], gallery[i].HeatmapPeak, peaks[m][i] * 1e-4, $"{spec.Models[m].Name} {gallery[i].PairId}");
                }
            }

            double expected = peaks.SelectMany(p => p).Max();
            Assert.AreNotEqual(peaks[0].Max(), peaks[1].Max(), 1e-3, "the models' own maxima differ, so a per-model scale would show");
            foreach (GalleryPair pair in summary.Models.SelectMany(m => m.Gallery))
            {
                Assert.AreEqual(expected, pair.HeatmapScale, expected * 1e-4, pair.PairId);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>max over cells of √(Σ_c (a_c − b_c)²), in double.</summary>
    private static double Peak(YoloModel model, string original, string counterfactual)
    {
        using Mat a = Cv2.ImRead(original, ImreadModes.Color);
        using Mat b = Cv2.ImRead(counterfactual, ImreadModes.Color);
        TapActivation ta = model.Predict(a).Activations.Single(t => t.Tap == "model.9");
        float[] av = [.. ta.Values];
        TapActivation tb = model.Predict(b).Activations.Single(t => t.Tap == "model.9");
        int channels = ta.Shape[1], cells = ta.Shape[2] * ta.Shape[3];
        double best = 0;
        for (int i = 0; i < cells; i++)
        {
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                double d = av[(c * cells) + i] - tb.Values[(c * cells) + i];
                sum += d * d;
            }

            best = Math.Max(best, Math.Sqrt(sum));
        }

        return best;
    }
}
