using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Imaging.Dicom;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Imaging.Dicom;

/// <summary>
/// DICOM files made by DCMTK's own tools decode to the pixels the DICOM display rules give: the window formula of
/// PS3.3 C.11.2.1.2.1 computed here, MONOCHROME1 inverted, RGB as stored, compressed syntaxes as their uncompressed
/// source; a file DCMTK cannot read is an error naming it and DCMTK's reason.
/// </summary>
[TestClass]
public sealed class DicomImageTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("dicom-image").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every 12-bit value once: 64 x 64 = 4096 pixels, so every step of the window is looked at.</summary>
    private static int[] TwelveBitRamp => [.. Enumerable.Range(0, 4096)];

    [TestMethod]
    public void EightBitMonochrome2DecodesToTheStoredValuesInEveryChannel()
    {
        DicomFiles.Require();
        int[] values = [.. Enumerable.Range(0, 48).Select(i => (i * 37) % 256)];
        string path = DicomFiles.Write(Path.Combine(_folder, "grey.dcm"), 6, 8, values);

        using Mat image = ImageFile.Read(path);

        Assert.AreEqual(MatType.CV_8UC3, image.Type());
        Assert.AreEqual(new Size(8, 6), image.Size());
        using Mat grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        CollectionAssert.AreEqual(values, DicomFiles.GreyValues(grey));
        using Mat blue = image.ExtractChannel(0);
        using Mat red = image.ExtractChannel(2);
        Assert.AreEqual(0, Cv2.Norm(blue, red, NormTypes.INF), "grey in every channel");
    }

    [TestMethod]
    public void SixteenBitMonochrome2WithAWindowGivesTheWindowFormula()
    {
        DicomFiles.Require();
        // CT-like: stored 0..4095, HU = stored - 1024; a soft-tissue window whose width keeps every interior value off an integer.
        string path = DicomFiles.Write(Path.Combine(_folder, "ct.dcm"), 64, 64, TwelveBitRamp, bitsAllocated: 16, bitsStored: 12, modality: "CT", window: (40, 401), rescale: (1, -1024));

        using Mat image = ImageFile.Read(path);

        int[] expected = [.. TwelveBitRamp.Select(v => Window(v - 1024.0, 40, 401, inverted: false))];
        AssertGrey(expected, image);
        Assert.AreEqual(0, expected[0], "below the window: black");
        Assert.AreEqual(255, expected[^1], "above the window: white");
    }

    [TestMethod]
    public void SpecWindowOverridesTheFilesWindow()
    {
        DicomFiles.Require();
        string path = DicomFiles.Write(Path.Combine(_folder, "ct.dcm"), 64, 64, TwelveBitRamp, bitsAllocated: 16, bitsStored: 12, modality: "CT", window: (40, 401), rescale: (1, -1024));

        using Mat image = ImageFile.Read(path, AuditSpecOptions.DefaultMaxPixels, DicomWindow.Explicit(500, 1601), out _);

        AssertGrey([.. TwelveBitRamp.Select(v => Window(v - 1024.0, 500, 1601, inverted: false))], image);
    }

    [TestMethod]
    public void MinMaxWindowSpansTheImagesValues()
    {
        DicomFiles.Require();
        int[] values = [.. Enumerable.Range(0, 64 * 64).Select(i => 1000 + (i % 1500))];
        string path = DicomFiles.Write(Path.Combine(_folder, "mr.dcm"), 64, 64, values, bitsAllocated: 16, bitsStored: 12, modality: "MR", window: (40, 401));

        using Mat image = ImageFile.Read(path, AuditSpecOptions.DefaultMaxPixels, DicomWindow.MinMax, out _);
        using Mat grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        int[] got = DicomFiles.GreyValues(grey);

        Assert.AreEqual(0, got[Array.IndexOf(values, 1000)], "the smallest value is black");
        Assert.AreEqual(255, got[Array.IndexOf(values, 2499)], "the largest value is white");
        for (int v = 1001; v <= 2499; v++)
        {
            Assert.IsGreaterThanOrEqualTo(got[Array.IndexOf(values, v - 1)], got[Array.IndexOf(values, v)], $"monotonic at {v}");
        }
    }

    [TestMethod]
    public void SixteenBitWithoutAWindowFallsBackToMinMax()
    {
        DicomFiles.Require();
        int[] values = [.. Enumerable.Range(0, 64 * 64).Select(i => 100 + (i % 200))];
        string path = DicomFiles.Write(Path.Combine(_folder, "nowindow.dcm"), 64, 64, values, bitsAllocated: 16, bitsStored: 16);

        using Mat image = ImageFile.Read(path);
        using Mat grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        int[] got = DicomFiles.GreyValues(grey);

        // Mapped over the full 16-bit range, 100..299 would all be 0 or 1; min-max spreads them over 0..255.
        Assert.AreEqual(0, got.Min());
        Assert.AreEqual(255, got.Max());
    }

    [TestMethod]
    public void Monochrome1IsShownInverted()
    {
        DicomFiles.Require();
        string path = DicomFiles.Write(Path.Combine(_folder, "cr.dcm"), 64, 64, TwelveBitRamp, bitsAllocated: 16, bitsStored: 12, photometric: "MONOCHROME1", modality: "CR", window: (2000, 3001));

        using Mat image = ImageFile.Read(path);

        int[] expected = [.. TwelveBitRamp.Select(v => Window(v, 2000, 3001, inverted: true))];
        AssertGrey(expected, image);
        Assert.AreEqual(255, expected[0], "MONOCHROME1: the lowest value is white");
        Assert.AreEqual(0, expected[^1], "MONOCHROME1: the highest value is black");
    }

    [TestMethod]
    public void RgbDecodesToTheStoredColours()
    {
        DicomFiles.Require();
        using Mat source = new(5, 7, MatType.CV_8UC3);
        Cv2.Randu(source, Scalar.All(0), Scalar.All(256));
        string path = DicomFiles.Write(Path.Combine(_folder, "rgb.dcm"), 5, 7, DicomFiles.RgbValues(source), photometric: "RGB", modality: "XC");

        using Mat image = ImageFile.Read(path);

        Assert.AreEqual(0, Cv2.Norm(source, image, NormTypes.INF), "BGR pixels equal the RGB values written");
    }

    [TestMethod]
    [DataRow("dcmcrle", "1.2.840.10008.1.2.5")]
    [DataRow("dcmcjpeg", "1.2.840.10008.1.2.4.70")]
    [DataRow("dcmcjpls", "1.2.840.10008.1.2.4.80")]
    public void LosslessCompressedSixteenBitDecodesAsItsUncompressedSource(string compressor, string transferSyntax)
    {
        DicomFiles.Require(compressor, "dcml2pnm");
        string plain = DicomFiles.Write(Path.Combine(_folder, "ct.dcm"), 64, 64, TwelveBitRamp, bitsAllocated: 16, bitsStored: 12, modality: "CT", window: (40, 401), rescale: (1, -1024));
        string compressed = Path.Combine(_folder, "ct-compressed.dcm");
        DicomFiles.Run(compressor, plain, compressed);

        DicomHeader header = DicomHeader.Read(compressed, "Image", DcmtkTools.Default);
        using Mat expected = ImageFile.Read(plain);
        using Mat image = ImageFile.Read(compressed);

        Assert.AreEqual(transferSyntax, header.TransferSyntax);
        Assert.AreEqual(0, Cv2.Norm(expected, image, NormTypes.INF));
    }

    [TestMethod]
    public void JpegBaselineFromImg2dcmDecodesLikeTheJpeg()
    {
        DicomFiles.Require("img2dcm");
        string jpeg = Path.Combine(_folder, "photo.jpg");
        using (Mat photo = new(48, 64, MatType.CV_8UC3))
        {
            Cv2.Randu(photo, Scalar.All(60), Scalar.All(200));
            using Mat smooth = photo.GaussianBlur(new Size(9, 9), 3);
            Cv2.ImWrite(jpeg, smooth, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        }

        string dicom = Path.Combine(_folder, "photo.dcm");
        DicomFiles.Run("img2dcm", jpeg, dicom);

        DicomHeader header = DicomHeader.Read(dicom, "Image", DcmtkTools.Default);
        using Mat expected = ImageFile.Read(jpeg);
        using Mat image = ImageFile.Read(dicom);

        Assert.AreEqual("1.2.840.10008.1.2.4.50", header.TransferSyntax, "JPEG Baseline");
        Assert.AreEqual(expected.Size(), image.Size());
        // The same JPEG stream through two decoders (DCMTK's IJG and OpenCV's libjpeg): equal up to IDCT and upsampling rounding.
        Assert.IsLessThan(2.0, Cv2.Mean(Diff(expected, image)).Val0, "mean absolute difference");
    }

    [TestMethod]
    public void APreambleMakesAnyFileNameDicom()
    {
        DicomFiles.Require();
        string path = DicomFiles.Write(Path.Combine(_folder, "IM0001"), 2, 2, [0, 85, 170, 255]);

        using Mat image = ImageFile.Read(path);

        using Mat grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        CollectionAssert.AreEqual(new[] { 0, 85, 170, 255 }, DicomFiles.GreyValues(grey));
    }

    [TestMethod]
    public void ATruncatedDicomFileIsAnErrorNamingItAndDcmtksReason()
    {
        DicomFiles.Require();
        string whole = DicomFiles.Write(Path.Combine(_folder, "whole.dcm"), 64, 64, TwelveBitRamp, bitsAllocated: 16, bitsStored: 12);
        string cut = Path.Combine(_folder, "cut.dcm");
        File.WriteAllBytes(cut, File.ReadAllBytes(whole)[..5000]); // cut inside the 8192 bytes of pixel data

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(() => ImageFile.Read(cut).Dispose());

        StringAssert.StartsWith(error.Message, $"Image '{cut}' ");
        StringAssert.Contains(error.Message, "PixelData (7fe0,0010) larger (8192) than remaining bytes in file", "DCMTK's own reason");
        Assert.IsFalse(error.Message.Contains('\n', StringComparison.Ordinal), error.Message);
    }

    [TestMethod]
    public void PixelDataShorterThanDeclaredIsAnErrorNotAPaddedImage()
    {
        DicomFiles.Require("dcmodify");
        // The header is whole (dcmdump reads it), the pixel data holds 4 of the 16 declared pixels.
        string path = DicomFiles.Write(Path.Combine(_folder, "short.dcm"), 2, 2, [1, 2, 3, 4]);
        RewriteRowsColumns(path, 4, 4);

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(() => ImageFile.Read(path).Dispose());

        Assert.AreEqual($"Image '{path}' is a DICOM file whose pixel data is shorter than its Rows x Columns declare (4 pixels stored of 16); DCMTK would pad it, so it was not used.", error.Message);
    }

    [TestMethod]
    public void ADicomFileAboveThePixelLimitIsRefusedFromItsHeader()
    {
        DicomFiles.Require("dcmodify");
        string path = DicomFiles.Write(Path.Combine(_folder, "bomb.dcm"), 2, 2, [1, 2, 3, 4]);
        RewriteRowsColumns(path, 60000, 60000);

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(() => ImageFile.Read(path).Dispose());

        Assert.AreEqual($"Image '{path}' is 60,000x60,000 (3,600,000,000 pixels), above the limit of 50,000,000 (dataset.maxPixels); it was not decoded.", error.Message);
    }

    [TestMethod]
    public void WithoutDcmtkTheErrorSaysToInstallIt()
    {
        DicomFiles.Require();
        string path = DicomFiles.Write(Path.Combine(_folder, "grey.dcm"), 2, 2, [1, 2, 3, 4]);
        var nowhere = new DcmtkTools(Directory.CreateDirectory(Path.Combine(_folder, "no-tools")).FullName);

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(
            () => DicomImage.Decode(path, $"Image '{path}'", ImreadModes.Color, 1000, DicomWindow.File, nowhere).Dispose());

        Assert.AreEqual($"Image '{path}' is a DICOM file and reading it needs DCMTK's dcmdump, which was not found; install DCMTK: run ./setup.sh (or apt-get install dcmtk).", error.Message);
    }

    [TestMethod]
    public void HeaderGivesTheTagsTheProvenanceRecords()
    {
        DicomFiles.Require();
        string path = DicomFiles.Write(Path.Combine(_folder, "ct.dcm"), 64, 64, TwelveBitRamp, bitsAllocated: 16, bitsStored: 12, modality: "CT", window: (40, 401), rescale: (1, -1024));

        DicomHeader header = DicomHeader.Read(path, "Image", DcmtkTools.Default);
        DicomInputSummary summary = DicomImage.Describe(path, DicomWindow.File, DcmtkTools.Default);

        Assert.AreEqual(("CT", "MONOCHROME2", 1, 16, 12, 64, 64), (header.Modality, header.PhotometricInterpretation, header.SamplesPerPixel, header.BitsAllocated, header.BitsStored, header.Rows, header.Columns));
        Assert.AreEqual((40.0, 401.0, 1.0, -1024.0), (header.WindowCenter, header.WindowWidth, header.RescaleSlope, header.RescaleIntercept));
        Assert.AreEqual(new DicomInputSummary("CT", "1.2.840.10008.1.2.1", "file c=40 w=401"), summary);
        Assert.AreEqual("spec c=10 w=20", DicomImage.Describe(path, DicomWindow.Explicit(10, 20), DcmtkTools.Default).Window);
        Assert.AreEqual("minmax", DicomImage.Describe(path, DicomWindow.MinMax, DcmtkTools.Default).Window);
    }

    /// <summary>
    /// The linear VOI function of DICOM PS3.3 C.11.2.1.2.1 onto 0..255, as DCMTK writes it: the value is cut to an
    /// integer (not rounded); MONOCHROME1 runs the same line from 255 down to 0.
    /// </summary>
    private static int Window(double x, double center, double width, bool inverted)
    {
        double y;
        if (x <= center - 0.5 - ((width - 1) / 2))
        {
            y = 0;
        }
        else if (x > center - 0.5 + ((width - 1) / 2))
        {
            y = 255;
        }
        else
        {
            y = (((x - (center - 0.5)) / (width - 1)) + 0.5) * 255;
        }

        return (int)Math.Floor(inverted ? 255 - y : y);
    }

    private static void AssertGrey(int[] expected, Mat image)
    {
        using Mat grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        int[] got = DicomFiles.GreyValues(grey);
        int[] wrong = [.. Enumerable.Range(0, expected.Length).Where(i => got[i] != expected[i]).Take(5)];
        Assert.IsEmpty(wrong, string.Join("; ", wrong.Select(i => $"pixel {i}: expected {expected[i]}, got {got[i]}")));
    }

    private static Mat Diff(Mat a, Mat b)
    {
        var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        using Mat grey = diff.CvtColor(ColorConversionCodes.BGR2GRAY);
        diff.Dispose();
        return grey.Clone();
    }

    /// <summary>Declares another size with DCMTK's dcmodify, leaving the pixel data as it is.</summary>
    private static void RewriteRowsColumns(string path, int rows, int columns)
    {
        DicomFiles.Run("dcmodify", "-nb", "-m", $"(0028,0010)={rows}", "-m", $"(0028,0011)={columns}", path);
    }
}
