using System.Runtime.InteropServices;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Statistics;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Places the placebo control: the artifact mask's exact shape translated onto neutral background, so that
/// removing it costs the image as many pixels as removing the artifact does, in a place that should not matter.
/// </summary>
/// <remarks>
/// Candidate shifts are drawn uniformly, with <see cref="SplitMix64"/> seeded by the caller, from those that keep
/// the whole shape inside the image. A candidate is valid when none of its pixels falls on the artifact dilated by
/// the margin, inside any avoided box expanded by the margin, or (for <see cref="PlaceMany"/>) on an earlier placebo
/// dilated by the margin. Among the valid candidates the one with the lowest texture score wins — the mean Sobel
/// gradient magnitude (|∂x| + |∂y| of the grey image, 3x3) under the shape — with ties kept by draw order. Low
/// gradient means flat background, where removal by inpainting leaves the image least changed.
/// </remarks>
public static class PlaceboPlacer
{
    /// <summary>The least textured valid placement among <paramref name="maxAttempts"/> draws; null when no draw was valid.</summary>
    /// <param name="original">The 8-bit image (1, 3 or 4 channels) the artifact belongs to.</param>
    /// <param name="avoid">Boxes in image pixels the placebo must not touch (typically the detected objects).</param>
    public static PlaceboPlacement? Place(
        Mat original, ArtifactMask artifact, IReadOnlyList<BoundingBox> avoid, int seed, int margin, int maxAttempts)
    {
        IReadOnlyList<PlaceboPlacement> placements = PlaceMany(original, artifact, avoid, 1, seed, margin, maxAttempts);
        return placements.Count == 0 ? null : placements[0];
    }

    /// <summary>
    /// Up to <paramref name="count"/> placebos that do not overlap each other (nor come within the margin of each
    /// other), placed one after another from one seeded sequence, each the least textured of
    /// <paramref name="maxAttempts"/> draws. Fewer than <paramref name="count"/> when the image runs out of room.
    /// </summary>
    public static IReadOnlyList<PlaceboPlacement> PlaceMany(
        Mat original, ArtifactMask artifact, IReadOnlyList<BoundingBox> avoid, int count, int seed, int margin, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(avoid);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        if (original.Empty() || original.Depth() != MatType.CV_8U || original.Channels() is not (1 or 3 or 4))
        {
            throw new ArgumentException("Expected a non-empty 8-bit image with 1, 3 or 4 channels.", nameof(original));
        }

        int width = artifact.Width;
        int height = artifact.Height;
        if (original.Cols != width || original.Rows != height)
        {
            throw new ArgumentException(
                $"The image is {original.Cols}x{original.Rows}; the mask is {width}x{height}.", nameof(artifact));
        }

        if (artifact.IsEmpty)
        {
            throw new ArgumentException("The artifact mask is empty; there is no shape to place.", nameof(artifact));
        }

        byte[] forbidden = ForbiddenPixels(artifact, avoid, margin);
        float[] texture = GradientMagnitude(original);
        int[] shape = ShapeOffsets(artifact);
        ShapeRuns runs = ShapeRuns.From(artifact);

        // Row prefix sums turn each candidate's cost from one step per pixel into one per run of the shape. The
        // texture of an 8-bit image under a 3x3 Sobel is a whole number, so its sums are exact in a long and equal
        // the per-pixel double sum bit for bit; should it ever not be (another kernel, another depth), the
        // per-pixel sum is kept.
        long[]? texturePrefix = RowPrefix(texture, width, height);
        int[] forbiddenPrefix = RowPrefix(forbidden, width, height);

        // Shifts that keep the bounding box, hence every pixel of the shape, inside the image.
        BoundingBox bounds = artifact.BoundingBox;
        int minDx = -(int)bounds.X1;
        int minDy = -(int)bounds.Y1;
        int dxCount = width - (int)bounds.X2 + (int)bounds.X1 + 1;
        int dyCount = height - (int)bounds.Y2 + (int)bounds.Y1 + 1;

        var random = new SplitMix64(unchecked((ulong)seed));
        var placements = new List<PlaceboPlacement>(count);
        for (int placed = 0; placed < count; placed++)
        {
            (int Dx, int Dy, double Score)? best = null;
            for (int attempt = 0; attempt < maxAttempts; attempt++)
            {
                int dx = minDx + random.NextIndex(dxCount);
                int dy = minDy + random.NextIndex(dyCount);
                double? score = texturePrefix is null
                    ? Score(shape, dx + dy * width, forbidden, texture)
                    : runs.Score(dx, dy, width + 1, forbiddenPrefix, texturePrefix, shape.Length);
                if (score is { } value && (best is null || value < best.Value.Score))
                {
                    best = (dx, dy, value);
                }
            }

            if (best is not { } chosen)
            {
                break;
            }

            var placement = new PlaceboPlacement(artifact.Shift(chosen.Dx, chosen.Dy), chosen.Dx, chosen.Dy, chosen.Score);
            placements.Add(placement);
            using ArtifactMask keepOut = placement.Mask.Dilate(margin);
            Mark(forbidden, keepOut.Data);
            forbiddenPrefix = RowPrefix(forbidden, width, height);
        }

        return placements;
    }

