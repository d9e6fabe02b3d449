using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class ArtifactMaskTests
{
    private string _directory = string.Empty;

    [TestInitialize]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditharness-mask-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public void MissingMaskIsReportedByName()
    {
        string path = Path.Combine(_directory, "m.png");

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(path, 320, 320));

        Assert.AreEqual($"Mask '{path}' does not exist.", error.Message);
    }

    [TestMethod]
    public void MaskThatIsNotAnImageIsReportedByName()
    {
        string path = Path.Combine(_directory, "m.png");
        File.WriteAllText(path, "not a png");

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(path, 320, 320));

        Assert.AreEqual(
            $"Mask '{path}' could not be decoded (expected an 8-bit PNG with the artifact's pixels marked 255).", error.Message);
    }

    [TestMethod]
    public void MaskOfAnotherSizeNamesBothSizesAndTheImage()
    {
        string path = Write("m.png", 300, 200, new Rect(0, 0, 5, 5), 255);

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(path, 320, 320, "a.jpg"));

        Assert.AreEqual($"Mask '{path}' is 300x200; its image 'a.jpg' is 320x320.", error.Message);
    }

    [TestMethod]
    public void AllZeroMaskIsReportedAsEmpty()
    {
        string path = Write("m.png", 8, 8, new Rect(0, 0, 0, 0), 0);

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(path, 8, 8));

        Assert.AreEqual($"Mask '{path}' is empty (every pixel is 0); expected the artifact's pixels non-zero (255 by convention).", error.Message);
    }

    [TestMethod]
    public void SixteenBitMaskIsRejectedAsNotEightBit()
    {
        string path = Path.Combine(_directory, "deep.png");
        using (var deep = new Mat(4, 4, MatType.CV_16UC1, Scalar.All(1000)))
        {
            Cv2.ImWrite(path, deep);
        }

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(path, 4, 4));

        StringAssert.StartsWith(error.Message, $"Mask '{path}' is not 8-bit");
    }

    [TestMethod]
    public void AnyNonzeroGreyLevelIsArtifactAndBecomes255()
    {
        string path = Write("faint.png", 10, 8, new Rect(2, 3, 3, 4), 1);

        using var mask = ArtifactMask.Load(path, 10, 8);

        Assert.AreEqual(12, mask.Area);
        Assert.AreEqual((byte)255, mask.Pixels.At<byte>(3, 2));
        Assert.AreEqual((byte)0, mask.Pixels.At<byte>(2, 2));
    }

    [TestMethod]
    public void RedOnBlackColourMaskMarksTheRedPixels()
    {
        string path = Path.Combine(_directory, "red.png");
        using (var colour = new Mat(6, 6, MatType.CV_8UC3, Scalar.All(0)))
        {
            colour.Set(1, 4, new Vec3b(0, 0, 255));
            colour.Set(5, 0, new Vec3b(1, 0, 0));
            Cv2.ImWrite(path, colour);
        }

        using var mask = ArtifactMask.Load(path, 6, 6);

        Assert.AreEqual(2, mask.Area);
        Assert.IsTrue(mask.Contains(4, 1));
        Assert.IsTrue(mask.Contains(0, 5));
    }

    [TestMethod]
    public void AreaShareAndBoundingBoxDescribeTheRectangle()
    {
        // 3x4 = 12 pixels of a 10x8 = 80 pixel image; the box ends one past the last pixel.
        using var mask = MaskFixtures.Rectangle(10, 8, new Rect(2, 3, 3, 4));

        Assert.AreEqual(12, mask.Area);
        Assert.AreEqual(0.15, mask.AreaShare, 1e-12);
        Assert.AreEqual(new BoundingBox(2, 3, 5, 7), mask.BoundingBox);
    }

    [TestMethod]
    public void CoverageIsTheArtifactShareOfTheBox()
    {
        using var mask = MaskFixtures.Rectangle(10, 8, new Rect(2, 3, 3, 4));

        Assert.AreEqual(1.0, mask.Coverage(new BoundingBox(2, 3, 5, 7)), 1e-12);
        Assert.AreEqual(12.0 / 80.0, mask.Coverage(new BoundingBox(0, 0, 10, 8)), 1e-12);

        // x in [1.5, 3): [1.5, 2) is background, [2, 3) artifact -> 1 of 1.5 wide, over the full height of the rectangle.
        Assert.AreEqual(2.0 / 3.0, mask.Coverage(new BoundingBox(1.5f, 3, 3, 7)), 1e-6);
    }

    [TestMethod]
    public void CoverageCountsOnlyThePartOfTheBoxInsideTheImage()
    {
        using var mask = MaskFixtures.Rectangle(10, 8, new Rect(2, 3, 3, 4));

        // Clipped to (0, 3)-(5, 7): 20 pixels, 12 of them artifact.
        Assert.AreEqual(0.6, mask.Coverage(new BoundingBox(-10, 3, 5, 7)), 1e-12);
        Assert.AreEqual(0.0, mask.Coverage(new BoundingBox(20, 20, 30, 30)));
        Assert.AreEqual(0.0, mask.Coverage(new BoundingBox(3, 4, 3, 4)));
    }

    [TestMethod]
    public void DilatingASinglePixelByOneGivesAPlusShape()
    {
        // OpenCV's 3x3 elliptical element is the cross: the pixel and its four neighbours.
        using var mask = MaskFixtures.Rectangle(7, 7, new Rect(3, 3, 1, 1));

        using var grown = mask.Dilate(1);
        using var same = mask.Dilate(0);

        Assert.AreEqual(5, grown.Area);
        Assert.IsTrue(grown.Contains(2, 3) && grown.Contains(4, 3) && grown.Contains(3, 2) && grown.Contains(3, 4));
        Assert.IsFalse(grown.Contains(2, 2));
        Assert.AreEqual(1, same.Area);
        Assert.AreEqual(1, mask.Area);
    }

    [TestMethod]
    public void DilationEqualsOpenCvsDilationOfTheWholeImageForMasksAnywhere()
    {
        // Dilate works on a window around the mask; the reference dilates the whole image with the same element.
        var random = new Random(5);
        Rect[] shapes = [new(0, 0, 3, 2), new(37, 0, 3, 5), new(0, 21, 40, 3), new(18, 9, 1, 1), new(5, 6, 30, 12), new(39, 23, 1, 1)];
        foreach (Rect shape in shapes)
        {
            using var pixels = new Mat(24, 40, MatType.CV_8UC1, Scalar.All(0));
            for (int y = shape.Y; y < shape.Bottom; y++)
            {
                for (int x = shape.X; x < shape.Right; x++)
                {
                    pixels.Set(y, x, (byte)(random.Next(3) == 0 ? 0 : 255)); // ragged, not a plain rectangle
                }
            }

            pixels.Set(shape.Y, shape.X, (byte)255);
            using ArtifactMask mask = ArtifactMask.FromMat(pixels);
            foreach (int margin in new[] { 0, 1, 4, 9 })
            {
                using var expected = new Mat();
                using Mat element = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * margin + 1, 2 * margin + 1));
                Cv2.Dilate(pixels, expected, element);
                using ArtifactMask grown = mask.Dilate(margin);
                using var difference = new Mat();
                Cv2.Compare(grown.Pixels, expected, difference, CmpTypes.NE);
                Assert.AreEqual(0, Cv2.CountNonZero(difference), $"shape {shape}, margin {margin}");
            }
        }
    }

    [TestMethod]
    public void ShiftMovesTheShapeAndDropsPixelsLeavingTheImage()
    {
        using var mask = MaskFixtures.Rectangle(10, 8, new Rect(2, 3, 3, 4));

        using var moved = mask.Shift(-2, 1);
        using var clipped = mask.Shift(6, 0);

        Assert.AreEqual(new BoundingBox(0, 4, 3, 8), moved.BoundingBox);
        Assert.AreEqual(12, moved.Area);

        // Columns 2..4 move to 8..10; column 10 is outside a 10-wide image, leaving 2 columns of 4.
        Assert.AreEqual(8, clipped.Area);
        Assert.AreEqual(new BoundingBox(8, 3, 10, 7), clipped.BoundingBox);
    }

    [TestMethod]
    public void OverlapsIsTrueOnlyWhenAPixelIsShared()
    {
        using var mask = MaskFixtures.Rectangle(10, 8, new Rect(2, 3, 3, 4));
        using var touching = MaskFixtures.Rectangle(10, 8, new Rect(4, 6, 2, 2));
        using var beside = MaskFixtures.Rectangle(10, 8, new Rect(5, 3, 2, 2));

        Assert.IsTrue(mask.Overlaps(touching));
        Assert.IsFalse(mask.Overlaps(beside));
    }

    [TestMethod]
    public void ToArrayIsRowMajor()
    {
        using var mask = MaskFixtures.Rectangle(3, 2, new Rect(2, 1, 1, 1));

        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0, 0, 255 }, mask.ToArray());
    }

    [TestMethod]
    public void LayerGridOfTheMaskAveragesItsPixels()
    {
        // 4x4 identity letterbox, grid 2x2: the pixel (3, 0) is one of the four of the top-right cell.
        using var mask = MaskFixtures.Rectangle(4, 4, new Rect(3, 0, 1, 1));

        float[] weights = mask.ToLayerGrid(AuditHarness.Core.Geometry.LetterboxGeometry.Compute(4, 4, 4, 4), 2, 2);

        CollectionAssert.AreEqual(new[] { 0f, 0.25f, 0f, 0f }, weights);
    }

    [TestMethod]
    public void CoverageOfABoxWithNaNCornersIsZero()
    {
        using var mask = MaskFixtures.Rectangle(10, 8, new Rect(2, 3, 3, 4));

        Assert.AreEqual(0.0, mask.Coverage(new BoundingBox(float.NaN, 0, 5, 5)));
    }

    [TestMethod]
    public void DemoRulerMaskLoadsAtItsImageSize()
    {
        string image = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/images/p0001.jpg");
        string path = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/masks/p0001.png");
        using Mat original = ImageFile.Read(image);

        using var mask = ArtifactMask.Load(path, original.Cols, original.Rows, image);

        Assert.AreEqual(320, mask.Width);
        Assert.AreEqual(320, mask.Height);
        Assert.IsTrue(mask.Area > 0 && mask.AreaShare < 0.5, $"area {mask.Area}");
    }

    private string Write(string name, int width, int height, Rect rect, byte value)
    {
        string path = Path.Combine(_directory, name);
        using var pixels = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        if (rect.Width > 0)
        {
            pixels.Rectangle(rect, Scalar.All(value), -1);
        }

        Cv2.ImWrite(path, pixels);
        return path;
    }
}
