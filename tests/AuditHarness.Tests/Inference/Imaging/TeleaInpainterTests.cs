using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

/// <summary>
/// TeleaInpainter against OpenCV's own Telea inpainting (Cv2.Inpaint), the independent reference: every byte of the
/// result must be the same, on random images and masks of every kind and on the demo dataset's ruler masks.
/// </summary>
[TestClass]
public sealed class TeleaInpainterTests
{
    [TestMethod]
    [DataRow(1, 1)]
    [DataRow(1, 3)]
    [DataRow(3, 1)]
    [DataRow(3, 3)]
    [DataRow(3, 5)]
    [DataRow(1, 5)]
    [DataRow(3, 10)]
    [DataRow(1, 10)]
    public void RandomImagesAndMasksGiveOpenCvsBytes(int channels, int radius)
    {
        for (int seed = 0; seed < 24; seed++)
        {
            var random = new Random((seed * 1009) + (radius * 31) + channels);
            int width = random.Next(3, 72);
            int height = random.Next(3, 72);
            using Mat image = RandomImage(random, width, height, channels);
            using Mat mask = RandomMask(random, width, height, shapeKind: seed % 6);

            AssertSameAsOpenCv(image, mask, radius, $"seed {seed}, {width}x{height}");
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    public void MasksTouchingEachEdgeAndCornerGiveOpenCvsBytes(int channels)
    {
        // The image border is where OpenCV reads shifted neighbours and where its frame of known, far pixels starts.
        const int Width = 40, Height = 30;
        Rect[] touching =
        [
            new(0, 10, 6, 8), new(34, 10, 6, 8), new(15, 0, 9, 5), new(15, 25, 9, 5),
            new(0, 0, 5, 4), new(35, 0, 5, 4), new(0, 26, 5, 4), new(35, 26, 5, 4),
            new(0, 14, 40, 2), new(20, 0, 2, 30), new(0, 0, 1, 1), new(39, 29, 1, 1),
        ];
        var random = new Random(17);
        foreach (int radius in new[] { 1, 3, 5, 10 })
        {
            foreach (Rect region in touching)
            {
                using Mat image = RandomImage(random, Width, Height, channels);
                using var mask = new Mat(Height, Width, MatType.CV_8UC1, Scalar.All(0));
                mask.Rectangle(region, Scalar.All(255), -1);

                AssertSameAsOpenCv(image, mask, radius, $"radius {radius}, mask {region}");
            }
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    public void MasksCoveringMostOfTheImageGiveOpenCvsBytes(int channels)
    {
        var random = new Random(23);
        foreach (int radius in new[] { 1, 5, 10 })
        {
            using Mat image = RandomImage(random, 50, 40, channels);
            using var mask = new Mat(40, 50, MatType.CV_8UC1, Scalar.All(255));
            mask.Rectangle(new Rect(10, 12, 6, 5), Scalar.All(0), -1);
            mask.Circle(new Point(38, 30), 3, Scalar.All(0), -1);

            AssertSameAsOpenCv(image, mask, radius, $"radius {radius}");
        }
    }

    [TestMethod]
    public void AWholeImageMaskLeavesTheImageAsOpenCvDoes()
    {
        // No known pixel to start from: OpenCV fills nothing.
        var random = new Random(29);
        using Mat image = RandomImage(random, 20, 16, 3);
        using var mask = new Mat(16, 20, MatType.CV_8UC1, Scalar.All(1));

        AssertSameAsOpenCv(image, mask, 5, "whole image");
        using Mat filled = TeleaInpainter.Inpaint(image, mask, 5);
        Assert.IsTrue(MaskFixtures.AreIdentical(image, filled));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(2)]
    [DataRow(40)]
    [DataRow(150)]
    public void RadiiOutsideTheUsualRangeAreClampedAsOpenCvDoes(int radius)
    {
        var random = new Random(31 + radius);
        using Mat image = RandomImage(random, 60, 50, 3);
        using Mat mask = RandomMask(random, 60, 50, shapeKind: 0);

        AssertSameAsOpenCv(image, mask, radius, $"radius {radius}");
    }

    [TestMethod]
    public void EveryDemoRulerMaskGivesOpenCvsBytesAtRadiusFive()
    {
        string manifest = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv");
        string root = Path.GetDirectoryName(manifest)!;
        string[] header = File.ReadLines(manifest).First().Split(',');
        int imageColumn = Array.IndexOf(header, "image");
        int maskColumn = Array.IndexOf(header, "mask");
        int typeColumn = Array.IndexOf(header, "artifact_type");
        int rulers = 0;
        foreach (string line in File.ReadLines(manifest).Skip(1))
        {
            string[] fields = line.Split(',');
            if (fields[typeColumn] != "ruler")
            {
                continue;
            }

            string imagePath = Path.Combine(root, fields[imageColumn]);
            using Mat image = ImageFile.Read(imagePath);
            using ArtifactMask mask = ArtifactMask.Load(Path.Combine(root, fields[maskColumn]), image.Cols, image.Rows, imagePath);

            AssertSameAsOpenCv(image, mask.Pixels, 5, fields[maskColumn]);
            rulers++;
        }

        Assert.IsTrue(rulers >= 100, $"only {rulers} ruler masks found");
    }

    [TestMethod]
    public void AnEmptyMaskGivesACopyOfTheImage()
    {
        var random = new Random(37);
        using Mat image = RandomImage(random, 33, 21, 3);
        using var mask = new Mat(21, 33, MatType.CV_8UC1, Scalar.All(0));

        using Mat filled = TeleaInpainter.Inpaint(image, mask, 5);

        Assert.AreNotEqual(image.Data, filled.Data);
        Assert.IsTrue(MaskFixtures.AreIdentical(image, filled));
    }

    [TestMethod]
    public void AWindowOfALargerImageGivesTheBytesOfTheSameWindowCopied()
    {
        // A sub-Mat (rows with a stride wider than the window) is read and written row by row like a whole image.
        var random = new Random(41);
        using Mat large = RandomImage(random, 120, 90, 3);
        using var window = new Mat(large, new Rect(17, 11, 64, 50));
        using Mat copy = window.Clone();
        using Mat mask = RandomMask(random, 64, 50, shapeKind: 1);

        using Mat fromWindow = TeleaInpainter.Inpaint(window, mask, 5);
        using Mat fromCopy = TeleaInpainter.Inpaint(copy, mask, 5);

        Assert.IsTrue(MaskFixtures.AreIdentical(fromWindow, fromCopy));
        AssertSameAsOpenCv(copy, mask, 5, "window");
    }

    [TestMethod]
    public void UnsupportedInputsAreRefused()
    {
        using var image = new Mat(10, 10, MatType.CV_8UC3, Scalar.All(0));
        using var mask = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(0));
        using var wrongSize = new Mat(10, 11, MatType.CV_8UC1, Scalar.All(0));
        using var floatImage = new Mat(10, 10, MatType.CV_32FC1, Scalar.All(0));
        using var fourChannels = new Mat(10, 10, MatType.CV_8UC4, Scalar.All(0));

        Assert.ThrowsExactly<ArgumentException>(() => TeleaInpainter.Inpaint(image, wrongSize, 3));
        Assert.ThrowsExactly<ArgumentException>(() => TeleaInpainter.Inpaint(floatImage, mask, 3));
        Assert.ThrowsExactly<ArgumentException>(() => TeleaInpainter.Inpaint(fourChannels, mask, 3));
        Assert.ThrowsExactly<ArgumentException>(() => TeleaInpainter.Inpaint(image, image, 3));
    }

    private static void AssertSameAsOpenCv(Mat image, Mat mask, int radius, string what)
    {
        using var expected = new Mat();
        Cv2.Inpaint(image, mask, expected, radius, InpaintTypes.Telea);
        using Mat actual = TeleaInpainter.Inpaint(image, mask, radius);
        using var difference = new Mat();
        Cv2.Absdiff(expected, actual, difference);
        int differing = difference.Reshape(1).CountNonZero();
        Assert.AreEqual(0, differing, $"{what}, {image.Channels()} channel(s), radius {radius}: {differing} bytes differ from OpenCV");
    }

    private static Mat RandomImage(Random random, int width, int height, int channels)
    {
        // Noise, a smooth ramp or a near-flat patch: each exercises other roundings of the weighted mean.
        var bytes = new byte[width * height * channels];
        int kind = random.Next(3);
        for (int i = 0; i < bytes.Length; i++)
        {
            int pixel = i / channels;
            bytes[i] = kind switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)(((pixel % width) * 5) + ((pixel / width) * 3) + ((i % channels) * 40)),
                _ => (byte)random.Next(120, 126),
            };
        }

        var image = new Mat(height, width, channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, image.Data, bytes.Length);
        return image;
    }

    private static Mat RandomMask(Random random, int width, int height, int shapeKind)
    {
        // Blobs, thin lines, single pixels, rectangles reaching past the edges, and mixtures of them.
        var mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        int shapes = random.Next(1, 5);
        for (int i = 0; i < shapes; i++)
        {
            int kind = shapeKind < 4 ? shapeKind : random.Next(4);
            switch (kind)
            {
                case 0:
                    mask.Circle(new Point(random.Next(-4, width + 4), random.Next(-4, height + 4)), random.Next(1, 12), Scalar.All(255), -1);
                    break;
                case 1:
                    mask.Line(
                        new Point(random.Next(width), random.Next(height)),
                        new Point(random.Next(width), random.Next(height)),
                        Scalar.All(random.Next(1, 256)),
                        random.Next(1, 3));
                    break;
                case 2:
                    mask.Set(random.Next(height), random.Next(width), (byte)random.Next(1, 256));
                    break;
                default:
                    mask.Rectangle(
                        new Rect(random.Next(-3, width), random.Next(-3, height), random.Next(1, width), random.Next(1, height)),
                        Scalar.All(255),
                        -1);
                    break;
            }
        }

        return mask;
    }
}
