using AuditHarness.Core.Detections;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class ArtifactPainterTests
{
    [TestMethod]
    [DataRow(Corner.TopLeft)]
    [DataRow(Corner.TopRight)]
    [DataRow(Corner.BottomLeft)]
    [DataRow(Corner.BottomRight)]
    public void WatermarkChangesOnlyItsMaskAndSitsInTheRequestedCorner(Corner corner)
    {
        using Mat clean = MaskFixtures.Noise(320, 240, seed: 12, low: 0, high: 200);

        using var painted = ArtifactPainter.PaintWatermark(clean, "HOSPITAL A", 0.6, 0.8, corner);

        AssertMaskIsExactlyTheChangedPixels(clean, painted);
        BoundingBox box = painted.Mask.BoundingBox;
        bool left = corner is Corner.TopLeft or Corner.BottomLeft;
        bool top = corner is Corner.TopLeft or Corner.TopRight;
        Assert.IsTrue(left ? box.X2 <= 160 : box.X1 >= 160, $"{corner}: {box}");
        Assert.IsTrue(top ? box.Y2 <= 120 : box.Y1 >= 120, $"{corner}: {box}");
    }

    [TestMethod]
    public void CentredWatermarkAndLogoStraddleTheImageCentre()
    {
        using Mat clean = MaskFixtures.Noise(320, 240, seed: 14, low: 0, high: 200);
        using var logo = new Mat(30, 50, MatType.CV_8UC3, new Scalar(0, 0, 255));

        using var watermark = ArtifactPainter.PaintWatermark(clean, "HOSPITAL A", 0.6, 0.8, Corner.Center);
        using var pasted = ArtifactPainter.PaintLogo(clean, logo, 1.0, Corner.Center);

        AssertMaskIsExactlyTheChangedPixels(clean, watermark);
        foreach (BoundingBox box in new[] { watermark.Mask.BoundingBox, pasted.Mask.BoundingBox })
        {
            Assert.IsTrue(box.X1 < 160 && box.X2 > 160 && box.Y1 < 120 && box.Y2 > 120, box.ToString());
            Assert.IsLessThanOrEqualTo(3, Math.Abs(160 - (box.X1 + box.X2) / 2), box.ToString());
        }

        Assert.AreEqual(new BoundingBox(135, 105, 185, 135), pasted.Mask.BoundingBox);
    }

    [TestMethod]
    public void RulerLabelScaleEnlargesOnlyTheDigits()
    {
        using Mat clean = MaskFixtures.Noise(320, 240, seed: 15, low: 120, high: 255);

        using var normal = ArtifactPainter.PaintRuler(clean, RulerEdge.Bottom, opacity: 1.0);
        using var large = ArtifactPainter.PaintRuler(clean, RulerEdge.Bottom, opacity: 1.0, labelScale: 1.5);

        Assert.IsGreaterThan(normal.Mask.Area, large.Mask.Area);
        Assert.IsGreaterThan(normal.Mask.BoundingBox.Height, large.Mask.BoundingBox.Height);
        Assert.AreEqual(normal.Mask.BoundingBox.Y2, large.Mask.BoundingBox.Y2);
    }

    [TestMethod]
    public void OpaqueWhiteWatermarkOnBlackReachesWhite()
    {
        using var clean = new Mat(100, 200, MatType.CV_8UC3, Scalar.All(0));

        using var painted = ArtifactPainter.PaintWatermark(clean, "L", 1.0, 1.0, Corner.TopLeft);

        painted.Image.MinMaxLoc(out double _, out double brightest);
        Assert.AreEqual(255.0, brightest);
    }

    [TestMethod]
    public void WatermarkTooLargeForTheImageIsRejected()
    {
        using var clean = new Mat(40, 40, MatType.CV_8UC3, Scalar.All(0));

        var error = Assert.ThrowsExactly<ArgumentException>(
            () => ArtifactPainter.PaintWatermark(clean, "A VERY LONG WATERMARK", 1.0, 1.0, Corner.TopLeft));

        StringAssert.Contains(error.Message, "does not fit a 40x40 image");
    }

    [TestMethod]
    [DataRow(RulerEdge.Top)]
    [DataRow(RulerEdge.Bottom)]
    [DataRow(RulerEdge.Left)]
    [DataRow(RulerEdge.Right)]
    public void RulerChangesOnlyItsMaskAndRunsAlongTheRequestedEdge(RulerEdge edge)
    {
        using Mat clean = MaskFixtures.Noise(320, 240, seed: 13, low: 120, high: 255);

        using var painted = ArtifactPainter.PaintRuler(clean, edge, opacity: 0.9);

        AssertMaskIsExactlyTheChangedPixels(clean, painted);
        BoundingBox box = painted.Mask.BoundingBox;
        switch (edge)
        {
            case RulerEdge.Top:
                Assert.IsTrue(box.Y2 <= 60 && box.Width > 250, $"{box}");
                break;
            case RulerEdge.Bottom:
                Assert.IsTrue(box.Y1 >= 180 && box.Width > 250, $"{box}");
                break;
            case RulerEdge.Left:
                Assert.IsTrue(box.X2 <= 80 && box.Height > 190, $"{box}");
                break;
            default:
                Assert.IsTrue(box.X1 >= 240 && box.Height > 190, $"{box}");
                break;
        }
    }

    [TestMethod]
    public void RulerHasATickAtEverySpacing()
    {
        // White image, opaque ruler along the top. 320 wide: ticks from x = round(0.05 * 320) = 16 every 8 px up to
        // 303 (the last at 296). Base line at y = round(0.02 * 240) = 5; the shortest tick is round(5 * 240/320) = 4
        // long, so every tick marks y = 7 and the point halfway between two ticks does not.
        using var clean = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(255));

        using var painted = ArtifactPainter.PaintRuler(clean, RulerEdge.Top, opacity: 1.0, tickSpacing: 8);

        for (int x = 16; x <= 303; x += 8)
        {
            Assert.IsTrue(painted.Mask.Contains(x, 7), $"no tick at x = {x}");
        }

        Assert.IsFalse(painted.Mask.Contains(20, 7), "a tick between two spacings");
    }

    [TestMethod]
    public void OpaqueLogoIsCopiedAndHalfOpacityBlendsItHalfway()
    {
        // 200x100 image: margin = max(2, round(0.02 * 100)) = 2, so a 20x10 logo at top left covers (2,2)-(22,12).
        using var clean = new Mat(100, 200, MatType.CV_8UC3, Scalar.All(100));
        using var logo = new Mat(10, 20, MatType.CV_8UC3, new Scalar(0, 0, 250));

        using var opaque = ArtifactPainter.PaintLogo(clean, logo, 1.0, Corner.TopLeft);
        using var half = ArtifactPainter.PaintLogo(clean, logo, 0.5, Corner.TopLeft);

        Assert.AreEqual(new BoundingBox(2, 2, 22, 12), opaque.Mask.BoundingBox);
        Assert.AreEqual(200, opaque.Mask.Area);
        Assert.AreEqual(new Vec3b(0, 0, 250), opaque.Image.At<Vec3b>(2, 2));

        // 100 + (0 - 100) / 2 = 50; 100 + (250 - 100) / 2 = 175.
        Assert.AreEqual(new Vec3b(50, 50, 175), half.Image.At<Vec3b>(11, 21));
        AssertMaskIsExactlyTheChangedPixels(clean, half);
    }

    [TestMethod]
    public void TransparentPartOfALogoIsNotInTheMask()
    {
        // BGRA logo 10x10 at bottom right of 100x100 (margin 2: columns 88..97, rows 88..97); its left half is transparent.
        using var clean = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(30));
        using var logo = new Mat(10, 10, MatType.CV_8UC4, new Scalar(200, 200, 200, 255));
        logo.Rectangle(new Rect(0, 0, 5, 10), new Scalar(200, 200, 200, 0), -1);

        using var painted = ArtifactPainter.PaintLogo(clean, logo, 1.0, Corner.BottomRight);

        Assert.AreEqual(new BoundingBox(93, 88, 98, 98), painted.Mask.BoundingBox);
        Assert.AreEqual(50, painted.Mask.Area);
        AssertMaskIsExactlyTheChangedPixels(clean, painted);
    }

    [TestMethod]
    public void LogoLargerThanTheImageIsRejected()
    {
        using var clean = new Mat(20, 20, MatType.CV_8UC3, Scalar.All(30));
        using var logo = new Mat(20, 20, MatType.CV_8UC3, Scalar.All(200));

        var error = Assert.ThrowsExactly<ArgumentException>(() => ArtifactPainter.PaintLogo(clean, logo, 1.0, Corner.TopLeft));

        StringAssert.Contains(error.Message, "The logo is 20x20 and does not fit a 20x20 image");
    }

    [TestMethod]
    public void ZeroOpacityIsRejected()
    {
        using var clean = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(30));

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => ArtifactPainter.PaintWatermark(clean, "X", 0.5, 0.0, Corner.TopLeft));
    }

    [TestMethod]
    public void LogoTheColourOfTheImageChangesNothingAndIsRejected()
    {
        using var clean = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(30));
        using var logo = new Mat(10, 10, MatType.CV_8UC3, Scalar.All(30));

        var error = Assert.ThrowsExactly<ArgumentException>(() => ArtifactPainter.PaintLogo(clean, logo, 1.0, Corner.TopLeft));

        StringAssert.StartsWith(error.Message, "Painting changed no pixel");
    }

    [TestMethod]
    public void PaintedRulerCanBeRemovedAgainFromItsMask()
    {
        // The trap-set round trip: paint on a flat image, remove by the returned mask, get the flat image back.
        using var clean = new Mat(120, 160, MatType.CV_8UC3, new Scalar(140, 160, 200));
        using var painted = ArtifactPainter.PaintRuler(clean, RulerEdge.Bottom, opacity: 1.0);

        using Mat removed = MaskedVariantBuilder.Build(painted.Image, painted.Mask, MaskingMethod.FillMean, inpaintRadius: 3);

        Assert.IsTrue(MaskFixtures.AreIdentical(clean, removed));
    }

    private static void AssertMaskIsExactlyTheChangedPixels(Mat clean, PaintedArtifact painted)
    {
        Assert.IsFalse(painted.Mask.IsEmpty);
        Assert.AreEqual(0, MaskFixtures.ChangedOutside(clean, painted.Image, painted.Mask));
        using var difference = new Mat();
        Cv2.Absdiff(clean, painted.Image, difference);
        for (int y = 0; y < painted.Mask.Height; y++)
        {
            for (int x = 0; x < painted.Mask.Width; x++)
            {
                if (painted.Mask.Contains(x, y))
                {
                    Vec3b d = difference.At<Vec3b>(y, x);
                    Assert.IsTrue(d.Item0 + d.Item1 + d.Item2 > 0, $"({x},{y}) is in the mask but unchanged");
                }
            }
        }
    }
}
