using System.Globalization;
using System.Security.Cryptography;
using AuditHarness.Core.Specs;
using AuditHarness.Results;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Pipeline;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// A real (small) audit: the summary carries the hashes of the very files audited, the chart profiles agree with
/// the engine's own logs, and the gallery holds the pairs whose scores dropped most according to pairs.csv.
/// </summary>
[TestClass]
public sealed class ReportEvidenceEndToEndTests
{
    [TestMethod]
    public void SummaryCarriesProvenanceProfilesAndTheMostAffectedPairs()
    {
        string folder = Directory.CreateTempSubdirectory("evidence").FullName;
        try
        {
            // The first 40 demo pairs, with absolute paths so the manifest can live in the temp folder.
            string manifest = DemoManifestCut.First(folder, 40);
            string output = Path.Combine(folder, "out");

            AuditSummary summary = AuditRunner.Run(AuditSpecLoader.Load(AuditSpecFiles.Write(folder, manifest)), new AuditRunOptions { OutputFolder = output });

            // Provenance: hashes recomputed here with the framework's SHA-256, not the harness's helper.
            Assert.IsNotNull(summary.Provenance);
            string modelPath = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath))), summary.Provenance.Models.Single().Sha256);
            Assert.AreEqual("shortcut_e2e.onnx", summary.Provenance.Models.Single().FileName);
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(manifest))), summary.Provenance.DatasetSha256);
            Assert.AreEqual(40, summary.Provenance.PairCount);
            Assert.AreEqual(DateTimeKind.Utc, summary.Provenance.StartedUtc.Kind);
            Assert.IsLessThan(TimeSpan.FromMinutes(10), DateTime.UtcNow - summary.Provenance.StartedUtc);

            // Drops per pair from pairs.csv: mean_score_drop_off_artifact of the artifact_removed rows.
            string[] header = File.ReadAllLines(Path.Combine(output, "pairs.csv"))[0].Split(',');
            int id = Array.IndexOf(header, "pair_id"), variant = Array.IndexOf(header, "variant"), type = Array.IndexOf(header, "artifact_type"), off = Array.IndexOf(header, "mean_score_drop_off_artifact");
            var drops = File.ReadAllLines(Path.Combine(output, "pairs.csv")).Skip(1).Select(l => l.Split(','))
                .Where(f => f[variant] == "artifact_removed" && f[off].Length > 0)
                .Select((f, index) => (Id: f[id], Type: f[type], Drop: double.Parse(f[off], CultureInfo.InvariantCulture), Index: index))
                .ToArray();

            ModelAuditSummary model = summary.Models.Single();
            foreach (ArtifactTypeProfile profile in model.Profiles)
            {
                CollectionAssert.AreEqual(drops.Where(d => d.Type == profile.ArtifactType).Select(d => d.Drop).ToArray(), profile.ScoreShiftArtifact.ToArray(), profile.ArtifactType);
                CollectionAssert.AreEqual(new[] { "model.2", "model.9" }, profile.Layers.Select(l => l.Tap).ToArray());
            }

            string[] expectedTop = [.. drops.OrderByDescending(d => d.Drop).ThenBy(d => d.Index).Take(GalleryBuilder.DefaultCount).Select(d => d.Id)];
            CollectionAssert.AreEqual(expectedTop, model.Gallery.Select(g => g.PairId).ToArray());
            GalleryPair first = model.Gallery[0];
            Assert.AreEqual("model.9", first.Layer, "the demo policy's first layer check is at model.9");
            Assert.AreEqual(drops.Max(d => d.Drop), first.ArtifactScoreShift, 1e-12);
            foreach (byte[] jpeg in new[] { first.OriginalJpeg, first.ArtifactRemovedJpeg, first.PlaceboJpeg!, first.HeatmapJpeg! })
            {
                Assert.IsTrue(jpeg is [0xFF, 0xD8, 0xFF, ..], "thumbnails are JPEG");
                using Mat image = Cv2.ImDecode(jpeg, ImreadModes.Color);
                Assert.AreEqual(320, image.Width, "the demo's 320 px images are kept at 320 px, the least width");
            }

            using (Mat heat = Cv2.ImDecode(first.HeatmapJpeg!, ImreadModes.Color))
            {
                Assert.AreEqual(320 + GalleryBuilder.ColourBarHeight, heat.Height, "the colour bar sits below the heatmap");
            }

            Assert.AreEqual(model.Gallery.Max(g => g.HeatmapPeak), first.HeatmapScale, "one model: the scale is its own largest peak");
            CollectionAssert.AreNotEqual(first.OriginalJpeg, first.ArtifactRemovedJpeg, "the ruler is gone from the second image");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
