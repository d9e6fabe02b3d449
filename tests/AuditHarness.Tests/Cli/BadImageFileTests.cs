using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditHarness.Cli;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pairs;
using AuditHarness.Tests.BadInputCorpus;
using AuditHarness.Tests.Engine;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// Image paths that are not images a detector could be fed: decompression bombs are refused from their header before
/// decoding (<c>dataset.maxPixels</c>), devices, FIFOs and folders are refused without being opened; each is an error
/// row naming the file, the good pairs complete, and nothing hangs.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class BadImageFileTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("bad-image-file").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ABombAsImageMaskOrCounterfactualIsAnErrorRowAndIsNeverDecoded()
    {
        string bomb = Path.Combine(_folder, "bomb.png");
        BombPng.Write(bomb, 20000, 20000);
        string manifest = WriteManifest(
            Row("good", "p0001", image: null, counterfactual: null, mask: null),
            Row("bomb_image", "p0002", image: bomb, counterfactual: null, mask: null),
            Row("bomb_mask", "p0003", image: null, counterfactual: null, mask: bomb),
            Row("bomb_counterfactual", "p0004", image: null, counterfactual: bomb, mask: null));
        string output = Path.Combine(_folder, "run");

        long before = Process.GetCurrentProcess().PeakWorkingSet64;
        CliResult result = CliRunner.Run("run", AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.9), "--output", output);

        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        string errors = File.ReadAllText(Path.Combine(output, "errors.csv"));
        StringAssert.Contains(errors, $"shortcut,bomb_image,2,read image,\"Image '{bomb}' is 20,000x20,000 (400,000,000 pixels), above the limit of 50,000,000 (dataset.maxPixels); it was not decoded.\"");
        StringAssert.Contains(errors, $"shortcut,bomb_mask,3,read mask,Mask '{bomb}' is 20000x20000; its image '{DemoAudit}/images/p0003.jpg' is 320x320.");
        string counterfactualRow = errors.Split('\n').Single(l => l.StartsWith("shortcut,bomb_counterfactual,4,", StringComparison.Ordinal));
        StringAssert.Contains(counterfactualRow, $"Image '{bomb}' is 20,000x20,000 (400,000,000 pixels), above the limit of 50,000,000");
        Assert.AreEqual(4, errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, errors);
        // A decoded bomb is 1.2 GB of BGR pixels; the whole test process stays far below that.
        long grown = Process.GetCurrentProcess().PeakWorkingSet64 - before;
        Assert.IsLessThan(500L << 20, grown, $"peak working set grew by {grown >> 20} MB");
    }

    [TestMethod]
    public void DatasetMaxPixelsSetsTheLimit()
    {
        string manifest = WriteManifest(Row("good", "p0001", image: null, counterfactual: null, mask: null), Row("also_good", "p0002", image: null, counterfactual: null, mask: null));
        string spec = AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 1.0);
        JsonNode json = JsonNode.Parse(File.ReadAllText(spec))!;
        json["dataset"]!["maxPixels"] = (320 * 320) - 1; // the demo images are 320x320
        File.WriteAllText(spec, json.ToJsonString());
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", spec, "--output", output);

        string errors = File.ReadAllText(Path.Combine(output, "errors.csv"));
        StringAssert.Contains(errors, "is 320x320 (102,400 pixels), above the limit of 102,399 (dataset.maxPixels)", result.Stdout + result.Stderr);
        Assert.AreEqual(3, errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, errors);
    }

    [TestMethod]
    public void PredictRefusesABombSourceNamingIt()
    {
        string bomb = Path.Combine(_folder, "bomb.png");
        BombPng.Write(bomb, 20000, 20000);

        CliResult result = CliRunner.Run("predict", "--model", RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx"), "--source", bomb);

        StringAssert.Contains(result.Stdout + result.Stderr, $"bomb.png: error: Image '{bomb}' is 20,000x20,000 (400,000,000 pixels), above the limit of 50,000,000");
    }

    [TestMethod]
    public void ABombLogoStopsTheRunBeforeAnyPair()
    {
        string bomb = Path.Combine(_folder, "bomb.png");
        BombPng.Write(bomb, 20000, 20000);
        var artifact = new ArtifactInsertion(InsertedArtifactType.Logo, null, 1.0, 1.0, ArtifactPosition.BottomRight, SpecPath.Resolve(bomb, _folder));

        var error = Assert.ThrowsExactly<AuditInputException>(() => ArtifactInserter.Create(artifact));

        StringAssert.Contains(error.Message, "is 20,000x20,000 (400,000,000 pixels), above the limit of 50,000,000");
    }

    [TestMethod]
    public void ADeviceAFifoOrAFolderAsAnImageIsAnErrorRowWithinSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("FIFOs and /dev/zero are Linux files.");
        }

        string fifo = Path.Combine(_folder, "fifo.png");
        using (Process mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.AreEqual(0, mkfifo.ExitCode, "mkfifo");
        }

        string folderImage = Path.Combine(_folder, "folder.jpg");
        Directory.CreateDirectory(folderImage);
        string manifest = WriteManifest(
            Row("good", "p0001", image: null, counterfactual: null, mask: null),
            Row("dev_zero", "p0002", image: "/dev/zero", counterfactual: null, mask: null),
            Row("fifo_image", "p0003", image: fifo, counterfactual: null, mask: null),
            Row("fifo_mask", "p0004", image: null, counterfactual: null, mask: fifo),
            Row("folder_image", "p0005", image: folderImage, counterfactual: null, mask: null));
        string spec = AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.9);
        string output = Path.Combine(_folder, "run");

        var clock = Stopwatch.StartNew();
        Task<CliResult> run = Task.Run(() => CliRunner.Run("run", spec, "--output", output));
        bool finished = run.Wait(TimeSpan.FromSeconds(60));
        for (int attempt = 0; !run.IsCompleted && attempt < 20; attempt++)
        {
            // Today's hang: a reader blocked opening the FIFO; a writer that opens and closes it lets the run go on.
            Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose()).Wait(TimeSpan.FromSeconds(2));
            run.Wait(TimeSpan.FromSeconds(1));
        }

        Assert.IsTrue(finished, "the run hung on the FIFO");
        Assert.IsLessThan(TimeSpan.FromSeconds(30), clock.Elapsed);
        CliResult result = run.Result;
        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        string errors = File.ReadAllText(Path.Combine(output, "errors.csv"));
        StringAssert.Contains(errors, "shortcut,dev_zero,2,read image,\"Image '/dev/zero' is not a regular file (a device, FIFO or socket); expected an image file.\"");
        StringAssert.Contains(errors, $"shortcut,fifo_image,3,read image,\"Image '{fifo}' is not a regular file");
        StringAssert.Contains(errors, $"shortcut,fifo_mask,4,read mask,\"Mask '{fifo}' is not a regular file");
        StringAssert.Contains(errors, $"shortcut,folder_image,5,read image,Image '{folderImage}' is a folder; expected an image file.");
        Assert.AreEqual(5, errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, errors);
    }

    [TestMethod]
    public void AnEmptyMaskIsDescribedAsAllZero()
    {
        string mask = Path.Combine(_folder, "empty.png");
        using (var empty = new Mat(320, 320, MatType.CV_8UC1, Scalar.All(0)))
        {
            Cv2.ImWrite(mask, empty);
        }

        var error = Assert.ThrowsExactly<AuditInputException>(() => AuditHarness.Inference.Imaging.ArtifactMask.Load(mask, 320, 320));

        Assert.AreEqual($"Mask '{mask}' is empty (every pixel is 0); expected the artifact's pixels non-zero (255 by convention).", error.Message);
    }

    [TestMethod]
    public void AZeroByteManifestSaysItIsEmpty()
    {
        string manifest = Path.Combine(_folder, "manifest.csv");
        File.WriteAllBytes(manifest, []);

        CliResult result = CliRunner.Run("run", AuditSpecFiles.Write(_folder, manifest));

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stderr, $"'{manifest}' is empty (0 bytes or no line); expected a header line with the columns pair_id,image,mask,artifact_type");
        Assert.DoesNotContain("its header is", result.Stderr);
    }

    private static string Row(string id, string demo, string? image, string? counterfactual, string? mask) =>
        string.Join(',', id, image ?? $"{DemoAudit}/images/{demo}.jpg", counterfactual ?? $"{DemoAudit}/counterfactuals/{demo}.jpg", mask ?? $"{DemoAudit}/masks/{demo}.png", "ruler");

    private string WriteManifest(params string[] rows)
    {
        string path = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(path, ["pair_id,image,counterfactual,mask,artifact_type", .. rows]);
        return path;
    }
}
