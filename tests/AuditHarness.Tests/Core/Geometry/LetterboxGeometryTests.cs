using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;

namespace AuditHarness.Tests.Core.Geometry;

// Expected values are worked out by hand from Ultralytics LetterBox and scale_boxes:
// r = min(h_in/h0, w_in/w0); new = (round(w0*r), round(h0*r)); left/top = round((in - new)/2 - 0.1), round half to even.
[TestClass]
public sealed class LetterboxGeometryTests
{
    [TestMethod]
    public void PortraitBusImageIsScaledToFullHeightAndPaddedLeftAndRight()
    {
        var geometry = LetterboxGeometry.Compute(810, 1080, 640, 640);

        Assert.AreEqual(640.0 / 1080.0, geometry.Scale, 1e-12);
        Assert.AreEqual(480, geometry.ResizedWidth);
        Assert.AreEqual(640, geometry.ResizedHeight);
        Assert.AreEqual(80, geometry.PadLeft);
        Assert.AreEqual(80, geometry.PadRight);
        Assert.AreEqual(0, geometry.PadTop);
        Assert.AreEqual(0, geometry.PadBottom);
        Assert.IsTrue(geometry.NeedsResize);
    }

    [TestMethod]
    public void LandscapeImageIsHalvedAndPadded140AboveAndBelow()
    {
        var geometry = LetterboxGeometry.Compute(1280, 720, 640, 640);

        Assert.AreEqual(0.5, geometry.Scale);
        Assert.AreEqual(640, geometry.ResizedWidth);
        Assert.AreEqual(360, geometry.ResizedHeight);
        Assert.AreEqual(0, geometry.PadLeft);
        Assert.AreEqual(140, geometry.PadTop);
        Assert.AreEqual(140, geometry.PadBottom);
    }

    [TestMethod]
    public void RectangularInputUsesTheSmallerOfTheTwoRatios()
    {
        // 640x480 into 320 wide, 256 high: r = min(256/480, 320/640) = 0.5 -> 320x240, 16 rows of padding split 8/8.
        var geometry = LetterboxGeometry.Compute(640, 480, 320, 256);

        Assert.AreEqual(0.5, geometry.Scale);
        Assert.AreEqual(320, geometry.ResizedWidth);
        Assert.AreEqual(240, geometry.ResizedHeight);
        Assert.AreEqual(0, geometry.PadLeft);
        Assert.AreEqual(8, geometry.PadTop);
        Assert.AreEqual(8, geometry.PadBottom);
    }

    [TestMethod]
    public void SquareImageIntoRectangularInputIsPaddedOnTheLongSide()
    {
        // 1000x1000 into 320x256: r = 0.256 -> 256x256, 64 columns split 32/32.
        var geometry = LetterboxGeometry.Compute(1000, 1000, 320, 256);

        Assert.AreEqual(256, geometry.ResizedWidth);
        Assert.AreEqual(256, geometry.ResizedHeight);
        Assert.AreEqual(32, geometry.PadLeft);
        Assert.AreEqual(0, geometry.PadTop);
    }

    [TestMethod]
    public void OddPaddingPutsTheExtraPixelBelow()
    {
        // 100x99 into 100x100: r = 1, dh = 0.5 -> top = round(0.4) = 0, bottom = round(0.6) = 1.
        var geometry = LetterboxGeometry.Compute(100, 99, 100, 100);

        Assert.AreEqual(0, geometry.PadTop);
        Assert.AreEqual(1, geometry.PadBottom);
        Assert.IsFalse(geometry.NeedsResize);
    }

    [TestMethod]
    public void OddPaddingOfThreePutsOneAboveAndTwoBelow()
    {
        // 100x97 into 100x100: dh = 1.5 -> top = round(1.4) = 1, bottom = round(1.6) = 2.
        var geometry = LetterboxGeometry.Compute(100, 97, 100, 100);

        Assert.AreEqual(1, geometry.PadTop);
        Assert.AreEqual(2, geometry.PadBottom);
    }

