using AuditHarness.Core.Errors;
using AuditHarness.Inference.Imaging;
using AuditHarness.Tests.BadInputCorpus;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

/// <summary>
/// One rule for EXIF orientation: every file that has the tag is turned as it says (images, masks, counterfactuals
/// alike, whatever the read mode), and a size mismatch that the turning caused says so.
/// </summary>
[TestClass]
public sealed class ExifOrientationTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("exif-orientation").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    [DataRow(3, false)]
    [DataRow(6, false)]
    [DataRow(6, true)]
    [DataRow(8, false)]
    public void AJpegIsTurnedAsItsTagSays(int tag, bool littleEndian)
    {
        using Mat scene = Scene(40, 24);
        string path = Path.Combine(_folder, "i.jpg");
        ExifImage.WriteJpeg(path, scene, tag, littleEndian);
        using Mat stored = Cv2.ImDecode(File.ReadAllBytes(path), ImreadModes.Color | ImreadModes.IgnoreOrientation);
        using var expected = new Mat();
        Cv2.Rotate(stored, expected, tag switch { 3 => RotateFlags.Rotate180, 6 => RotateFlags.Rotate90Clockwise, _ => RotateFlags.Rotate90Counterclockwise });

        using Mat read = ImageFile.Read(path, 1_000_000, out ExifOrientation orientation);

        Assert.AreEqual(tag, orientation.Tag);
        Assert.AreEqual(tag == 3 ? new Size(40, 24) : new Size(24, 40), read.Size());
        Assert.AreEqual(0, Cv2.Norm(read, expected, NormTypes.L1));
    }

    [TestMethod]
    [DataRow(2)]
    [DataRow(4)]
    [DataRow(5)]
    [DataRow(6)]
    [DataRow(7)]
    [DataRow(8)]
    public void AColourReadIsTurnedAsOpenCvItselfTurnsIt(int tag)
    {
        // cv2.imread (what Ultralytics uses) turns colour JPEGs by their tag; the harness must give the same pixels.
        using Mat scene = Scene(40, 24);
        string path = Path.Combine(_folder, "i.jpg");
        ExifImage.WriteJpeg(path, scene, tag);
        using Mat openCv = Cv2.ImDecode(File.ReadAllBytes(path), ImreadModes.Color);

        using Mat read = ImageFile.Read(path, 1_000_000);

        Assert.AreEqual(openCv.Size(), read.Size());
        Assert.AreEqual(0, Cv2.Norm(read, openCv, NormTypes.L1));
    }

    [TestMethod]
    public void AnImageAndACounterfactualOfTheSameOrientationAlign()
    {
        using Mat scene = Scene(40, 24);
        using Mat without = scene.Clone();
        without[new Rect(30, 2, 8, 6)].SetTo(Scalar.All(128)); // the counterfactual differs only there
        string image = Path.Combine(_folder, "i.jpg"), counterfactual = Path.Combine(_folder, "c.jpg");
        ExifImage.WriteJpeg(image, scene, 6);
        ExifImage.WriteJpeg(counterfactual, without, 6);

        using Mat a = ImageFile.Read(image, 1_000_000);
        using Mat b = ImageFile.Read(counterfactual, 1_000_000);
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        using Mat grey = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
        using Mat changed = grey.Threshold(40, 255, ThresholdTypes.Binary);
        Rect box = Cv2.BoundingRect(changed);

        // Stored (x 30..37, y 2..7) of a 40x24 image turned 90° clockwise is shown at x = 23 - y (16..21), y = x (30..37).
        Assert.AreEqual(new Size(24, 40), a.Size());
        Assert.AreEqual(a.Size(), b.Size());
        Assert.IsTrue(box.X >= 15 && box.Right <= 23 && box.Y >= 29 && box.Bottom <= 39, $"changed pixels at {box}");
    }

    [TestMethod]
    public void AMaskOfTheStoredSizeOfATurnedImageSaysTheOrientationMadeTheSizesDiffer()
    {
        string mask = WriteMask("m.png", 40, 24, new Rect(2, 2, 5, 5), orientation: null);

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(mask, 24, 40, "i.jpg", ExifOrientation.FromTag(6)));

        Assert.AreEqual(
            $"Mask '{mask}' is 40x24; its image 'i.jpg' is 24x40 after its EXIF orientation 6 (rotate 90° clockwise): the EXIF orientation of the image made the sizes differ; turn the mask to match or strip the tag.",
            error.Message);
    }

    [TestMethod]
    public void AMaskTurnedLikeItsImageLoads()
    {
        // The image is 40x24 stored with tag 6, so shown 24x40; a mask drawn on the shown image is 24x40 with no tag.
        string mask = WriteMask("m.png", 24, 40, new Rect(3, 30, 4, 6), orientation: null);

        using ArtifactMask loaded = ArtifactMask.Load(mask, 24, 40, "i.jpg", ExifOrientation.FromTag(6));

        Assert.AreEqual(24, loaded.Area);
        Assert.IsTrue(loaded.Contains(4, 31));
    }

    [TestMethod]
    public void APngMaskWithItsOwnTagIsTurnedToo()
    {
        // Stored 40x24 with the artifact at x 30..37, y 2..7 and tag 6: shown 24x40 with it at x 16..21, y 30..37.
        string mask = WriteMask("m.png", 40, 24, new Rect(30, 2, 8, 6), orientation: 6);

        using ArtifactMask loaded = ArtifactMask.Load(mask, 24, 40);

        Assert.AreEqual(48, loaded.Area);
        Assert.IsTrue(loaded.Contains(16, 30) && loaded.Contains(21, 37));
        Assert.IsFalse(loaded.Contains(30, 2));
        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactMask.Load(mask, 40, 24, "i.png"));
        Assert.AreEqual(
            $"Mask '{mask}' is 24x40 after its EXIF orientation 6 (rotate 90° clockwise); its image 'i.png' is 40x24: the EXIF orientation of the mask made the sizes differ; turn the image to match or strip the tag.",
            error.Message);
    }

    [TestMethod]
    public void ATagOutsideOneToEightCountsAsNone()
    {
        using Mat scene = Scene(40, 24);
        string path = Path.Combine(_folder, "i.jpg");
        ExifImage.WriteJpeg(path, scene, 9);

        using Mat read = ImageFile.Read(path, 1_000_000, out ExifOrientation orientation);

        Assert.AreEqual(ExifOrientation.None, orientation);
        Assert.AreEqual(new Size(40, 24), read.Size());
    }

    /// <summary>A scene no turn or mirror maps onto itself: a horizontal ramp plus a vertical one in another channel.</summary>
    private static Mat Scene(int width, int height)
    {
        var scene = new Mat(height, width, MatType.CV_8UC3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                scene.Set(y, x, new Vec3b((byte)(x * 6), (byte)(y * 10), (byte)((x * y) % 251)));
            }
        }

        return scene;
    }

    private string WriteMask(string name, int width, int height, Rect artifact, int? orientation)
    {
        using var mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        mask[artifact].SetTo(Scalar.All(255));
        string path = Path.Combine(_folder, name);
        if (orientation is int tag)
        {
            ExifImage.WritePng(path, mask, tag);
        }
        else
        {
            Cv2.ImWrite(path, mask);
        }

        return path;
    }
}
