using AuditHarness.Core.Geometry;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Turns an 8-bit image into the float input tensor of an Ultralytics YOLO export, exactly as Ultralytics
/// preprocesses for prediction: letterbox (INTER_LINEAR resize only when the size changes, grey 114 padding split
/// by <see cref="LetterboxGeometry"/>), BGR to RGB, divide by 255, planar NCHW.
/// </summary>
public static class Letterbox
{
    public const byte PadValue = 114;

    // byte / 255f per value, the same float32 division torch performs; a table keeps the hot loop to loads and stores.
    private static readonly float[] ByteToUnit = CreateByteToUnit();

    /// <summary>Writes the 3 x inputHeight x inputWidth tensor of <paramref name="bgrImage"/> into <paramref name="nchw"/>.</summary>
    /// <param name="bgrImage">An 8-bit image with 1 (grey), 3 (BGR) or 4 (BGRA, alpha ignored) channels.</param>
    public static LetterboxGeometry Apply(Mat bgrImage, int inputWidth, int inputHeight, Span<float> nchw)
    {
        ArgumentNullException.ThrowIfNull(bgrImage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputHeight);
        if (bgrImage.Empty())
        {
            throw new ArgumentException("The image is empty.", nameof(bgrImage));
        }

        if (bgrImage.Depth() != MatType.CV_8U || bgrImage.Dims != 2)
        {
            throw new ArgumentException(
                $"Expected a 2-D 8-bit image; got type {bgrImage.Type()} with {bgrImage.Dims} dimensions.", nameof(bgrImage));
        }

        int planeLength = inputWidth * inputHeight;
        if (nchw.Length != 3 * planeLength)
        {
            throw new ArgumentException(
                $"The destination holds {nchw.Length} floats; a 3x{inputHeight}x{inputWidth} tensor needs {3 * planeLength}.",
                nameof(nchw));
        }

        var geometry = LetterboxGeometry.Compute(bgrImage.Cols, bgrImage.Rows, inputWidth, inputHeight);

        Mat? converted = null;
        Mat? resized = null;
        try
        {
            Mat bgr = bgrImage.Channels() switch
            {
                3 => bgrImage,
                1 => converted = bgrImage.CvtColor(ColorConversionCodes.GRAY2BGR),
                4 => converted = bgrImage.CvtColor(ColorConversionCodes.BGRA2BGR),
                int channels => throw new ArgumentException(
                    $"Expected 1, 3 or 4 channels; got {channels}.", nameof(bgrImage)),
            };

            Mat placed = bgr;
            if (geometry.NeedsResize)
            {
                resized = new Mat();
                Cv2.Resize(bgr, resized, new Size(geometry.ResizedWidth, geometry.ResizedHeight), 0, 0, InterpolationFlags.Linear);
                placed = resized;
            }

            FillPadding(geometry, nchw);
            CopyPixels(placed, geometry, nchw);
            return geometry;
        }
        finally
        {
            resized?.Dispose();
            converted?.Dispose();
        }
    }

    private static void FillPadding(LetterboxGeometry geometry, Span<float> nchw)
    {
        float pad = ByteToUnit[PadValue];
        int width = geometry.InputWidth;
        int planeLength = width * geometry.InputHeight;
        int bandTop = geometry.PadTop;
        int bandBottom = geometry.PadTop + geometry.ResizedHeight;
        int imageRight = geometry.PadLeft + geometry.ResizedWidth;
        for (int channel = 0; channel < 3; channel++)
        {
            Span<float> plane = nchw.Slice(channel * planeLength, planeLength);
            plane[..(bandTop * width)].Fill(pad);
            plane[(bandBottom * width)..].Fill(pad);
            for (int y = bandTop; y < bandBottom; y++)
            {
                Span<float> row = plane.Slice(y * width, width);
                row[..geometry.PadLeft].Fill(pad);
                row[imageRight..].Fill(pad);
            }
        }
    }