    /// <summary>Per row, the running count of forbidden pixels: entry y·(width+1)+x counts row y's columns before x.</summary>
    private static int[] RowPrefix(byte[] values, int width, int height)
    {
        var prefix = new int[height * (width + 1)];
        for (int y = 0; y < height; y++)
        {
            int sum = 0;
            int row = y * width, outRow = y * (width + 1);
            for (int x = 0; x < width; x++)
            {
                prefix[outRow + x] = sum;
                sum += values[row + x];
            }

            prefix[outRow + width] = sum;
        }

        return prefix;
    }

    /// <summary>Per row, the running texture sum (layout as <see cref="RowPrefix(byte[], int, int)"/>); null when a value is not a whole number.</summary>
    private static long[]? RowPrefix(float[] values, int width, int height)
    {
        var prefix = new long[height * (width + 1)];
        for (int y = 0; y < height; y++)
        {
            long sum = 0;
            int row = y * width, outRow = y * (width + 1);
            for (int x = 0; x < width; x++)
            {
                prefix[outRow + x] = sum;
                float value = values[row + x];
                long whole = (long)value;
                if (whole != value || Math.Abs(whole) > (1L << 24))
                {
                    return null;
                }

                sum += whole;
            }

            prefix[outRow + width] = sum;
        }

        return prefix;
    }

    /// <summary>The mean texture under the shape shifted by <paramref name="offset"/> (dx + dy·width); null when it touches a forbidden pixel.</summary>
    private static double? Score(int[] shape, int offset, byte[] forbidden, float[] texture)
    {
        double sum = 0;
        foreach (int index in shape)
        {
            int target = index + offset;
            if (forbidden[target] != 0)
            {
                return null;
            }

            sum += texture[target];
        }

        return sum / shape.Length;
    }

    private static byte[] ForbiddenPixels(ArtifactMask artifact, IReadOnlyList<BoundingBox> avoid, int margin)
    {
        int width = artifact.Width;
        int height = artifact.Height;
        var forbidden = new byte[width * height];
        using (ArtifactMask keepOut = artifact.Dilate(margin))
        {
            Mark(forbidden, keepOut.Data);
        }

        foreach (BoundingBox box in avoid)
        {
            // Every pixel the expanded box touches, even partly, is off limits.
            int x1 = Math.Max(0, (int)Math.Floor(box.X1 - margin));
            int y1 = Math.Max(0, (int)Math.Floor(box.Y1 - margin));
            int x2 = Math.Min(width, (int)Math.Ceiling(box.X2 + margin));
            int y2 = Math.Min(height, (int)Math.Ceiling(box.Y2 + margin));
            for (int y = y1; y < y2; y++)
            {
                if (x2 > x1)
                {
                    forbidden.AsSpan(y * width + x1, x2 - x1).Fill(1);
                }
            }
        }

        return forbidden;
    }

    private static void Mark(byte[] forbidden, ReadOnlySpan<byte> pixels)
    {
        for (int i = 0; i < forbidden.Length; i++)
        {
            if (pixels[i] != 0)
            {
                forbidden[i] = 1;
            }
        }
    }

    private static int[] ShapeOffsets(ArtifactMask artifact)
    {
        ReadOnlySpan<byte> data = artifact.Data;
        var offsets = new int[artifact.Area];
        int n = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != 0)
            {
                offsets[n++] = i;
            }
        }

        return offsets;
    }

    private static float[] GradientMagnitude(Mat original)
    {
        using var grey = new Mat();
        switch (original.Channels())
        {
            case 1:
                original.CopyTo(grey);
                break;
            case 3:
                Cv2.CvtColor(original, grey, ColorConversionCodes.BGR2GRAY);
                break;
            default:
                Cv2.CvtColor(original, grey, ColorConversionCodes.BGRA2GRAY);
                break;
        }

        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(grey, gx, MatType.CV_32F, 1, 0, 3);
        Cv2.Sobel(grey, gy, MatType.CV_32F, 0, 1, 3);

        // |gx| + |gy| in managed code while copying out: OpenCV's absdiff against a scalar plus add cost about 3 ms
        // on a 320x320 image, ten times the two Sobels, and give the same floats (abs and one add are exact).
        int rows = gx.Rows;
        int columns = gx.Cols;
        var values = new float[rows * columns];
        var rowX = new float[columns];
        var rowY = new float[columns];
        for (int y = 0; y < rows; y++)
        {
            Marshal.Copy(gx.Ptr(y), rowX, 0, columns);
            Marshal.Copy(gy.Ptr(y), rowY, 0, columns);
            int offset = y * columns;
            for (int x = 0; x < columns; x++)
            {
                values[offset + x] = MathF.Abs(rowX[x]) + MathF.Abs(rowY[x]);
            }
        }

        return values;
    }
}