    [TestMethod]
    public void ResizedSizeRoundsHalfToEvenDownAsPython()
    {
        // 6x4 into 8 wide, 3 high: r = min(3/4, 8/6) = 0.75, 6 * 0.75 = 4.5 -> round(4.5) = 4 in Python (not 5);
        // dw = (8 - 4) / 2 = 2 -> left = round(1.9) = 2.
        var geometry = LetterboxGeometry.Compute(6, 4, 8, 3);

        Assert.AreEqual(4, geometry.ResizedWidth);
        Assert.AreEqual(3, geometry.ResizedHeight);
        Assert.AreEqual(2, geometry.PadLeft);
        Assert.AreEqual(2, geometry.PadRight);
    }

    [TestMethod]
    public void ResizedSizeRoundsHalfToEvenUpAsPython()
    {
        // 14x4 into 8 wide, 1 high: r = min(1/4, 8/14) = 0.25, 14 * 0.25 = 3.5 -> round(3.5) = 4;
        // dw = 2 -> left = 2.
        var geometry = LetterboxGeometry.Compute(14, 4, 8, 1);

        Assert.AreEqual(4, geometry.ResizedWidth);
        Assert.AreEqual(1, geometry.ResizedHeight);
        Assert.AreEqual(2, geometry.PadLeft);
    }

    [TestMethod]
    public void SmallImageIsScaledUp()
    {
        // 320x240 into 640: r = min(640/240, 640/320) = 2 -> 640x480, top = 80.
        var geometry = LetterboxGeometry.Compute(320, 240, 640, 640);

        Assert.AreEqual(2.0, geometry.Scale);
        Assert.AreEqual(640, geometry.ResizedWidth);
        Assert.AreEqual(480, geometry.ResizedHeight);
        Assert.AreEqual(80, geometry.PadTop);
    }

    [TestMethod]
    public void ImageOfTheInputSizeIsNotResizedOrPadded()
    {
        var geometry = LetterboxGeometry.Compute(640, 640, 640, 640);

        Assert.IsFalse(geometry.NeedsResize);
        Assert.AreEqual(0, geometry.PadLeft);
        Assert.AreEqual(0, geometry.PadTop);
        Assert.AreEqual(0, geometry.PadRight);
        Assert.AreEqual(0, geometry.PadBottom);
    }

