using AuditHarness.Core.Errors;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class ImageFileTests
{
    private string _directory = string.Empty;

    [TestInitialize]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditharness-imagefile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public void MissingFileIsReportedByName()
    {
        string path = Path.Combine(_directory, "absent.jpg");

        var error = Assert.ThrowsExactly<AuditInputException>(() => ImageFile.Read(path));

        Assert.AreEqual($"Image '{path}' does not exist.", error.Message);
    }

    [TestMethod]
    public void FileThatIsNotAnImageIsReportedByName()
    {
        string path = Path.Combine(_directory, "notes.jpg");
        File.WriteAllText(path, "not an image");

        var error = Assert.ThrowsExactly<AuditInputException>(() => ImageFile.Read(path));

        Assert.AreEqual($"Image '{path}' could not be decoded (expected a JPEG, PNG, BMP, TIFF, WebP or DICOM file).", error.Message);
    }

    [TestMethod]
    public void EmptyFileIsReportedAsUndecodable()
    {
        string path = Path.Combine(_directory, "empty.png");
        File.WriteAllBytes(path, []);

        var error = Assert.ThrowsExactly<AuditInputException>(() => ImageFile.Read(path));

        StringAssert.Contains(error.Message, "could not be decoded");
    }

    [TestMethod]
    public void PngIsReadAsBgrPixels()
    {
        string path = Path.Combine(_directory, "two pixels é.png");
        using (var written = new Mat(1, 2, MatType.CV_8UC3))
        {
            written.Set(0, 0, new Vec3b(1, 2, 3));
            written.Set(0, 1, new Vec3b(250, 128, 0));
            Assert.IsTrue(Cv2.ImEncode(".png", written, out byte[] png));
            File.WriteAllBytes(path, png);
        }

        using Mat image = ImageFile.Read(path);

        Assert.AreEqual(MatType.CV_8UC3, image.Type());
        Assert.AreEqual(new Vec3b(1, 2, 3), image.Get<Vec3b>(0, 0));
        Assert.AreEqual(new Vec3b(250, 128, 0), image.Get<Vec3b>(0, 1));
    }

    [TestMethod]
    public void GreyPngIsReadWithThreeChannels()
    {
        string path = Path.Combine(_directory, "grey.png");
        using (var written = new Mat(1, 1, MatType.CV_8UC1, Scalar.All(77)))
        {
            Assert.IsTrue(Cv2.ImEncode(".png", written, out byte[] png));
            File.WriteAllBytes(path, png);
        }

        using Mat image = ImageFile.Read(path);

        Assert.AreEqual(MatType.CV_8UC3, image.Type());
        Assert.AreEqual(new Vec3b(77, 77, 77), image.Get<Vec3b>(0, 0));
    }
}
