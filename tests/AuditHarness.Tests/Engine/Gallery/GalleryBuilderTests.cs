using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;
using AuditHarness.Core.Policies;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Pairs;
using AuditHarness.Tests.Engine;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine.Gallery;

/// <summary>Which pairs the gallery picks, which layer it shows, and where the heatmap and boxes land.</summary>
[TestClass]
public sealed class GalleryBuilderTests
{
    [TestMethod]
    public void MostAffectedRanksByArtifactScoreDropWithTiesInManifestOrder()
    {
        // Drops 0.2, 0.5, 0.2, none (no detection), 0.7.
        PairOutcome[] outcomes = [Outcome("a", -0.2), Outcome("b", -0.5), Outcome("c", -0.2), Outcome("d", double.NaN), Outcome("e", -0.7)];

        IReadOnlyList<PairOutcome> top = GalleryBuilder.MostAffected(outcomes, 4);

        CollectionAssert.AreEqual(new[] { "e", "b", "a", "c" }, top.Select(o => o.PairId).ToArray());
        Assert.HasCount(2, GalleryBuilder.MostAffected(outcomes, 2));
    }

    [TestMethod]
    public void MostAffectedTakesAtMostTwoPairsOfOneBaseImageAndTheNextMostAffectedInstead()
    {
        // Drops a 0.9, b 0.8, c 0.7, d 0.6, e 0.5; a, b and c start from x.jpg, d and e from y.jpg and z.jpg.
        // Four pairs, two per image at most: a, b (x.jpg), then c is a third of x.jpg and gives way to d, then e.
        PairOutcome[] outcomes = [Outcome("a", -0.9), Outcome("b", -0.8), Outcome("c", -0.7), Outcome("d", -0.6), Outcome("e", -0.5)];
        var bases = new Dictionary<string, string> { ["a"] = "x.jpg", ["b"] = "x.jpg", ["c"] = "x.jpg", ["d"] = "y.jpg", ["e"] = "z.jpg" };

        IReadOnlyList<PairOutcome> top = GalleryBuilder.MostAffected(outcomes, 4, o => bases[o.PairId]);

        CollectionAssert.AreEqual(new[] { "a", "b", "d", "e" }, top.Select(o => o.PairId).ToArray());
        Assert.AreEqual(2, top.Count(o => bases[o.PairId] == "x.jpg"));
    }

    [TestMethod]
    public void ThumbnailsAreAtLeast320PixelsWideAndAtMost400ByTheirWidthOr540ByTheirHeight()
    {
        // (width, height) -> thumbnail size, by hand: 200 wide is doubled to 320; 320 stays; 1280x720 halves to
        // 400x225 (factor 0.3125); 810x1080 by width would be 400x533 (under 540); 300x1200 by its height is 135x540.
        (int W, int H, int TW, int TH)[] cases = [(200, 150, 320, 240), (320, 320, 320, 320), (1280, 720, 400, 225), (810, 1080, 400, 533), (300, 1200, 135, 540)];
        foreach ((int w, int h, int tw, int th) in cases)
        {
            using var image = new Mat(h, w, MatType.CV_8UC3, Scalar.All(100));
            using Mat decoded = Cv2.ImDecode(GalleryBuilder.Thumbnail(image, []), ImreadModes.Color);
            Assert.AreEqual((tw, th), (decoded.Width, decoded.Height), $"{w}x{h}");
        }
    }