    [TestMethod]
    [DataRow(0, 10, 10, 10)]
    [DataRow(10, -1, 10, 10)]
    [DataRow(10, 10, 0, 10)]
    [DataRow(10, 10, 10, -5)]
    public void NonPositiveSizesAreRejected(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight)
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => LetterboxGeometry.Compute(sourceWidth, sourceHeight, inputWidth, inputHeight));
    }

    [TestMethod]
    public void BoxCoveringTheBusImageAreaMapsToTheWholeSource()
    {
        var geometry = LetterboxGeometry.Compute(810, 1080, 640, 640);

        BoundingBox source = geometry.ToSource(new BoundingBox(80f, 0f, 560f, 640f));

        AssertBox(new BoundingBox(0f, 0f, 810f, 1080f), source, 1e-3f);
    }

    [TestMethod]
    public void BoxReachingIntoThePaddingIsClippedToTheSource()
    {
        // x: (60 - 80) / r = -33.75 -> 0 and (600 - 80) / r = 877.5 -> 810; y: -10 / r < 0 -> 0, 700 / r > 1080 -> 1080.
        var geometry = LetterboxGeometry.Compute(810, 1080, 640, 640);

        BoundingBox source = geometry.ToSource(new BoundingBox(60f, -10f, 600f, 700f));

        AssertBox(new BoundingBox(0f, 0f, 810f, 1080f), source, 1e-3f);
    }

    [TestMethod]
    public void LandscapeBoxLosesTheTopPaddingAndDoubles()
    {
        // r = 0.5, pad = (0, 140): ((100 - 0) / 0.5, (240 - 140) / 0.5, ...) = (200, 200, 600, 400).
        var geometry = LetterboxGeometry.Compute(1280, 720, 640, 640);

        BoundingBox source = geometry.ToSource(new BoundingBox(100f, 240f, 300f, 340f));

        AssertBox(new BoundingBox(200f, 200f, 600f, 400f), source, 1e-4f);
    }

    [TestMethod]
    public void ToInputAddsPaddingAfterScaling()
    {
        var geometry = LetterboxGeometry.Compute(1280, 720, 640, 640);

        BoundingBox input = geometry.ToInput(new BoundingBox(200f, 200f, 600f, 400f));

        AssertBox(new BoundingBox(100f, 240f, 300f, 340f), input, 1e-4f);
    }

    [TestMethod]
    [DataRow(810, 1080, 640, 640)]
    [DataRow(1280, 720, 640, 640)]
    [DataRow(333, 517, 320, 256)]
    [DataRow(97, 61, 640, 640)]
    public void BoxesInsideTheSourceSurviveARoundTrip(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight)
    {
        var geometry = LetterboxGeometry.Compute(sourceWidth, sourceHeight, inputWidth, inputHeight);
        var box = new BoundingBox(sourceWidth * 0.1f, sourceHeight * 0.2f, sourceWidth * 0.7f, sourceHeight * 0.9f);

        BoundingBox roundTrip = geometry.ToSource(geometry.ToInput(box));

        AssertBox(box, roundTrip, 1e-3f);
    }

    [TestMethod]
    public void BoxMapsUseScaleBoxesPaddingWhereItDiffersFromTheRasterPadding()
    {
        // 1000x23 into 640: r = 0.64, 23 * 0.64 = 14.72 -> 15 rows; dh = 312.5 -> raster top = round(312.4) = 312,
        // but scale_boxes pads by round((640 - 14.72) / 2 - 0.1) = round(312.54) = 313.
        var geometry = LetterboxGeometry.Compute(1000, 23, 640, 640);

        Assert.AreEqual(312, geometry.PadTop);
        Assert.AreEqual(0f, geometry.ToSource(new BoundingBox(0f, 313f, 640f, 320f)).Y1, 1e-4f);
        Assert.AreEqual(313f, geometry.ToInput(new BoundingBox(0f, 0f, 10f, 10f)).Y1, 1e-4f);
        Assert.AreEqual(312.0, geometry.SourceToInput(0, 0).Y, 1e-9);
    }

    [TestMethod]
    public void SourcePointsLandWhereTheResizedRasterWasPlaced()
    {
        // Bus: 810 columns become 480 placed from column 80; 1080 rows become 640 from row 0.
        var geometry = LetterboxGeometry.Compute(810, 1080, 640, 640);

        (double x, double y) = geometry.SourceToInput(405, 540);
        (double right, double bottom) = geometry.SourceToInput(810, 1080);

        Assert.AreEqual(320.0, x, 1e-9);
        Assert.AreEqual(320.0, y, 1e-9);
        Assert.AreEqual(560.0, right, 1e-9);
        Assert.AreEqual(640.0, bottom, 1e-9);
    }

    [TestMethod]
    public void InputPointsMapBackToTheSourcePoint()
    {
        var geometry = LetterboxGeometry.Compute(1280, 720, 640, 640);

        (double x, double y) = geometry.InputToSource(320, 140);

        Assert.AreEqual(640.0, x, 1e-9);
        Assert.AreEqual(0.0, y, 1e-9);
    }

    private static void AssertBox(BoundingBox expected, BoundingBox actual, float tolerance)
    {
        Assert.AreEqual(expected.X1, actual.X1, tolerance, "X1");
        Assert.AreEqual(expected.Y1, actual.Y1, tolerance, "Y1");
        Assert.AreEqual(expected.X2, actual.X2, tolerance, "X2");
        Assert.AreEqual(expected.Y2, actual.Y2, tolerance, "Y2");
    }
}
