using System.Text.Json.Nodes;
using AuditHarness.Cli;
using AuditHarness.Engine.Provenance;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Imaging.Dicom;
using AuditHarness.Tests.Engine;
using AuditHarness.Tests.Inference.Imaging.Dicom;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// DICOM files made by DCMTK from real images go through <c>predict</c> and <c>run</c> exactly as the same pixels given as
/// PNG: the same detections, the same pair rows; a DICOM file DCMTK cannot read is an error row naming it and the reason,
/// and the run's manifest records each DICOM input's modality, transfer syntax and window.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class DicomInputTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("dicom-input").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void PredictOnAnEightBitMonochrome2FileGivesTheDetectionsOfTheSamePixelsAsPng()
    {
        string model = SharedAssets.Model(SharedAssets.Yolo26nInt8);
        string photo = SharedAssets.Image("bus.jpg");
        DicomFiles.Require();
        string png = Path.Combine(_folder, "bus-grey.png");
        string dicom = Path.Combine(_folder, "bus-grey.dcm");
        using (Mat colour = ImageFile.Read(photo))
        using (Mat grey = colour.CvtColor(ColorConversionCodes.BGR2GRAY))
        {
            Cv2.ImWrite(png, grey);
            DicomFiles.Write(dicom, grey.Rows, grey.Cols, DicomFiles.GreyValues(grey), modality: "XC");
        }

        CliResult fromPng = CliRunner.Run("predict", "--model", model, "--source", png, "--out", Path.Combine(_folder, "png"));
        CliResult fromDicom = CliRunner.Run("predict", "--model", model, "--source", dicom, "--out", Path.Combine(_folder, "dcm"));

        Assert.AreEqual(0, fromPng.ExitCode, fromPng.Stdout + fromPng.Stderr);
        Assert.AreEqual(0, fromDicom.ExitCode, fromDicom.Stdout + fromDicom.Stderr);
        string[] pngRows = DetectionsWithoutImage(Path.Combine(_folder, "png"));
        string[] dicomRows = DetectionsWithoutImage(Path.Combine(_folder, "dcm"));
        Assert.IsGreaterThanOrEqualTo(3, pngRows.Length, "the grey bus photo still has a bus and people in it: " + string.Join(" | ", pngRows));
        CollectionAssert.AreEqual(pngRows, dicomRows, "class, score and box of every detection");
    }

    [TestMethod]
    public void RunOverDicomPairsMatchesTheSamePairsAsPngAndReportsAnUnreadableFile()
    {
        DicomFiles.Require("dcmcrle");
        string[] ids = [.. Enumerable.Range(1, 8).Select(i => $"p{i:0000}")];
        List<string> dicomRows = [], pngRows = [];
        foreach (string id in ids)
        {
            string image = GreyCopies($"{DemoAudit}/images/{id}.jpg", $"{id}");
            string counterfactual = GreyCopies($"{DemoAudit}/counterfactuals/{id}.jpg", $"{id}-removed");
            string rle = Path.Combine(_folder, $"{id}-removed-rle.dcm");
            DicomFiles.Run("dcmcrle", counterfactual + ".dcm", rle); // a compressed transfer syntax for the counterfactuals
            string tail = $"{DemoAudit}/masks/{id}.png,ruler,nevus,S{id}";
            dicomRows.Add($"{id},{image}.dcm,{rle},{tail}");
            pngRows.Add($"{id},{image}.png,{counterfactual}.png,{tail}");
        }

        // A DICOM file cut inside its pixel data, as an interrupted copy leaves it.
        string cut = Path.Combine(_folder, "cut.dcm");
        byte[] whole = File.ReadAllBytes(Path.Combine(_folder, "p0001.dcm"));
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        dicomRows.Add($"p0099,{cut},{Path.Combine(_folder, "p0001-removed-rle.dcm")},{DemoAudit}/masks/p0001.png,ruler,nevus,S099");

        string dicomRun = Run("dicom", dicomRows, out CliResult dicomResult);
        string pngRun = Run("png", pngRows, out CliResult pngResult);

        Assert.AreEqual(pngResult.ExitCode, dicomResult.ExitCode, dicomResult.Stdout + dicomResult.Stderr);
        Assert.IsTrue(dicomResult.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, dicomResult.Stdout + dicomResult.Stderr);
        Assert.IsTrue(new FileInfo(Path.Combine(dicomRun, "report.pdf")).Length > 10_000, "a report");
        CollectionAssert.AreEqual(File.ReadAllLines(Path.Combine(pngRun, "pairs.csv")), File.ReadAllLines(Path.Combine(dicomRun, "pairs.csv")));
        CollectionAssert.AreEqual(File.ReadAllLines(Path.Combine(pngRun, "detections.csv")), File.ReadAllLines(Path.Combine(dicomRun, "detections.csv")));
        string[] errors = [.. File.ReadAllLines(Path.Combine(dicomRun, "errors.csv")).Skip(1)];
        Assert.HasCount(1, errors, string.Join('\n', errors));
        Assert.AreEqual($"shortcut,p0099,9,read image,\"Image '{cut}' is not a DICOM file DCMTK can read: DcmElement: PixelData (7fe0,0010) larger (102400) than remaining bytes in file\"", errors[0]);

        // The pairs' files are in inputs.csv, with their DICOM facts in its last three columns.
        ListedInput[] inputs = [.. InputList.Read(Path.Combine(dicomRun, InputList.FileName))];
        ListedInput Input(string name) => inputs.Single(i => i.Path.EndsWith("/" + name, StringComparison.Ordinal));
        Assert.AreEqual(new DicomInputSummary("XC", "1.2.840.10008.1.2.1", "none"), Input("p0001.dcm").Dicom);
        Assert.AreEqual(new DicomInputSummary("XC", "1.2.840.10008.1.2.5", "none"), Input("p0001-removed-rle.dcm").Dicom);
        Assert.IsNull(Input("cut.dcm").Dicom, "an unreadable file has no DICOM facts; its error row says why");
        Assert.IsNull(Input("p0001.png").Dicom, "a PNG mask is no DICOM file");
        StringAssert.Contains(File.ReadAllText(Path.Combine(dicomRun, InputList.FileName)), "/p0001-removed-rle.dcm,XC,1.2.840.10008.1.2.5,none\n");
        Assert.AreEqual(0, CliRunner.Run("verify", dicomRun).ExitCode, "the manifest reads back and verifies");
    }

    /// <summary>The demo image in grey, written as PNG and as 8-bit MONOCHROME2 DICOM beside each other; returns the path without extension.</summary>
    private string GreyCopies(string source, string name)
    {
        string stem = Path.Combine(_folder, name);
        using Mat colour = ImageFile.Read(source);
        using Mat grey = colour.CvtColor(ColorConversionCodes.BGR2GRAY);
        Cv2.ImWrite(stem + ".png", grey);
        DicomFiles.Write(stem + ".dcm", grey.Rows, grey.Cols, DicomFiles.GreyValues(grey), modality: "XC");
        return stem;
    }

    private string Run(string name, List<string> rows, out CliResult result)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        string manifest = Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(manifest, ["pair_id,image,counterfactual,mask,artifact_type,label,subject_id", .. rows]);
        var policy = new Dictionary<string, object>
        {
            ["name"] = "ruler-only",
            ["checks"] = new[] { new Dictionary<string, object> { ["id"] = "ruler-score-shift", ["metric"] = "score-shift", ["artifactTypes"] = new[] { "ruler" }, ["threshold"] = 0.05 } },
        };
        string spec = AuditSpecFiles.WriteWithPolicy(folder, manifest, policy);
        JsonNode json = JsonNode.Parse(File.ReadAllText(spec))!;
        json["maxErrorRate"] = 0.2;
        File.WriteAllText(spec, json.ToJsonString());
        string output = Path.Combine(folder, "run");
        result = CliRunner.Run("run", spec, "--output", output);
        return output;
    }

    private static string[] DetectionsWithoutImage(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "detections.csv")).Skip(1).Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..])];
}
