using AuditHarness.Core.IO;
using OpenCvSharp;

namespace AuditHarness.Engine.Init;

/// <summary>
/// A stand-in clinic logo for a logo insertion when the user has none: a teal disc with a white cross, on a transparent
/// background (the alpha channel is its shape), a fifth of the smallest image's shorter side so it fits every image.
/// </summary>
internal static class StarterLogo
{
    public static void Write(string path, int smallestSide)
    {
        int size = Math.Clamp(smallestSide / 5, 16, 160);
        using var logo = new Mat(size, size, MatType.CV_8UC4, Scalar.All(0));
        var centre = new Point(size / 2, size / 2);
        Cv2.Circle(logo, centre, (size / 2) - 1, new Scalar(128, 128, 0, 255), -1, LineTypes.Link8);
        int arm = size / 3, bar = Math.Max(2, size / 8);
        Cv2.Rectangle(logo, new Rect(centre.X - arm, centre.Y - (bar / 2), 2 * arm, bar), new Scalar(255, 255, 255, 255), -1);
        Cv2.Rectangle(logo, new Rect(centre.X - (bar / 2), centre.Y - arm, bar, 2 * arm), new Scalar(255, 255, 255, 255), -1);
        Cv2.ImEncode(".png", logo, out byte[] png);
        using AtomicFile file = AtomicFile.Create(path);
        file.Stream.Write(png);
        file.Commit();
    }
}