    [TestMethod]
    public void HeatmapLayerIsTheFirstPolicyLayerThatWasTappedElseTheDeepestTap()
    {
        PolicyCheck shift = new("shift", MetricKind.ScoreShift, ["*"], null, 0.05, ThresholdDirection.Max, null);
        PolicyCheck untapped = new("gone", MetricKind.LayerRelativeChange, ["*"], "model.99", 0.5, ThresholdDirection.Max, null);
        PolicyCheck six = new("six", MetricKind.LayerRelativeChange, ["*"], "model.6", 0.5, ThresholdDirection.Max, null);
        PolicyCheck two = new("two", MetricKind.LayerInsideShare, ["*"], "model.2", 0.5, ThresholdDirection.Max, null);
        string[] taps = ["model.2", "model.10", "model.6", "model.9"];

        Assert.AreEqual("model.6", GalleryBuilder.HeatmapLayer(new Policy("p", null, [shift, untapped, six, two]), taps));
        Assert.AreEqual("model.10", GalleryBuilder.HeatmapLayer(new Policy("p", null, [shift, untapped]), taps));
        Assert.IsNull(GalleryBuilder.HeatmapLayer(new Policy("p", null, [shift]), []));
    }

    [TestMethod]
    public void HeatmapPeakLandsOnTheSourcePixelsOfTheChangedCell()
    {
        // A 200x100 image letterboxed into 64x64: scale 0.32, resized 64x32, 16 rows of padding on top. An 8x8 layer
        // has stride 8, so cell (row 4, column 6) covers input x 48-56, y 32-40: source x 150-175, y 50-75.
        LetterboxGeometry letterbox = LetterboxGeometry.Compute(200, 100, 64, 64);
        Assert.AreEqual(16, letterbox.PadTop);
        float[] a = new float[2 * 8 * 8];
        float[] b = new float[2 * 8 * 8];
        a[(1 * 64) + (4 * 8) + 6] = 3f;
        using var original = new Mat(100, 200, MatType.CV_8UC3, Scalar.All(128));

        using Mat change = GalleryBuilder.ChangeMap(Tap(a), Tap(b), letterbox, original.Size(), out float peak);
        using Mat heat = GalleryBuilder.Heatmap(original, change, peak);

        int width = heat.Width, height = heat.Height;
        Assert.AreEqual(200, width);
        Assert.AreEqual(100, height);
        (int bestX, int bestY, int best) = (-1, -1, int.MinValue);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                Vec3b pixel = heat.At<Vec3b>(y, x);
                int redness = pixel.Item2 - pixel.Item0; // JET: red where the change is largest, blue where none
                if (redness > best)
                {
                    (bestX, bestY, best) = (x, y, redness);
                }
            }
        }

        Assert.IsTrue(bestX is >= 150 and < 175 && bestY is >= 50 and < 75, $"peak at ({bestX}, {bestY})");
        Assert.AreEqual(3f, peak, "the norm over channels of the one changed cell: sqrt(3^2 + 0^2)");
        Vec3b corner = heat.At<Vec3b>(5, 5);
        Assert.IsGreaterThan(corner.Item2, corner.Item0, "no change is drawn blue");
    }

    [TestMethod]
    public void HeatmapBytesEqualOpenCvsBuiltInJetColourMapOverTheSameChangeOnTheGivenScale()
    {
        // Random activations on a padded, scaled letterbox: the grey levels cover most of 0-255, and every pixel's
        // colour must be the built-in JET map's (the heatmap looks it up in a cached copy of that table). The scale is
        // 1.25 times the peak, as when another model's gallery changed more: the reddest level is then 255 / 1.25.
        var random = new Random(11);
        LetterboxGeometry letterbox = LetterboxGeometry.Compute(150, 90, 64, 64);
        float[] a = [.. Enumerable.Range(0, 2 * 8 * 8).Select(_ => (float)random.NextDouble())];
        float[] b = [.. Enumerable.Range(0, 2 * 8 * 8).Select(_ => (float)random.NextDouble())];
        using var original = new Mat(90, 150, MatType.CV_8UC3);
        Cv2.Randu(original, Scalar.All(0), Scalar.All(256));

        float[] energy = new float[64];
        for (int i = 0; i < a.Length; i++)
        {
            energy[i % 64] += (a[i] - b[i]) * (a[i] - b[i]);
        }

        energy = [.. energy.Select(MathF.Sqrt)];
        double shared = energy.Max() * 1.25;
        using Mat change = GalleryBuilder.ChangeMap(Tap(a), Tap(b), letterbox, original.Size(), out float peak);
        using Mat heat = GalleryBuilder.Heatmap(original, change, shared);
        Assert.AreEqual(energy.Max(), peak, 1e-6f);

        double scale = 255 / shared;
        using var grid = new Mat(8, 8, MatType.CV_32FC1);
        for (int i = 0; i < 64; i++)
        {
            grid.Set(i / 8, i % 8, energy[i]);
        }

        using var input = new Mat();
        Cv2.Resize(grid, input, new Size(64, 64), 0, 0, InterpolationFlags.Linear);
        using var region = new Mat(input, new Rect(letterbox.PadLeft, letterbox.PadTop, letterbox.ResizedWidth, letterbox.ResizedHeight));
        using var source = new Mat();
        Cv2.Resize(region, source, new Size(150, 90), 0, 0, InterpolationFlags.Linear);
        using var grey = new Mat();
        source.ConvertTo(grey, MatType.CV_8UC1, scale);
        using var colour = new Mat();
        Cv2.ApplyColorMap(grey, colour, ColormapTypes.Jet);
        using var expected = new Mat();
        Cv2.AddWeighted(original, 0.6, colour, 0.4, 0, expected);
        Cv2.MinMaxLoc(grey, out double darkest, out double brightest);
        Assert.IsLessThan(30, darkest);
        Assert.IsGreaterThan(180, brightest);
        Assert.IsLessThanOrEqualTo(205, brightest, "255 / 1.25 = 204 is the reddest level on the shared scale");

        using var differs = new Mat();
        Cv2.Compare(heat.Reshape(1), expected.Reshape(1), differs, CmpTypes.NE);
        Assert.AreEqual(0, Cv2.CountNonZero(differs));
    }

    [TestMethod]
    public void ThumbnailIsAJpegScaledToTheLargestWidthWithTheBoxDrawnWhereTheDetectionIs()
    {
        using var image = new Mat(400, 800, MatType.CV_8UC3, Scalar.All(90));
        Detection[] detections = [new Detection(0, "melanoma", 0.87f, new BoundingBox(200, 100, 600, 300))];

        byte[] jpeg = GalleryBuilder.Thumbnail(image, detections);

        Assert.IsTrue(jpeg is [0xFF, 0xD8, 0xFF, ..], "JPEG, not PNG");
        using Mat decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.AreEqual(GalleryBuilder.MaxThumbnailWidth, decoded.Width, "800 px wide is scaled down to the largest width, 400 px");
        Assert.AreEqual(200, decoded.Height);

        // The box is at half scale: its left edge at x 100, from y 50 to 150; the far corner stays background.
        static bool Green(Vec3b p) => p.Item1 > 170 && p.Item0 < 110 && p.Item2 < 110;
        Assert.IsTrue(Enumerable.Range(70, 70).All(y => Green(decoded.At<Vec3b>(y, 100)) || Green(decoded.At<Vec3b>(y, 101)) || Green(decoded.At<Vec3b>(y, 99))), "left edge of the box");
        Assert.IsFalse(Green(decoded.At<Vec3b>(190, 380)));
        Assert.IsFalse(Green(decoded.At<Vec3b>(120, 200)), "inside the box is not filled");
    }

    private static TapActivation Tap(float[] values) => new("model.9", "/model.9/out", [1, 2, 8, 8], values);

    private static PairOutcome Outcome(string id, double offArtifactDelta)
    {
        int originals = double.IsNaN(offArtifactDelta) ? 0 : 1;
        var delta = new PredictionDelta(originals, offArtifactDelta, originals, offArtifactDelta, 0, 0, 0, 0, 0 - offArtifactDelta, originals, 0 - offArtifactDelta);
        return new PairOutcome(id, "ruler", delta, [delta with { MeanScoreDeltaOffArtifact = 0, MeanScoreDropOffArtifact = 0 }], [], [[]]);
    }
}
