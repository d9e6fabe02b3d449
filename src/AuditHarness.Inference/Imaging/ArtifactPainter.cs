using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Inserts synthetic artifacts (watermark text, a ruler, a logo) into clean images to build trap sets. The mask
/// returned with each image is computed by comparing output and input, so it is exactly the pixels that changed
/// and every pixel outside it is the input's.
/// </summary>
/// <remarks>
/// Each artifact is drawn as an anti-aliased coverage map, and each pixel becomes
/// <c>round(clean + (colour - clean) · opacity · coverage / 255)</c>. Sizes that are not given (margins, tick
/// lengths, ruler digits) scale with the image's shorter side relative to 320 pixels, the demo images' size.
/// </remarks>
public static class ArtifactPainter
{
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;

    /// <summary>White: the usual colour of a burned-in watermark or label.</summary>
    private static readonly Scalar DefaultWatermarkColour = Scalar.All(255);

    /// <summary>Near-black: the printed scale of a dermoscopy ruler.</summary>
    private static readonly Scalar DefaultRulerColour = Scalar.All(20);

    /// <summary>Writes <paramref name="text"/> in a corner (white unless <paramref name="colour"/> is given).</summary>
    /// <param name="clean">An 8-bit BGR image; it is not modified.</param>
    /// <param name="opacity">In (0, 1]: 1 paints the text solid, smaller values blend it with the image.</param>
    public static PaintedArtifact PaintWatermark(
        Mat clean, string text, double fontScale, double opacity, Corner position, Scalar? colour = null)
    {
        RequireBgr(clean);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fontScale);
        RequireOpacity(opacity);

        int width = clean.Cols;
        int height = clean.Rows;
        int thickness = Math.Max(1, (int)Math.Round(fontScale * 2));
        Size size = Cv2.GetTextSize(text, Font, fontScale, thickness, out int baseline);
        int margin = Margin(width, height);
        int blockHeight = size.Height + baseline + thickness;
        if (size.Width + thickness + 2 * margin > width || blockHeight + 2 * margin > height)
        {
            throw new ArgumentException(
                $"The watermark '{text}' at font scale {fontScale} is {size.Width}x{blockHeight} pixels and does not fit a {width}x{height} image with a {margin}-pixel margin.",
                nameof(text));
        }

        bool left = position is Corner.TopLeft or Corner.BottomLeft;
        bool top = position is Corner.TopLeft or Corner.TopRight;
        int x = position == Corner.Center ? (width - size.Width - thickness) / 2 : left ? margin : width - margin - size.Width - thickness;
        int y = position == Corner.Center ? (height + size.Height - baseline - thickness) / 2
            : top ? margin + size.Height : height - margin - baseline - thickness;