    private static unsafe void CopyPixels(Mat bgr, LetterboxGeometry geometry, Span<float> nchw)
    {
        int width = geometry.InputWidth;
        int planeLength = width * geometry.InputHeight;
        int columns = geometry.ResizedWidth;
        long step = bgr.Step();
        byte* data = (byte*)bgr.DataPointer;
        fixed (float* tensor = nchw)
        fixed (float* unit = ByteToUnit)
        {
            float* red = tensor;
            float* green = tensor + planeLength;
            float* blue = tensor + 2 * planeLength;
            for (int y = 0; y < geometry.ResizedHeight; y++)
            {
                byte* source = data + y * step;
                int offset = (geometry.PadTop + y) * width + geometry.PadLeft;
                int x = Ssse3.IsSupported ? CopyRowVectorised(source, columns, blue + offset, green + offset, red + offset) : 0;
                for (; x < columns; x++)
                {
                    byte* pixel = source + 3 * x;
                    blue[offset + x] = unit[pixel[0]];
                    green[offset + x] = unit[pixel[1]];
                    red[offset + x] = unit[pixel[2]];
                }
            }
        }
    }

    /// <summary>
    /// The row's pixels 16 at a time: three shuffles per colour split 48 interleaved BGR bytes into planes, which
    /// are widened to float and divided by 255 -- the same IEEE single division as the table, so the same bits.
    /// Returns how many pixels it wrote; the caller finishes the row.
    /// </summary>
    private static unsafe int CopyRowVectorised(byte* source, int columns, float* blue, float* green, float* red)
    {
        const sbyte Z = -128; // a shuffle index with the high bit set writes zero
        Vector128<sbyte> b0 = Vector128.Create(0, 3, 6, 9, 12, 15, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        Vector128<sbyte> b1 = Vector128.Create(Z, Z, Z, Z, Z, Z, 2, 5, 8, 11, 14, Z, Z, Z, Z, Z);
        Vector128<sbyte> b2 = Vector128.Create(Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, 1, 4, 7, 10, 13);
        Vector128<sbyte> g0 = Vector128.Create(1, 4, 7, 10, 13, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        Vector128<sbyte> g1 = Vector128.Create(Z, Z, Z, Z, Z, 0, 3, 6, 9, 12, 15, Z, Z, Z, Z, Z);
        Vector128<sbyte> g2 = Vector128.Create(Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, 2, 5, 8, 11, 14);
        Vector128<sbyte> r0 = Vector128.Create(2, 5, 8, 11, 14, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        Vector128<sbyte> r1 = Vector128.Create(Z, Z, Z, Z, Z, 1, 4, 7, 10, 13, Z, Z, Z, Z, Z, Z);
        Vector128<sbyte> r2 = Vector128.Create(Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, 0, 3, 6, 9, 12, 15);
        int x = 0;
        for (; x + 16 <= columns; x += 16)
        {
            byte* pixels = source + 3 * x;
            Vector128<sbyte> v0 = Vector128.Load((sbyte*)pixels);
            Vector128<sbyte> v1 = Vector128.Load((sbyte*)pixels + 16);
            Vector128<sbyte> v2 = Vector128.Load((sbyte*)pixels + 32);
            Store(Ssse3.Shuffle(v0, b0) | Ssse3.Shuffle(v1, b1) | Ssse3.Shuffle(v2, b2), blue + x);
            Store(Ssse3.Shuffle(v0, g0) | Ssse3.Shuffle(v1, g1) | Ssse3.Shuffle(v2, g2), green + x);
            Store(Ssse3.Shuffle(v0, r0) | Ssse3.Shuffle(v1, r1) | Ssse3.Shuffle(v2, r2), red + x);
        }

        return x;
    }

    /// <summary>Sixteen bytes as sixteen floats, each byte / 255f.</summary>
    private static unsafe void Store(Vector128<sbyte> plane, float* target)
    {
        Vector128<float> divisor = Vector128.Create(255f);
        (Vector128<ushort> low, Vector128<ushort> high) = Vector128.Widen(plane.AsByte());
        (Vector128<uint> a, Vector128<uint> b) = Vector128.Widen(low);
        (Vector128<uint> c, Vector128<uint> d) = Vector128.Widen(high);
        (Vector128.ConvertToSingle(a.AsInt32()) / divisor).Store(target);
        (Vector128.ConvertToSingle(b.AsInt32()) / divisor).Store(target + 4);
        (Vector128.ConvertToSingle(c.AsInt32()) / divisor).Store(target + 8);
        (Vector128.ConvertToSingle(d.AsInt32()) / divisor).Store(target + 12);
    }

    private static float[] CreateByteToUnit()
    {
        var table = new float[256];
        for (int value = 0; value < table.Length; value++)
        {
            table[value] = value / 255f;
        }

        return table;
    }
}
