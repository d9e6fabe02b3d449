using AuditHarness.Core.Specs;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Builds the variant of an image with the pixels of a mask filled from their surroundings: the artifact-removed
/// image when the mask is the artifact, the placebo when it is the same shape moved onto background.
/// Pixels outside the mask are copied from the original byte for byte, whatever the method.
/// </summary>
public static class MaskedVariantBuilder
{
    /// <summary>
    /// Width in pixels of the ring around the mask whose mean colour <see cref="MaskingMethod.FillMean"/> uses:
    /// near enough to be the local background, wide enough (for a 320-pixel image) that a few stray artifact-coloured
    /// pixels at the mask's edge do not dominate.
    /// </summary>
    public const int FillMeanRingWidth = 5;

    /// <summary>
    /// Sigma in pixels of the Gaussian of <see cref="MaskingMethod.Blur"/>: strong enough to remove texture at the scale
    /// of a ruler's ticks or a marking's strokes, local enough to keep the colour of the region around the mask.
    /// </summary>
    public const double BlurSigma = 15.0;

    // Below this share of Gaussian weight on unmasked pixels (deep inside a wide mask) the normalised blur is noise;
    // those pixels take the ring mean instead.
    private const double MinimumBlurSupport = 1e-3;

    /// <summary>A new image (same size and type as <paramref name="original"/>) the caller disposes.</summary>
    /// <param name="original">An 8-bit image with 1 or 3 channels.</param>
    /// <param name="method">A method that fills a mask; <see cref="MaskingMethod.Given"/> and <see cref="MaskingMethod.Counterfactual"/>
    /// read their image from the dataset instead and are refused (<see cref="MaskingMethods.MaskFill"/> says how their placebos are filled).</param>
    /// <param name="inpaintRadius">The neighbourhood radius of the inpainting methods (OpenCV's inpaintRadius); ignored by the others.</param>
    public static Mat Build(Mat original, ArtifactMask mask, MaskingMethod method, int inpaintRadius)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(mask);
        if (original.Empty() || original.Dims != 2 || original.Depth() != MatType.CV_8U || original.Channels() is not (1 or 3))
        {
            throw new ArgumentException("Expected a non-empty 8-bit image with 1 or 3 channels.", nameof(original));
        }

        if (original.Cols != mask.Width || original.Rows != mask.Height)
        {
            throw new ArgumentException(
                $"The image is {original.Cols}x{original.Rows}; the mask is {mask.Width}x{mask.Height}.", nameof(mask));
        }

        if (method is MaskingMethod.InpaintTelea or MaskingMethod.InpaintNs)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inpaintRadius);
        }

        // Telea is the placebo's method on every pair. TeleaInpainter (OpenCV's bytes, several times faster) writes
        // only the masked pixels of its own clone of the original, so its result is the variant as it is: a second
        // clone with the masked pixels copied over would change nothing.
        if (method == MaskingMethod.InpaintTelea)
        {
            return TeleaInpainter.Inpaint(original, mask.Pixels, inpaintRadius);
        }

        using Mat filled = method switch
        {
            MaskingMethod.InpaintNs => Inpaint(original, mask, inpaintRadius, InpaintTypes.NS),
            MaskingMethod.FillMean => FillMean(original, mask),
            MaskingMethod.Blur => BlurUnmasked(original, mask),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a method that fills a mask."),
        };

        // Copying only the masked pixels onto a clone is what guarantees the outside is untouched, whatever a
        // method (or a future OpenCV) does elsewhere.
        Mat result = original.Clone();
        filled.CopyTo(result, mask.Pixels);
        return result;
    }

    private static Mat Inpaint(Mat original, ArtifactMask mask, int radius, InpaintTypes flags)
    {
        var inpainted = new Mat();
        Cv2.Inpaint(original, mask.Pixels, inpainted, radius, flags);
        return inpainted;
    }

    private static Mat FillMean(Mat original, ArtifactMask mask)
    {
        var filled = new Mat(original.Size(), original.Type(), RingMean(original, mask));
        return filled;
    }

    /// <summary>The mean colour of the unmasked pixels within <see cref="FillMeanRingWidth"/> of the mask; of all unmasked pixels if the ring is empty; Letterbox grey if there are none.</summary>
    private static Scalar RingMean(Mat original, ArtifactMask mask)
    {
        using ArtifactMask grown = mask.Dilate(FillMeanRingWidth);
        using var ring = new Mat();
        Cv2.Subtract(grown.Pixels, mask.Pixels, ring);
        if (Cv2.CountNonZero(ring) > 0)
        {
            return Cv2.Mean(original, ring);
        }

        using var outside = new Mat();
        Cv2.BitwiseNot(mask.Pixels, outside);
        return Cv2.CountNonZero(outside) > 0 ? Cv2.Mean(original, outside) : Scalar.All(Letterbox.PadValue);
    }

    private static Mat BlurUnmasked(Mat original, ArtifactMask mask)
    {
        // Normalised convolution: blur(image with the mask zeroed) / blur(indicator of unmasked pixels). A plain blur
        // of the image would smear the artifact's own colour into the fill and leave a ghost of it.
        int channels = original.Channels();
        using var known = new Mat();
        Cv2.BitwiseNot(mask.Pixels, known);
        using var weight = new Mat();
        known.ConvertTo(weight, MatType.CV_32FC1, 1.0 / 255.0);
        using var zeroed = original.Clone();
        zeroed.SetTo(Scalar.All(0), mask.Pixels);
        using var numerator = new Mat();
        zeroed.ConvertTo(numerator, MatType.CV_32FC(channels));

        var kernel = new Size(0, 0);
        Cv2.GaussianBlur(numerator, numerator, kernel, BlurSigma, BlurSigma, BorderTypes.Reflect101);
        Cv2.GaussianBlur(weight, weight, kernel, BlurSigma, BlurSigma, BorderTypes.Reflect101);

        using var support = new Mat();
        Cv2.Threshold(weight, support, MinimumBlurSupport, 1.0, ThresholdTypes.BinaryInv);
        using var weak = new Mat();
        support.ConvertTo(weak, MatType.CV_8UC1, 255.0);
        Cv2.Max(weight, MinimumBlurSupport, weight);

        using var denominator = new Mat();
        if (channels == 1)
        {
            weight.CopyTo(denominator);
        }
        else
        {
            Cv2.Merge([weight, weight, weight], denominator);
        }

        using var quotient = new Mat();
        Cv2.Divide(numerator, denominator, quotient);
        var blurred = new Mat();
        quotient.ConvertTo(blurred, original.Type());
        if (Cv2.CountNonZero(weak) > 0)
        {
            blurred.SetTo(RingMean(original, mask), weak);
        }

        return blurred;
    }
}
