using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

        // Working arrays of the image's size are rented: a placement runs once per pair and model, and fresh arrays
        // of this size would be zeroed by the runtime only to be overwritten here.
        int pixels = width * height, prefixLength = height * (width + 1);
        byte[] forbidden = ArrayPool<byte>.Shared.Rent(pixels);
        int[] forbiddenPrefix = ArrayPool<int>.Shared.Rent(prefixLength);
        int[] texturePrefix = ArrayPool<int>.Shared.Rent(prefixLength);
        try
        {
            ForbiddenPixels(forbidden.AsSpan(0, pixels), artifact, avoid, margin);
            RowPrefix(forbidden, width, height, forbiddenPrefix);
            TexturePrefix(original, texturePrefix);
            ShapeRuns runs = ShapeRuns.From(artifact);

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
                    double? score = runs.Score(dx, dy, width + 1, forbiddenPrefix, texturePrefix, artifact.Area);
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
                if (placed + 1 < count)
                {
                    // Later placebos keep clear of this one too.
                    MarkDilated(forbidden.AsSpan(0, pixels), placement.Mask, margin);
                    RowPrefix(forbidden, width, height, forbiddenPrefix);
                }
            }

            return placements;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(forbidden);
            ArrayPool<int>.Shared.Return(forbiddenPrefix);
            ArrayPool<int>.Shared.Return(texturePrefix);
        }
    }

    /// <summary>Per row, the running count of forbidden pixels: entry y·(width+1)+x counts row y's columns before x.</summary>
    private static unsafe void RowPrefix(byte[] values, int width, int height, int[] prefix)
    {
        fixed (byte* source = values)
        fixed (int* start = prefix)
        {
            for (int y = 0; y < height; y++)
            {
                byte* row = source + (y * width);
                int* target = start + (y * (width + 1));
                int x = 0;
                int sum = 0;
                if (Sse41.IsSupported)
                {
                    Vector128<int> carry = Vector128<int>.Zero;
                    for (; x + 4 <= width; x += 4)
                    {
                        ExclusiveScan(Sse41.ConvertToVector128Int32(row + x), ref carry).Store(target + x);
                    }

                    sum = carry.ToScalar();
                }

                for (; x < width; x++)
                {
                    target[x] = sum;
                    sum += row[x];
                }

                target[width] = sum;
            }
        }
    }

    /// <summary>
    /// The running sums before each of four lanes, <paramref name="carry"/> (the sum so far, in every lane) added;
    /// <paramref name="carry"/> moves past the four. Whole numbers, so the same sums as adding one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ExclusiveScan(Vector128<int> values, ref Vector128<int> carry)
    {
        Vector128<int> inclusive = values + Sse2.ShiftLeftLogical128BitLane(values, 4);
        inclusive += Sse2.ShiftLeftLogical128BitLane(inclusive, 8);
        Vector128<int> before = carry + inclusive - values;
        carry += Sse2.Shuffle(inclusive, 0xFF);
        return before;
    }

    /// <summary>
    /// Per row, the running sum of the texture |∂x| + |∂y| (layout as <see cref="RowPrefix"/>). The 3x3 Sobel of an
    /// 8-bit grey image is a whole number of at most 1,020 in magnitude, so 16-bit derivatives hold it exactly and
    /// a row's running sum (at most 2,040 per pixel) fits an int for rows of up to a million pixels. The sums are exact: a shape's mean is the same double whichever way its pixels are added.
    /// </summary>
    private static unsafe void TexturePrefix(Mat original, int[] prefix)
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
        Cv2.Sobel(grey, gx, MatType.CV_16S, 1, 0, 3);
        Cv2.Sobel(grey, gy, MatType.CV_16S, 0, 1, 3);
        int rows = gx.Rows, columns = gx.Cols;
        byte* dataX = (byte*)gx.DataPointer, dataY = (byte*)gy.DataPointer;
        long stepX = gx.Step(), stepY = gy.Step();
        fixed (int* start = prefix)
        {
            for (int y = 0; y < rows; y++)
            {
                short* rowX = (short*)(dataX + y * stepX);
                short* rowY = (short*)(dataY + y * stepY);
                int* target = start + y * (columns + 1);
                int x = 0;
                int sum = 0;
                if (Sse41.IsSupported)
                {
                    Vector128<int> carry = Vector128<int>.Zero;
                    for (; x + 4 <= columns; x += 4)
                    {
                        Vector128<int> texture = Vector128.Abs(Sse41.ConvertToVector128Int32(rowX + x)) + Vector128.Abs(Sse41.ConvertToVector128Int32(rowY + x));
                        ExclusiveScan(texture, ref carry).Store(target + x);
                    }

                    sum = carry.ToScalar();
                }

                for (; x < columns; x++)
                {
                    target[x] = sum;
                    sum += Math.Abs((int)rowX[x]) + Math.Abs((int)rowY[x]);
                }

                target[columns] = sum;
            }
        }
    }

    /// <summary>Marks the artifact dilated by the margin and every avoided box expanded by it.</summary>
    private static void ForbiddenPixels(Span<byte> forbidden, ArtifactMask artifact, IReadOnlyList<BoundingBox> avoid, int margin)
    {
        int width = artifact.Width;
        int height = artifact.Height;
        forbidden.Clear();
        MarkDilated(forbidden, artifact, margin);
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
                    forbidden.Slice(y * width + x1, x2 - x1).Fill(1);
                }
            }
        }
    }

    /// <summary>Marks the mask dilated by <paramref name="margin"/>, as <see cref="ArtifactMask.Dilate"/> grows it.</summary>
    private static unsafe void MarkDilated(Span<byte> forbidden, ArtifactMask mask, int margin)
    {
        if (mask.IsEmpty)
        {
            return;
        }

        using Mat grown = mask.DilatedWindow(margin, out Rect window);
        byte* pixels = (byte*)grown.DataPointer;
        long step = grown.Step();
        for (int y = 0; y < window.Height; y++)
        {
            byte* row = pixels + y * step;
            Span<byte> target = forbidden.Slice((window.Y + y) * mask.Width + window.X, window.Width);
            for (int x = 0; x < window.Width; x++)
            {
                if (row[x] != 0)
                {
                    target[x] = 1;
                }
            }
        }
    }
}
