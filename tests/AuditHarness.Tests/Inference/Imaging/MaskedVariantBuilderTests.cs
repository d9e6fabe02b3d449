using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class MaskedVariantBuilderTests
{
    [TestMethod]
    [DataRow(MaskingMethod.InpaintTelea)]
    [DataRow(MaskingMethod.InpaintNs)]
    [DataRow(MaskingMethod.FillMean)]
    [DataRow(MaskingMethod.Blur)]
    public void PixelsOutsideTheMaskAreExactlyTheOriginals(MaskingMethod method)
    {
        using Mat original = MaskFixtures.Noise(64, 48, seed: 7);
        using var mask = MaskFixtures.Rectangle(64, 48, new Rect(20, 10, 9, 25));

        using Mat variant = MaskedVariantBuilder.Build(original, mask, method, inpaintRadius: 3);

        Assert.AreEqual(original.Size(), variant.Size());
        Assert.AreEqual(original.Type(), variant.Type());
        Assert.AreEqual(0, MaskFixtures.ChangedOutside(original, variant, mask));
    }

    [TestMethod]
    [DataRow(MaskingMethod.InpaintTelea)]
    [DataRow(MaskingMethod.InpaintNs)]
    [DataRow(MaskingMethod.FillMean)]
    [DataRow(MaskingMethod.Blur)]
    public void ABlackBarOnBrightSkinIsReplacedByBrightPixels(MaskingMethod method)
    {
        // Background 180..220 in every channel, the artifact bar black: a fill from the surroundings is >= 150.
        using Mat original = MaskFixtures.Noise(64, 48, seed: 3, low: 180, high: 221);
        var bar = new Rect(30, 4, 4, 40);
        original.Rectangle(bar, Scalar.All(0), -1);
        using var mask = MaskFixtures.Rectangle(64, 48, bar);

        using Mat variant = MaskedVariantBuilder.Build(original, mask, method, inpaintRadius: 3);

        Scalar inside = Cv2.Mean(variant, mask.Pixels);
        Assert.IsTrue(inside.Val0 > 150 && inside.Val1 > 150 && inside.Val2 > 150, $"mean inside the mask {inside}");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    [DataRow(5)]
    [DataRow(12)]
    public void TeleaInAWindowAroundTheMaskGivesTheBytesOfTheWholeImage(int radius)
    {
        // Build inpaints only a window around the mask for speed; that must not change a single byte against
        // OpenCV's inpaint of the whole image, for shapes inside, touching the edges and thin diagonal ones.
        using Mat original = MaskFixtures.Noise(200, 160, seed: 5);
        using var pixels = new Mat(160, 200, MatType.CV_8UC1, Scalar.All(0));
        pixels.Line(new Point(30, 20), new Point(120, 70), Scalar.All(255), 5);
        pixels.Rectangle(new Rect(0, 140, 25, 20), Scalar.All(255), -1);
        pixels.Circle(new Point(190, 8), 9, Scalar.All(255), -1);
        pixels.Ellipse(new Point(100, 120), new Size(30, 8), 20, 0, 360, Scalar.All(255), -1);
        using ArtifactMask mask = ArtifactMask.FromMat(pixels);

        using Mat windowed = MaskedVariantBuilder.Build(original, mask, MaskingMethod.InpaintTelea, radius);
        using var whole = new Mat();
        Cv2.Inpaint(original, mask.Pixels, whole, radius, InpaintTypes.Telea);
        using Mat expected = original.Clone();
        whole.CopyTo(expected, mask.Pixels);

        Assert.IsTrue(MaskFixtures.AreIdentical(expected, windowed));
    }

    [TestMethod]
    [DataRow(MaskingMethod.InpaintTelea)]
    [DataRow(MaskingMethod.InpaintNs)]
    [DataRow(MaskingMethod.FillMean)]
    [DataRow(MaskingMethod.Blur)]
    public void BuildingTwiceGivesTheSameBytes(MaskingMethod method)
    {
        using Mat original = MaskFixtures.Noise(64, 48, seed: 11);
        using var mask = MaskFixtures.Rectangle(64, 48, new Rect(5, 5, 20, 6));

        using Mat first = MaskedVariantBuilder.Build(original, mask, method, inpaintRadius: 5);
        using Mat second = MaskedVariantBuilder.Build(original, mask, method, inpaintRadius: 5);

        Assert.IsTrue(MaskFixtures.AreIdentical(first, second));
    }

    [TestMethod]
    public void FillMeanUsesOnlyTheRingAroundTheMask()
    {
        // Mask 8..11 square; colour A within 6 pixels of it (2..17), colour B beyond. The 5-pixel ring lies in A,
        // so the fill is exactly A and B (far away) has no say.
        using var original = new Mat(40, 40, MatType.CV_8UC3, new Scalar(200, 200, 200));
        original.Rectangle(new Rect(2, 2, 16, 16), new Scalar(10, 20, 30), -1);
        original.Rectangle(new Rect(8, 8, 4, 4), new Scalar(0, 0, 255), -1);
        using var mask = MaskFixtures.Rectangle(40, 40, new Rect(8, 8, 4, 4));

        using Mat variant = MaskedVariantBuilder.Build(original, mask, MaskingMethod.FillMean, inpaintRadius: 3);

        Assert.AreEqual(new Vec3b(10, 20, 30), variant.At<Vec3b>(9, 9));
        Assert.AreEqual(new Vec3b(10, 20, 30), variant.At<Vec3b>(11, 8));
    }

    [TestMethod]
    public void FillMeanAveragesTheRingColours()
    {
        // Left half of the ring grey 100, right half grey 200; the mask sits on the boundary, so the ring is split
        // evenly by symmetry and the fill is 150.
        using var original = new Mat(40, 40, MatType.CV_8UC1, Scalar.All(100));
        original.Rectangle(new Rect(20, 0, 20, 40), Scalar.All(200), -1);
        using var mask = MaskFixtures.Rectangle(40, 40, new Rect(18, 18, 4, 4));

        using Mat variant = MaskedVariantBuilder.Build(original, mask, MaskingMethod.FillMean, inpaintRadius: 3);

        Assert.AreEqual((byte)150, variant.At<byte>(19, 19));
    }

    [TestMethod]
    public void BlurDoesNotSmearTheArtifactsOwnColourIntoTheFill()
    {
        // Uniform background: a normalised blur of the unmasked pixels is that colour everywhere, so a plain blur's
        // ghost of the red artifact would show as a deviation from it.
        using var original = new Mat(50, 50, MatType.CV_8UC3, new Scalar(90, 120, 160));
        original.Rectangle(new Rect(20, 5, 6, 40), new Scalar(0, 0, 255), -1);
        using var mask = MaskFixtures.Rectangle(50, 50, new Rect(20, 5, 6, 40));

        using Mat variant = MaskedVariantBuilder.Build(original, mask, MaskingMethod.Blur, inpaintRadius: 3);

        using var expected = new Mat(50, 50, MatType.CV_8UC3, new Scalar(90, 120, 160));
        Assert.IsTrue(MaskFixtures.AreIdentical(expected, variant));
    }

    [TestMethod]
    public void MaskCoveringTheWholeImageIsFilledWithLetterboxGrey()
    {
        using Mat original = MaskFixtures.Noise(8, 8, seed: 1);
        using var mask = MaskFixtures.Rectangle(8, 8, new Rect(0, 0, 8, 8));

        using Mat variant = MaskedVariantBuilder.Build(original, mask, MaskingMethod.FillMean, inpaintRadius: 3);

        Assert.AreEqual(new Vec3b(114, 114, 114), variant.At<Vec3b>(4, 4));
    }

    [TestMethod]
    public void MaskOfAnotherSizeIsRejected()
    {
        using Mat original = MaskFixtures.Noise(8, 8, seed: 1);
        using var mask = MaskFixtures.Rectangle(9, 8, new Rect(1, 1, 2, 2));

        var error = Assert.ThrowsExactly<ArgumentException>(
            () => MaskedVariantBuilder.Build(original, mask, MaskingMethod.InpaintTelea, 3));

        StringAssert.Contains(error.Message, "The image is 8x8; the mask is 9x8.");
    }

    [TestMethod]
    [DataRow(MaskingMethod.Given)]
    [DataRow(MaskingMethod.Counterfactual)]
    public void AMethodThatReadsItsImageFromTheDatasetIsRefused(MaskingMethod method)
    {
        using Mat original = MaskFixtures.Noise(8, 8, seed: 1);
        using var mask = MaskFixtures.Rectangle(8, 8, new Rect(1, 1, 2, 2));

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => MaskedVariantBuilder.Build(original, mask, method, 3));

        Assert.AreEqual("method", error.ParamName);
    }

    [TestMethod]
    public void InpaintingNeedsAPositiveRadius()
    {
        using Mat original = MaskFixtures.Noise(8, 8, seed: 1);
        using var mask = MaskFixtures.Rectangle(8, 8, new Rect(1, 1, 2, 2));

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => MaskedVariantBuilder.Build(original, mask, MaskingMethod.InpaintNs, 0));
    }

    [TestMethod]
    [DataRow(MaskingMethod.InpaintTelea)]
    [DataRow(MaskingMethod.InpaintNs)]
    [DataRow(MaskingMethod.FillMean)]
    [DataRow(MaskingMethod.Blur)]
    public void DemoRulerIsRemovedWithoutTouchingTheRestOfTheImage(MaskingMethod method)
    {
        string image = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/images/p0001.jpg");
        using Mat original = ImageFile.Read(image);
        using var mask = ArtifactMask.Load(
            RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/masks/p0001.png"), original.Cols, original.Rows, image);

        using Mat variant = MaskedVariantBuilder.Build(original, mask, method, inpaintRadius: 3);

        Assert.AreEqual(0, MaskFixtures.ChangedOutside(original, variant, mask));
        Assert.IsFalse(MaskFixtures.AreIdentical(original, variant));
    }
}
