using AuditHarness.Core.Geometry;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

// Expected tensors are written out by hand: planes R, G, B; each value byte / 255; padding 114.
[TestClass]
public sealed class LetterboxTests
{
    private const byte P = 114;

    [TestMethod]
    public void ImageOfInputWidthIsPaddedAboveAndBelowWithRgbPlanesOverTwoFiftyFive()
    {
        // 4x2 into 4x4: r = min(4/2, 4/4) = 1 (no resize), dh = 1 -> one grey row above, one below.
        // Pixel (x, y) is B = 4y + x, G = 100 + 4y + x, R = 200 + 4y + x.
        using var image = new Mat(2, 4, MatType.CV_8UC3);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                int v = 4 * y + x;
                image.Set(y, x, new Vec3b((byte)v, (byte)(100 + v), (byte)(200 + v)));
            }
        }

        float[] tensor = new float[3 * 4 * 4];
        LetterboxGeometry geometry = Letterbox.Apply(image, 4, 4, tensor);

        byte[] red =
        [
            P, P, P, P,
            200, 201, 202, 203,
            204, 205, 206, 207,
            P, P, P, P,
        ];
        byte[] green =
        [
            P, P, P, P,
            100, 101, 102, 103,
            104, 105, 106, 107,
            P, P, P, P,
        ];
        byte[] blue =
        [
            P, P, P, P,
            0, 1, 2, 3,
            4, 5, 6, 7,
            P, P, P, P,
        ];
        CollectionAssert.AreEqual(Unit(red, green, blue), tensor);
        Assert.AreEqual(1, geometry.PadTop);
        Assert.AreEqual(0, geometry.PadLeft);
    }

    [TestMethod]
    public void TallImageIsPaddedLeftAndRight()
    {
        // 2x4 into 4x4: r = 1, dw = 1 -> one grey column each side. Pixel (x, y) = B 10y + x, G 50, R 255 - (10y + x).
        using var image = new Mat(4, 2, MatType.CV_8UC3);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 2; x++)
            {
                int v = 10 * y + x;
                image.Set(y, x, new Vec3b((byte)v, 50, (byte)(255 - v)));
            }
        }

        float[] tensor = new float[3 * 4 * 4];
        Letterbox.Apply(image, 4, 4, tensor);

        byte[] red =
        [
            P, 255, 254, P,
            P, 245, 244, P,
            P, 235, 234, P,
            P, 225, 224, P,
        ];
        byte[] green =
        [
            P, 50, 50, P,
            P, 50, 50, P,
            P, 50, 50, P,
            P, 50, 50, P,
        ];
        byte[] blue =
        [
            P, 0, 1, P,
            P, 10, 11, P,
            P, 20, 21, P,
            P, 30, 31, P,
        ];
        CollectionAssert.AreEqual(Unit(red, green, blue), tensor);
    }

    [TestMethod]
    public void TwoPixelImageIsUpscaledBilinearlyAndCentred()
    {
        // 2x1 into 4x4: r = min(4/1, 4/2) = 2 -> 4x2, dh = 1 -> top 1, bottom 1.
        // INTER_LINEAR, dst x -> src (x + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped at the edges:
        // weights of (p0, p1) = (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1). p0 = BGR(0, 40, 200), p1 = BGR(100, 40, 0).
        using var image = new Mat(1, 2, MatType.CV_8UC3);
        image.Set(0, 0, new Vec3b(0, 40, 200));
        image.Set(0, 1, new Vec3b(100, 40, 0));

        float[] tensor = new float[3 * 4 * 4];
        LetterboxGeometry geometry = Letterbox.Apply(image, 4, 4, tensor);

        byte[] red =
        [
            P, P, P, P,
            200, 150, 50, 0,
            200, 150, 50, 0,
            P, P, P, P,
        ];
        byte[] green =
        [
            P, P, P, P,
            40, 40, 40, 40,
            40, 40, 40, 40,
            P, P, P, P,
        ];
        byte[] blue =
        [
            P, P, P, P,
            0, 25, 75, 100,
            0, 25, 75, 100,
            P, P, P, P,
        ];
        CollectionAssert.AreEqual(Unit(red, green, blue), tensor);
        Assert.AreEqual(2.0, geometry.Scale);
    }

    [TestMethod]
    public void GreyImageFillsAllThreePlanesAlike()
    {
        using var image = new Mat(2, 2, MatType.CV_8UC1);
        image.Set<byte>(0, 0, 0);
        image.Set<byte>(0, 1, 128);
        image.Set<byte>(1, 0, 255);
        image.Set<byte>(1, 1, 7);

        float[] tensor = new float[3 * 2 * 2];
        Letterbox.Apply(image, 2, 2, tensor);

        byte[] plane = [0, 128, 255, 7];
        CollectionAssert.AreEqual(Unit(plane, plane, plane), tensor);
    }

    [TestMethod]
    public void AlphaChannelIsIgnored()
    {
        using var image = new Mat(1, 1, MatType.CV_8UC4);
        image.Set(0, 0, new Vec4b(10, 20, 30, 0));

        float[] tensor = new float[3];
        Letterbox.Apply(image, 1, 1, tensor);

        CollectionAssert.AreEqual(Unit([30], [20], [10]), tensor);
    }

    [TestMethod]
    public void RegionOfALargerImageIsReadRowByRow()
    {
        // A 2x2 view into a 4x4 image: rows of the view are not adjacent in memory.
        using var whole = new Mat(4, 4, MatType.CV_8UC3);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                byte v = (byte)(10 * y + x);
                whole.Set(y, x, new Vec3b(v, v, v));
            }
        }

        using var view = new Mat(whole, new Rect(1, 1, 2, 2));
        float[] tensor = new float[3 * 2 * 2];
        Letterbox.Apply(view, 2, 2, tensor);

        byte[] plane = [11, 12, 21, 22];
        CollectionAssert.AreEqual(Unit(plane, plane, plane), tensor);
    }

    [TestMethod]
    public void ReturnsTheGeometryItApplied()
    {
        using var image = new Mat(720, 1280, MatType.CV_8UC3, Scalar.All(0));
        float[] tensor = new float[3 * 640 * 640];

        LetterboxGeometry geometry = Letterbox.Apply(image, 640, 640, tensor);

        Assert.AreEqual(LetterboxGeometry.Compute(1280, 720, 640, 640), geometry);
        Assert.AreEqual(P / 255f, tensor[139 * 640]);
        Assert.AreEqual(0f, tensor[140 * 640]);
        Assert.AreEqual(0f, tensor[499 * 640 + 639]);
        Assert.AreEqual(P / 255f, tensor[500 * 640]);
    }

    [TestMethod]
    public void DestinationOfTheWrongLengthIsRejected()
    {
        using var image = new Mat(2, 2, MatType.CV_8UC3, Scalar.All(0));

        Assert.ThrowsExactly<ArgumentException>(() => Letterbox.Apply(image, 2, 2, new float[11]));
    }

    [TestMethod]
    public void SixteenBitImageIsRejected()
    {
        using var image = new Mat(2, 2, MatType.CV_16UC3, Scalar.All(0));

        Assert.ThrowsExactly<ArgumentException>(() => Letterbox.Apply(image, 2, 2, new float[12]));
    }

    [TestMethod]
    public void TwoChannelImageIsRejected()
    {
        using var image = new Mat(2, 2, MatType.CV_8UC2, Scalar.All(0));

        Assert.ThrowsExactly<ArgumentException>(() => Letterbox.Apply(image, 2, 2, new float[12]));
    }

    [TestMethod]
    public void BusPhotoIsPaddedEightyColumnsEachSide()
    {
        string path = SharedAssets.Image("bus.jpg");

        using Mat image = ImageFile.Read(path);
        float[] tensor = new float[3 * 640 * 640];
        LetterboxGeometry geometry = Letterbox.Apply(image, 640, 640, tensor);

        Assert.AreEqual(810, geometry.SourceWidth);
        Assert.AreEqual(1080, geometry.SourceHeight);
        Assert.AreEqual(80, geometry.PadLeft);
        Assert.AreEqual(0, geometry.PadTop);
        float pad = P / 255f;
        for (int channel = 0; channel < 3; channel++)
        {
            for (int y = 0; y < 640; y += 37)
            {
                int row = channel * 640 * 640 + y * 640;
                Assert.AreEqual(pad, tensor[row + 79], $"left padding, channel {channel}, row {y}");
                Assert.AreEqual(pad, tensor[row + 560], $"right padding, channel {channel}, row {y}");
            }
        }

        int photoValuesOtherThanGrey = 0;
        for (int x = 80; x < 560; x++)
        {
            if (tensor[320 * 640 + x] != pad)
            {
                photoValuesOtherThanGrey++;
            }
        }

        Assert.IsGreaterThan(400, photoValuesOtherThanGrey);
    }

    [TestMethod]
    public void EveryByteValueLandsInItsPlaneAsByteOverTwoFiftyFiveOnWideRowsOfAView()
    {
        // 53 columns: three blocks of 16 pixels and a tail of 5, so both the block copy and the per-pixel tail are
        // used; a view into a wider image, so rows are not contiguous. Seeded random bytes cover every value.
        using var parent = new Mat(9, 60, MatType.CV_8UC3);
        var random = new Random(11);
        byte[] bytes = new byte[9 * 60 * 3];
        random.NextBytes(bytes);
        for (int i = 0; i < 256; i++)
        {
            bytes[i] = (byte)i; // every value at least once
        }

        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, parent.Data, bytes.Length);
        using var image = new Mat(parent, new Rect(4, 1, 53, 8));
        float[] tensor = new float[3 * 53 * 53];
        LetterboxGeometry geometry = Letterbox.Apply(image, 53, 53, tensor);
        Assert.IsFalse(geometry.NeedsResize);

        int plane = 53 * 53;
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 53; x++)
            {
                int source = ((y + 1) * 60 + (x + 4)) * 3;
                int target = (geometry.PadTop + y) * 53 + x;
                Assert.AreEqual(bytes[source + 2] / 255f, tensor[target], $"red at ({x}, {y})");
                Assert.AreEqual(bytes[source + 1] / 255f, tensor[plane + target], $"green at ({x}, {y})");
                Assert.AreEqual(bytes[source] / 255f, tensor[2 * plane + target], $"blue at ({x}, {y})");
            }
        }
    }

    private static float[] Unit(byte[] red, byte[] green, byte[] blue) =>
        [.. red.Select(v => v / 255f), .. green.Select(v => v / 255f), .. blue.Select(v => v / 255f)];
}