        using var coverage = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.PutText(coverage, text, new Point(x, y), Font, fontScale, Scalar.All(255), thickness, LineTypes.AntiAlias);
        using var overlay = new Mat(height, width, MatType.CV_8UC3, colour ?? DefaultWatermarkColour);
        return Blend(clean, overlay, coverage, opacity);
    }

    /// <summary>
    /// Draws a ruler along an edge: a base line, a tick every <paramref name="tickSpacing"/> pixels (longer every
    /// 5th, longest every 10th) and a digit (0, 1, 2, ...) beside each longest tick, near-black unless
    /// <paramref name="colour"/> is given.
    /// </summary>
    /// <param name="labelScale">Size of the digits relative to the default for the image's size.</param>
    public static PaintedArtifact PaintRuler(
        Mat clean, RulerEdge edge, double opacity, int tickSpacing = 8, Scalar? colour = null, double labelScale = 1)
    {
        RequireBgr(clean);
        RequireOpacity(opacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(tickSpacing, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(labelScale);

        int width = clean.Cols;
        int height = clean.Rows;
        bool horizontal = edge is RulerEdge.Top or RulerEdge.Bottom;
        int length = horizontal ? width : height;
        int depth = horizontal ? height : width;
        double unit = Math.Min(width, height) / 320.0;
        int inset = Margin(width, height);
        int shortTick = Math.Max(2, (int)Math.Round(5 * unit));
        int middleTick = Math.Max(3, (int)Math.Round(8 * unit));
        int longTick = Math.Max(4, (int)Math.Round(12 * unit));
        double fontScale = 0.35 * Math.Max(unit, 0.5) * labelScale;
        int gap = Math.Max(1, (int)Math.Round(2 * unit));
        Size digitSize = Cv2.GetTextSize("0", Font, fontScale, 1, out _);
        int digitDepth = horizontal ? digitSize.Height : digitSize.Width;
        if (inset + longTick + gap + 2 * digitDepth >= depth / 2)
        {
            throw new ArgumentException(
                $"A ruler needs about {2 * (inset + longTick + gap + 2 * digitDepth)} pixels across; the image is {width}x{height}.",
                nameof(clean));
        }

        // Drawn in (along, depth) coordinates: along runs with the edge, depth grows from the edge into the image.
        Point Map(int along, int fromEdge) => edge switch
        {
            RulerEdge.Top => new Point(along, fromEdge),
            RulerEdge.Bottom => new Point(along, height - 1 - fromEdge),
            RulerEdge.Left => new Point(fromEdge, along),
            _ => new Point(width - 1 - fromEdge, along),
        };

        using var coverage = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        var ink = Scalar.All(255);
        int start = (int)Math.Round(length * 0.05);
        int end = length - 1 - start;
        Cv2.Line(coverage, Map(start, inset), Map(end, inset), ink, 1, LineTypes.AntiAlias);
        for (int tick = 0; start + tick * tickSpacing <= end; tick++)
        {
            int along = start + tick * tickSpacing;
            int tickLength = tick % 10 == 0 ? longTick : tick % 5 == 0 ? middleTick : shortTick;
            Cv2.Line(coverage, Map(along, inset), Map(along, inset + tickLength), ink, 1, LineTypes.AntiAlias);
            if (tick % 10 != 0)
            {
                continue;
            }

            string digits = (tick / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Size textSize = Cv2.GetTextSize(digits, Font, fontScale, 1, out _);
            int alongExtent = horizontal ? textSize.Width : textSize.Height;
            int depthExtent = horizontal ? textSize.Height : textSize.Width;
            int alongStart = Math.Clamp(along - alongExtent / 2, 0, length - alongExtent);
            int depthStart = inset + longTick + gap;
            Point a = Map(alongStart, depthStart);
            Point b = Map(alongStart + alongExtent, depthStart + depthExtent);
            var origin = new Point(Math.Min(a.X, b.X), Math.Max(a.Y, b.Y));
            Cv2.PutText(coverage, digits, origin, Font, fontScale, ink, 1, LineTypes.AntiAlias);
        }

        using var overlay = new Mat(height, width, MatType.CV_8UC3, colour ?? DefaultRulerColour);
        return Blend(clean, overlay, coverage, opacity);
    }

    /// <summary>Blends <paramref name="logo"/> (8-bit BGR, or BGRA whose alpha is its coverage) into a corner.</summary>
    public static PaintedArtifact PaintLogo(Mat clean, Mat logo, double opacity, Corner position)
    {
        RequireBgr(clean);
        ArgumentNullException.ThrowIfNull(logo);
        RequireOpacity(opacity);
        if (logo.Empty() || logo.Depth() != MatType.CV_8U || logo.Channels() is not (3 or 4))
        {
            throw new ArgumentException("Expected the logo as a non-empty 8-bit BGR or BGRA image.", nameof(logo));
        }

        int width = clean.Cols;
        int height = clean.Rows;
        int margin = Margin(width, height);
        if (logo.Cols + 2 * margin > width || logo.Rows + 2 * margin > height)
        {
            throw new ArgumentException(
                $"The logo is {logo.Cols}x{logo.Rows} and does not fit a {width}x{height} image with a {margin}-pixel margin.",
                nameof(logo));
        }

        bool left = position is Corner.TopLeft or Corner.BottomLeft;
        bool top = position is Corner.TopLeft or Corner.TopRight;
        var region = position == Corner.Center
            ? new Rect((width - logo.Cols) / 2, (height - logo.Rows) / 2, logo.Cols, logo.Rows)
            : new Rect(left ? margin : width - margin - logo.Cols, top ? margin : height - margin - logo.Rows, logo.Cols, logo.Rows);

        using var overlay = new Mat(height, width, MatType.CV_8UC3, Scalar.All(0));
        using var coverage = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        using (var overlayRegion = new Mat(overlay, region))
        using (var coverageRegion = new Mat(coverage, region))
        {
            if (logo.Channels() == 4)
            {
                Cv2.CvtColor(logo, overlayRegion, ColorConversionCodes.BGRA2BGR);
                Cv2.ExtractChannel(logo, coverageRegion, 3);
            }
            else
            {
                logo.CopyTo(overlayRegion);
                coverageRegion.SetTo(Scalar.All(255));
            }
        }

        return Blend(clean, overlay, coverage, opacity);
    }

    private static unsafe PaintedArtifact Blend(Mat clean, Mat overlay, Mat coverage, double opacity)
    {
        Mat image = clean.Clone();
        int rows = image.Rows;
        int columns = image.Cols;
        for (int y = 0; y < rows; y++)
        {
            byte* target = (byte*)image.Ptr(y);
            byte* colour = (byte*)overlay.Ptr(y);
            byte* weight = (byte*)coverage.Ptr(y);
            for (int x = 0; x < columns; x++)
            {
                if (weight[x] == 0)
                {
                    continue;
                }

                double alpha = opacity * weight[x] / 255.0;
                for (int c = 3 * x; c < 3 * x + 3; c++)
                {
                    double blended = target[c] + (colour[c] - target[c]) * alpha;
                    target[c] = (byte)Math.Clamp(Math.Round(blended, MidpointRounding.AwayFromZero), 0, 255);
                }
            }
        }

        using var difference = new Mat();
        Cv2.Absdiff(image, clean, difference);
        var mask = ArtifactMask.FromMat(difference);
        if (mask.IsEmpty)
        {
            mask.Dispose();
            image.Dispose();
            throw new ArgumentException(
                "Painting changed no pixel: the artifact's colour equals the image under it, or it is too faint to change a grey level.");
        }

        return new PaintedArtifact(image, mask);
    }

    private static int Margin(int width, int height) => Math.Max(2, (int)Math.Round(0.02 * Math.Min(width, height)));

    private static void RequireBgr(Mat clean)
    {
        ArgumentNullException.ThrowIfNull(clean);
        if (clean.Empty() || clean.Dims != 2 || clean.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException("Expected a non-empty 8-bit BGR image (8UC3).", nameof(clean));
        }
    }

    private static void RequireOpacity(double opacity)
    {
        if (!(opacity > 0 && opacity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "Opacity must be in (0, 1].");
        }
    }
}
