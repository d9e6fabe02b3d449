using AuditHarness.Core.Detections;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class PlaceboPlacerTests
{
    private static readonly BoundingBox[] NoBoxes = [];

    [TestMethod]
    public void SameSeedGivesTheSamePlacement()
    {
        using Mat image = MaskFixtures.Noise(120, 90, seed: 5);
        using var artifact = MaskFixtures.Rectangle(120, 90, new Rect(10, 10, 12, 6));

        using var first = PlaceboPlacer.Place(image, artifact, NoBoxes, seed: 123, margin: 2, maxAttempts: 40);
        using var second = PlaceboPlacer.Place(image, artifact, NoBoxes, seed: 123, margin: 2, maxAttempts: 40);

        Assert.IsNotNull(first);
        Assert.IsNotNull(second);
        Assert.AreEqual((first.Dx, first.Dy, first.TextureScore), (second.Dx, second.Dy, second.TextureScore));
    }

    [TestMethod]
    public void DifferentSeedsReachDifferentPlaces()
    {
        using Mat image = MaskFixtures.Noise(120, 90, seed: 5);
        using var artifact = MaskFixtures.Rectangle(120, 90, new Rect(10, 10, 12, 6));

        var offsets = new HashSet<(int, int)>();
        for (int seed = 0; seed < 10; seed++)
        {
            using var placement = PlaceboPlacer.Place(image, artifact, NoBoxes, seed, margin: 2, maxAttempts: 5);
            Assert.IsNotNull(placement);
            offsets.Add((placement.Dx, placement.Dy));
        }

        Assert.IsTrue(offsets.Count > 1, "ten seeds all chose the same shift");
    }

    [TestMethod]
    public void PlacementKeepsTheShapeInsideTheImageAwayFromTheArtifactAndTheAvoidedBoxes()
    {
        const int margin = 3;
        using Mat image = MaskFixtures.Noise(120, 90, seed: 9);
        using var shape = new Mat(90, 120, MatType.CV_8UC1, Scalar.All(0));
        shape.Rectangle(new Rect(15, 20, 14, 4), Scalar.All(255), -1);
        shape.Rectangle(new Rect(15, 24, 4, 10), Scalar.All(255), -1);
        using var artifact = ArtifactMask.FromMat(shape);
        BoundingBox[] avoid = [new(60.5f, 30.2f, 90.7f, 70f), new(5, 60, 25, 85)];
        List<(int X, int Y)> artifactPixels = PixelsOf(artifact);

        for (int seed = 0; seed < 200; seed++)
        {
            using var placement = PlaceboPlacer.Place(image, artifact, avoid, seed, margin, maxAttempts: 30);

            Assert.IsNotNull(placement, $"seed {seed}: no placement in a mostly free image");
            foreach ((int x, int y) in artifactPixels)
            {
                Assert.IsTrue(placement.Mask.Contains(x + placement.Dx, y + placement.Dy), $"seed {seed}: shape not preserved");
            }

            Assert.AreEqual(artifact.Area, placement.Mask.Area, $"seed {seed}");
            foreach ((int x, int y) in PixelsOf(placement.Mask))
            {
                // OpenCV's elliptical 7x7 element covers every offset within Euclidean distance 3.
                foreach ((int ax, int ay) in artifactPixels)
                {
                    int dx = x - ax, dy = y - ay;
                    Assert.IsTrue(dx * dx + dy * dy > margin * margin, $"seed {seed}: ({x},{y}) within {margin} of the artifact");
                }

                foreach (BoundingBox box in avoid)
                {
                    bool touches = x + 1 > box.X1 - margin && x < box.X2 + margin && y + 1 > box.Y1 - margin && y < box.Y2 + margin;
                    Assert.IsFalse(touches, $"seed {seed}: ({x},{y}) touches {box} expanded by {margin}");
                }
            }
        }
    }

    [TestMethod]
    public void ArtifactCoveringMostOfTheImageLeavesNoPlace()
    {
        // An 80x80 block in a 100x100 image can move at most 10 pixels either way and so always overlaps itself.
        using Mat image = MaskFixtures.Noise(100, 100, seed: 2);
        using var artifact = MaskFixtures.Rectangle(100, 100, new Rect(10, 10, 80, 80));

        var placement = PlaceboPlacer.Place(image, artifact, NoBoxes, seed: 1, margin: 2, maxAttempts: 500);

        Assert.IsNull(placement);
    }

    [TestMethod]
    public void AvoidedBoxOverEverythingElseLeavesNoPlace()
    {
        using Mat image = MaskFixtures.Noise(50, 50, seed: 2);
        using var artifact = MaskFixtures.Rectangle(50, 50, new Rect(0, 0, 10, 10));

        var placement = PlaceboPlacer.Place(image, artifact, [new BoundingBox(0, 0, 50, 50)], seed: 1, margin: 0, maxAttempts: 500);

        Assert.IsNull(placement);
    }

    [TestMethod]
    public void FlatHalfOfTheImageIsPreferredOverTheNoisyHalf()
    {
        // Left half noise, right half one grey: the 3x3 Sobel is 0 from column 101 on, positive on the left.
        using Mat image = MaskFixtures.Noise(200, 100, seed: 4);
        image.Rectangle(new Rect(100, 0, 100, 100), Scalar.All(128), -1);
        using var artifact = MaskFixtures.Rectangle(200, 100, new Rect(45, 45, 10, 10));

        for (int seed = 0; seed < 20; seed++)
        {
            using var placement = PlaceboPlacer.Place(image, artifact, NoBoxes, seed, margin: 2, maxAttempts: 100);

            Assert.IsNotNull(placement);
            Assert.IsTrue(placement.Mask.BoundingBox.X1 >= 101, $"seed {seed}: placed at {placement.Mask.BoundingBox}");
            Assert.AreEqual(0.0, placement.TextureScore);
        }
    }

    [TestMethod]
    public void TextureScoreIsTheMeanSobelMagnitudeUnderThePlacedShape()
    {
        // A width that is not a multiple of four and a shape of several runs per row: every running sum of the search
        // (vectorised in fours, the rest one by one) must give the exact per-pixel mean of |dx| + |dy|.
        using Mat image = MaskFixtures.Noise(103, 61, seed: 9);
        using var shapeMat = new Mat(61, 103, MatType.CV_8UC1, Scalar.All(0));
        shapeMat.Rectangle(new Rect(3, 4, 9, 5), Scalar.All(255), -1);
        shapeMat.Rectangle(new Rect(14, 5, 3, 7), Scalar.All(255), -1);
        shapeMat.Set(12, 1, (byte)255);
        using ArtifactMask artifact = ArtifactMask.FromMat(shapeMat);
        using var grey = new Mat();
        Cv2.CvtColor(image, grey, ColorConversionCodes.BGR2GRAY);
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(grey, gx, MatType.CV_32F, 1, 0, 3);
        Cv2.Sobel(grey, gy, MatType.CV_32F, 0, 1, 3);

        for (int seed = 0; seed < 10; seed++)
        {
            using var placement = PlaceboPlacer.Place(image, artifact, NoBoxes, seed, margin: 1, maxAttempts: 30);

            Assert.IsNotNull(placement);
            double sum = 0;
            for (int y = 0; y < 61; y++)
            {
                for (int x = 0; x < 103; x++)
                {
                    if (placement.Mask.Contains(x, y))
                    {
                        sum += Math.Abs(gx.At<float>(y, x)) + Math.Abs(gy.At<float>(y, x));
                    }
                }
            }

            Assert.AreEqual(sum / artifact.Area, placement.TextureScore, $"seed {seed}");
        }
    }

    [TestMethod]
    public void PlaceIsTheFirstOfPlaceMany()
    {
        using Mat image = MaskFixtures.Noise(120, 90, seed: 5);
        using var artifact = MaskFixtures.Rectangle(120, 90, new Rect(10, 10, 12, 6));

        using var single = PlaceboPlacer.Place(image, artifact, NoBoxes, seed: 77, margin: 2, maxAttempts: 25);
        var many = PlaceboPlacer.PlaceMany(image, artifact, NoBoxes, count: 3, seed: 77, margin: 2, maxAttempts: 25);
        try
        {
            Assert.IsNotNull(single);
            Assert.AreEqual((single.Dx, single.Dy), (many[0].Dx, many[0].Dy));
        }
        finally
        {
            DisposeAll(many);
        }
    }

    [TestMethod]
    public void SeveralPlacebosDoNotOverlapEachOtherOrTheArtifact()
    {
        using Mat image = MaskFixtures.Noise(160, 120, seed: 6);
        using var artifact = MaskFixtures.Rectangle(160, 120, new Rect(70, 50, 20, 8));

        var placements = PlaceboPlacer.PlaceMany(image, artifact, NoBoxes, count: 4, seed: 3, margin: 2, maxAttempts: 50);
        try
        {
            Assert.HasCount(4, placements);
            for (int i = 0; i < placements.Count; i++)
            {
                Assert.IsFalse(placements[i].Mask.Overlaps(artifact), $"placebo {i} overlaps the artifact");
                for (int j = i + 1; j < placements.Count; j++)
                {
                    Assert.IsFalse(placements[i].Mask.Overlaps(placements[j].Mask), $"placebos {i} and {j} overlap");
                }
            }
        }
        finally
        {
            DisposeAll(placements);
        }
    }

    [TestMethod]
    public void PlaceManyReturnsFewerWhenTheImageRunsOutOfRoom()
    {
        // 8x8 artifact at columns 1..8 of a 40x10 image: 31 free columns (9..39). Any two 8-row squares in 10 rows
        // share a row, so placebos need disjoint columns: at most 3 fit.
        using Mat image = MaskFixtures.Noise(40, 10, seed: 8);
        using var artifact = MaskFixtures.Rectangle(40, 10, new Rect(1, 1, 8, 8));

        var placements = PlaceboPlacer.PlaceMany(image, artifact, NoBoxes, count: 10, seed: 5, margin: 0, maxAttempts: 500);
        try
        {
            Assert.IsTrue(placements.Count is >= 1 and <= 3, $"{placements.Count} placebos");
        }
        finally
        {
            DisposeAll(placements);
        }
    }

    [TestMethod]
    public void DemoRulerPlaceboAvoidsTheLesion()
    {
        string path = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/images/p0001.jpg");
        using Mat image = ImageFile.Read(path);
        using var artifact = ArtifactMask.Load(
            RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/masks/p0001.png"), image.Cols, image.Rows, path);
        var lesion = new BoundingBox(155, 160, 230, 225); // lesions.csv, p0001

        using var placement = PlaceboPlacer.Place(image, artifact, [lesion], seed: 2026, margin: 4, maxAttempts: 200);

        Assert.IsNotNull(placement);
        Assert.AreEqual(0.0, placement.Mask.Coverage(new BoundingBox(151, 156, 234, 229)));
        Assert.IsFalse(placement.Mask.Overlaps(artifact));
    }

    private static List<(int X, int Y)> PixelsOf(ArtifactMask mask)
    {
        var pixels = new List<(int, int)>();
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                if (mask.Contains(x, y))
                {
                    pixels.Add((x, y));
                }
            }
        }

        return pixels;
    }

    private static void DisposeAll(IEnumerable<PlaceboPlacement> placements)
    {
        foreach (PlaceboPlacement placement in placements)
        {
            placement.Dispose();
        }
    }
}
