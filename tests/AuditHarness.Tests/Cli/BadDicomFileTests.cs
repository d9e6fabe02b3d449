using AuditHarness.Cli;
using AuditHarness.Tests.BadInputCorpus;
using AuditHarness.Tests.Engine;
using AuditHarness.Tests.Inference.Imaging.Dicom;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// The DICOM cases of the bad-input corpus (<see cref="BadDicom"/>) as images and counterfactuals of a run and as
/// <c>predict</c> sources: each is an error row (or line) naming the file and the reason, and the good pairs complete.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class BadDicomFileTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("bad-dicom").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void EachBadDicomFileIsAnErrorRowWithItsReasonAndTheRunGoesOn()
    {
        DicomFiles.Require("dcmodify");
        IReadOnlyDictionary<string, string> bad = BadDicom.WriteAll(_folder);
        string manifest = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(manifest,
        [
            "pair_id,image,counterfactual,mask,artifact_type",
            Row("good", "p0001", image: null),
            Row("truncated", "p0002", image: bad["truncated"]),
            Row("bomb", "p0003", image: bad["bomb"]),
            Row("short", "p0004", image: bad["short"]),
            Row("text", "p0005", image: bad["text"]),
            Row("text_counterfactual", "p0006", image: null, counterfactual: bad["text"]),
        ]);
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.9), "--output", output);

        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        string[] errors = [.. File.ReadAllLines(Path.Combine(output, "errors.csv")).Skip(1)];
        Assert.HasCount(5, errors, string.Join('\n', errors));
        StringAssert.Contains(Error(errors, "truncated"), $"Image '{bad["truncated"]}' is not a DICOM file DCMTK can read: DcmElement: PixelData (7fe0,0010) larger (8192) than remaining bytes in file");
        StringAssert.Contains(Error(errors, "bomb"), $"Image '{bad["bomb"]}' is 60,000x60,000 (3,600,000,000 pixels), above the limit of 50,000,000 (dataset.maxPixels); it was not decoded.");
        StringAssert.Contains(Error(errors, "short"), $"Image '{bad["short"]}' is a DICOM file whose pixel data is shorter than its Rows x Columns declare (4 pixels stored of 16)");
        StringAssert.Contains(Error(errors, "text"), $"Image '{bad["text"]}' is not a DICOM file DCMTK can read: "); // then DCMTK's words, which vary by version
        StringAssert.Contains(Error(errors, "text_counterfactual"), "build artifact-removed variant");
        StringAssert.Contains(Error(errors, "text_counterfactual"), $"Image '{bad["text"]}' is not a DICOM file DCMTK can read: ");
        Assert.IsTrue(File.Exists(Path.Combine(output, "report.pdf")), "the good pair is audited and reported");
    }

    [TestMethod]
    public void PredictNamesABadDicomSourceOnOneLine()
    {
        DicomFiles.Require("dcmodify");
        IReadOnlyDictionary<string, string> bad = BadDicom.WriteAll(_folder);

        CliResult result = CliRunner.Run("predict", "--model", RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx"), "--source", bad["truncated"]);

        string line = (result.Stdout + result.Stderr).Split('\n').Single(l => l.Contains("truncated.dcm: error:", StringComparison.Ordinal));
        StringAssert.Contains(line, "PixelData (7fe0,0010) larger (8192) than remaining bytes in file");
    }

    private static string Error(string[] errors, string pairId) => errors.Single(l => l.StartsWith($"shortcut,{pairId},", StringComparison.Ordinal));

    private static string Row(string id, string demo, string? image, string? counterfactual = null) =>
        string.Join(',', id, image ?? $"{DemoAudit}/images/{demo}.jpg", counterfactual ?? $"{DemoAudit}/counterfactuals/{demo}.jpg", $"{DemoAudit}/masks/{demo}.png", "ruler");
}
