using AuditHarness.Cli;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Tests.Cli;
using AuditHarness.Results;
using AuditHarness.Engine.Pipeline;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// Each kind of bad pair becomes one row of errors.csv naming the pair and the stage, and the good pairs still
/// complete; a bad manifest header stops the run before any output is written.
/// </summary>
[TestClass]
[DoNotParallelize] // one test drives the CLI, which redirects the process-wide console
public sealed class AuditBadInputTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");
    private string _folder = string.Empty;

    [TestInitialize]
    public void CreateDataset()
    {
        _folder = Directory.CreateTempSubdirectory("badinput").FullName;
        string data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        foreach (string id in new[] { "p0001", "p0002" })
        {
            File.Copy(Path.Combine(DemoAudit, "images", id + ".jpg"), Path.Combine(data, id + ".jpg"));
            File.Copy(Path.Combine(DemoAudit, "counterfactuals", id + ".jpg"), Path.Combine(data, id + "_cf.jpg"));
            File.Copy(Path.Combine(DemoAudit, "masks", id + ".png"), Path.Combine(data, id + "_mask.png"));
        }

        using (var small = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(255)))
        {
            Cv2.ImWrite(Path.Combine(data, "small_mask.png"), small);
        }

        using (var empty = new Mat(320, 320, MatType.CV_8UC1, Scalar.All(0)))
        {
            Cv2.ImWrite(Path.Combine(data, "empty_mask.png"), empty);
        }

        using (var smallImage = new Mat(200, 200, MatType.CV_8UC3, Scalar.All(128)))
        {
            Cv2.ImWrite(Path.Combine(data, "small_cf.jpg"), smallImage);
        }

        File.WriteAllText(Path.Combine(data, "broken.jpg"), "not an image");
    }

    [TestCleanup]
    public void DeleteDataset() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void EveryBadPairIsOneErrorRowAndTheGoodPairsComplete()
    {
        string manifest = WriteManifest(
            "good1,data/p0001.jpg,data/p0001_cf.jpg,data/p0001_mask.png,ruler",
            "missing_image,data/nope.jpg,data/p0001_cf.jpg,data/p0001_mask.png,ruler",
            "unreadable_image,data/broken.jpg,data/p0001_cf.jpg,data/p0001_mask.png,ruler",
            "mask_size,data/p0001.jpg,data/p0001_cf.jpg,data/small_mask.png,ruler",
            "empty_mask,data/p0001.jpg,data/p0001_cf.jpg,data/empty_mask.png,ruler",
            "masked_size,data/p0001.jpg,data/small_cf.jpg,data/p0001_mask.png,ruler",
            "good1,data/p0002.jpg,data/p0002_cf.jpg,data/p0002_mask.png,ruler",
            "good2,data/p0002.jpg,data/p0002_cf.jpg,data/p0002_mask.png,ruler");
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.9));
        string output = Path.Combine(_folder, "run");

        AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = output });

        string[] errors = File.ReadAllLines(Path.Combine(output, "errors.csv"));
        Assert.AreEqual("model,pair_id,manifest_row,stage,message", errors[0]);
        string ErrorOf(string pairId) => errors.Single(e => e.StartsWith($"shortcut,{pairId},", StringComparison.Ordinal));
        StringAssert.Contains(ErrorOf("missing_image"), "read image");
        StringAssert.Contains(ErrorOf("missing_image"), "does not exist");
        StringAssert.Contains(ErrorOf("unreadable_image"), "could not be decoded");
        StringAssert.Contains(ErrorOf("mask_size"), "100x100");
        StringAssert.Contains(ErrorOf("empty_mask"), "is empty");
        StringAssert.Contains(ErrorOf("masked_size"), "200x200");
        StringAssert.Contains(ErrorOf("good1"), "repeats row 1");
        Assert.HasCount(7, errors);

        string[] pairs = File.ReadAllLines(Path.Combine(output, "pairs.csv"));
        CollectionAssert.AreEquivalent(new[] { "good1", "good2" }, pairs.Skip(1).Select(l => l.Split(',')[Array.IndexOf(pairs[0].Split(','), "pair_id")]).Distinct().ToArray());
        Assert.AreEqual(2, summary.Models.Single().PairsCompleted);
        Assert.AreEqual(8, summary.Models.Single().PairsAttempted);
        Assert.IsFalse(summary.IsBroken);
        Assert.IsEmpty(Directory.GetFiles(output, "*.partial"));
    }

    [TestMethod]
    public void TooManyBadPairsBreakTheRunWithExitCodeThree()
    {
        string manifest = WriteManifest(
            "good,data/p0001.jpg,data/p0001_cf.jpg,data/p0001_mask.png,ruler",
            "bad,data/nope.jpg,data/p0001_cf.jpg,data/p0001_mask.png,ruler");
        string spec = AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.25);

        CliResult result = CliRunner.Run("run", spec, "--output", Path.Combine(_folder, "run"));

        Assert.AreEqual(ExitCodes.RunBroken, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stderr, "errors.csv");
    }

    [TestMethod]
    public void ManifestWithoutMaskColumnStopsBeforeAnyOutput()
    {
        string manifest = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(manifest, ["pair_id,image,counterfactual,artifact_type", "p,data/p0001.jpg,data/p0001_cf.jpg,ruler"]);
        string output = Path.Combine(_folder, "run");

        // The spec loader checks the header already; the engine checks again for specs built in code.
        var error = Assert.ThrowsExactly<AuditInputException>(() => AuditRunner.Run(AuditSpecLoader.Load(AuditSpecFiles.Write(_folder, manifest)), new AuditRunOptions { OutputFolder = output }));

        StringAssert.Contains(error.Message, "mask");
        Assert.IsFalse(Directory.Exists(output));
    }

    private string WriteManifest(params string[] rows)
    {
        string path = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(path, ["pair_id,image,counterfactual,mask,artifact_type", .. rows]);
        return path;
    }
}
