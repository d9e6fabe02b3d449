using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

/// <summary>Small synthetic images and masks built in the tests, and pixel comparisons over a mask.</summary>
internal static class MaskFixtures
{
    public static ArtifactMask Rectangle(int width, int height, Rect artifact)
    {
        using var pixels = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        pixels.Rectangle(artifact, Scalar.All(255), -1);
        return ArtifactMask.FromMat(pixels);
    }

    /// <summary>Uniform noise in every channel from a fixed seed: texture everywhere, no flat region.</summary>
    public static Mat Noise(int width, int height, int seed, int low = 0, int high = 256)
    {
        var random = new Random(seed);
        var bytes = new byte[width * height * 3];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)random.Next(low, high);
        }

        var image = new Mat(height, width, MatType.CV_8UC3);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, image.Data, bytes.Length);
        return image;
    }

    /// <summary>The number of pixels outside <paramref name="mask"/> where the two images differ in any channel.</summary>
    public static int ChangedOutside(Mat a, Mat b, ArtifactMask mask)
    {
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        using var changed = ArtifactMask.FromMat(difference);
        int count = 0;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                if (changed.Contains(x, y) && !mask.Contains(x, y))
                {
                    count++;
                }
            }
        }

        return count;
    }

    public static bool AreIdentical(Mat a, Mat b)
    {
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        return difference.Reshape(1).CountNonZero() == 0;
    }
}
