using AuditHarness.Cli;
using AuditHarness.Core.Specs;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// <c>init</c> through the in-process CLI: on the real YOLO26n export with the shared photos it writes a spec that the
/// printed command runs to a report; with PNG masks or YOLO labels it writes the manifest the run reads; it never
/// overwrites without --force.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class InitCommandTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");
    private static readonly string ShortcutModel = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");
    private static readonly string[] Ids = ["p0001", "p0002", "p0003", "p0004", "p0005"];
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("init-command").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void InitOnARealModelWithCleanPhotosWritesASpecThatThePrintedCommandRunsToAReport()
    {
        string model = SharedAssets.Model(SharedAssets.Yolo26nInt8);
        string images = Path.GetDirectoryName(SharedAssets.Image("bus.jpg"))!;
        string spec = Path.Combine(_folder, "my.audit.json");

        CliResult init = CliRunner.Run("init", "--model", model, "--images", images, "--artifact", "logo", "--out", spec);

        Assert.AreEqual(ExitCodes.Success, init.ExitCode, init.Stdout + init.Stderr);
        StringAssert.Contains(init.Stdout, "model: yolo26n_int8.onnx: end-to-end head, input 640x640, 80 classes");
        StringAssert.Contains(init.Stdout, "0 person, 1 bicycle, 2 car");
        StringAssert.Contains(init.Stdout, $"images: 2 in '{images}', 2 pairs (insertion)");
        foreach (string file in new[] { "my.audit.json", "my.policy.json", "my.logo.png" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(_folder, file)), file);
        }

        string[] printed = init.Stdout.TrimEnd().Split('\n');
        Assert.AreEqual("Run the audit with:", printed[^2]);
        string command = printed[^1].Trim();
        StringAssert.StartsWith(command, "audit-harness run ");
        string printedSpec = command["audit-harness run ".Length..];
        AuditSpec loaded = AuditSpecLoader.Load(printedSpec);
        Assert.IsInstanceOfType<InsertionDataset>(loaded.Dataset);
        Assert.AreEqual(InsertedArtifactType.Logo, ((InsertionDataset)loaded.Dataset).Artifact.Type);
        CollectionAssert.AreEqual(new[] { "model.9" }, loaded.Taps.ToArray(), "YOLO26n's SPPF module");
        CollectionAssert.AreEquivalent(
            new[] { "logo-score-shift", "logo-flip-rate", "logo-lost-rate", "logo-layer-reliance-model-9" },
            loaded.Policy.Policy.Checks.Select(c => c.Id).ToArray());

        CliResult run = CliRunner.Run("run", printedSpec);

        Assert.IsTrue(run.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, run.Stdout + run.Stderr);
        string runFolder = Directory.GetDirectories(Path.Combine(_folder, "runs", "my")).Single();
        Assert.IsTrue(new FileInfo(Path.Combine(runFolder, "report.pdf")).Length > 10_000, "report.pdf written");
        Assert.HasCount(3, File.ReadAllLines(Path.Combine(runFolder, "summary.csv")).Skip(1).Where(l => l.Contains(",logo,", StringComparison.Ordinal)).Take(3));
        Assert.HasCount(1, File.ReadAllLines(Path.Combine(runFolder, "errors.csv")), "no pair failed");
    }

    [TestMethod]
    public void InitWithMasksWritesAManifestOfTheImagesThatHaveOneAndTheRunReadsIt()
    {
        string images = CopyImages();
        string masks = Directory.CreateDirectory(Path.Combine(_folder, "masks")).FullName;
        foreach (string id in Ids[..4])
        {
            File.Copy($"{DemoAudit}/masks/{id}.png", Path.Combine(masks, id + ".png"));
        }

        string spec = Path.Combine(_folder, "derm.audit.json");
        CliResult init = CliRunner.Run("init", "--model", ShortcutModel, "--images", images, "--masks", masks, "--artifact", "ruler", "--out", spec);

        Assert.AreEqual(ExitCodes.Success, init.ExitCode, init.Stdout + init.Stderr);
        StringAssert.Contains(init.Stdout, "images: 5 in");
        StringAssert.Contains(init.Stdout, "4 pairs (masks), 1 not usable:");
        StringAssert.Contains(init.Stdout, $"  no mask: '{Path.Combine(images, "p0005.jpg")}' has no p0005.png in '{masks}'; left out.");
        CollectionAssert.AreEqual(
            new[] { "pair_id,image,mask,artifact_type" }.Concat(Ids[..4].Select(id => $"{id},images/{id}.jpg,masks/{id}.png,ruler")).ToArray(),
            File.ReadAllLines(Path.Combine(_folder, "derm.manifest.csv")));

        CliResult run = CliRunner.Run("run", spec, "--output", Path.Combine(_folder, "run"));

        Assert.IsTrue(run.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, run.Stdout + run.Stderr);
        StringAssert.Contains(run.Stdout, "(4 of 4 pairs, 0 failed)");
    }

    [TestMethod]
    public void InitWithYoloLabelsWritesAManifestNamingTheLabelFilesAndTheRunDrawsTheirMasks()
    {
        string images = CopyImages();
        string labels = Directory.CreateDirectory(Path.Combine(_folder, "labels")).FullName;
        File.WriteAllText(Path.Combine(labels, "classes.txt"), "lesion\nruler\n");
        foreach (string id in Ids[..4])
        {
            // A lesion box (not an artifact) and a ruler band along the bottom tenth of the 320x320 image.
            File.WriteAllText(Path.Combine(labels, id + ".txt"), "0 0.5 0.5 0.3 0.3\n1 0.5 0.95 1 0.1\n");
        }

        File.WriteAllText(Path.Combine(labels, "p0005.txt"), "1 0.5 0.95 1 0.1\n1 0.5 0.95\n");
        string spec = Path.Combine(_folder, "derm.audit.json");

        CliResult init = CliRunner.Run("init", "--model", ShortcutModel, "--images", images, "--labels", labels, "--artifact-classes", "ruler", "--out", spec);

        Assert.AreEqual(ExitCodes.Success, init.ExitCode, init.Stdout + init.Stderr);
        StringAssert.Contains(init.Stdout, "4 pairs (labels), 1 not usable:");
        StringAssert.Contains(init.Stdout, $"  bad label: Label file '{Path.Combine(labels, "p0005.txt")}' line 2: 2 numbers after the class;");
        CollectionAssert.AreEqual(
            new[] { "pair_id,image,mask,artifact_type" }.Concat(Ids[..4].Select(id => $"{id},images/{id}.jpg,labels/{id}.txt,ruler")).ToArray(),
            File.ReadAllLines(Path.Combine(_folder, "derm.manifest.csv")));
        AuditSpec loaded = AuditSpecLoader.Load(spec);
        CollectionAssert.AreEqual(new[] { "ruler" }, ((ManifestDataset)loaded.Dataset).Annotations.ArtifactClasses.ToArray());

        CliResult run = CliRunner.Run("run", spec, "--output", Path.Combine(_folder, "run"));

        Assert.IsTrue(run.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, run.Stdout + run.Stderr);
        StringAssert.Contains(run.Stdout, "(4 of 4 pairs, 0 failed)");
    }

    [TestMethod]
    public void ExistingFilesAreRefusedWithoutForceAndReplacedWithIt()
    {
        string images = CopyImages();
        string spec = Path.Combine(_folder, "x.audit.json");
        File.WriteAllText(Path.Combine(_folder, "x.policy.json"), "mine");

        CliResult refused = CliRunner.Run("init", "--model", ShortcutModel, "--images", images, "--out", spec);
        bool specWrittenWhenRefused = File.Exists(spec);
        CliResult forced = CliRunner.Run("init", "--model", ShortcutModel, "--images", images, "--out", spec, "--force");

        Assert.AreEqual(ExitCodes.BadInput, refused.ExitCode);
        Assert.AreEqual($"error: '{Path.Combine(_folder, "x.policy.json")}' exists; pass --force to overwrite it, or choose another --out.", refused.Stderr.Trim());
        Assert.IsFalse(specWrittenWhenRefused, "nothing written when one file is refused");
        Assert.AreEqual(ExitCodes.Success, forced.ExitCode, forced.Stderr);
        StringAssert.Contains(File.ReadAllText(Path.Combine(_folder, "x.policy.json")), "\"ruler-score-shift\"");
    }

    [TestMethod]
    public void AnUnknownArtifactTypeListsTheTypesInsertionDraws()
    {
        CliResult result = CliRunner.Run("init", "--model", ShortcutModel, "--images", CopyImages(), "--artifact", "rulers", "--out", Path.Combine(_folder, "x.audit.json"));

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual(
            "error: --artifact 'rulers' is not an artifact type insertion can draw; expected one of watermark, ruler, logo; did you mean 'ruler'? (with --masks or --labels any name is allowed).",
            result.Stderr.Trim());
        CliResult help = CliRunner.Run("init", "--help");
        StringAssert.Contains(help.Stdout.ReplaceLineEndings(" "), "watermark, ruler, logo");
    }

    [TestMethod]
    public void UnreadableImagesAreListedOneLineEachSayingWhatTheRunWillDo()
    {
        string images = CopyImages();
        File.WriteAllText(Path.Combine(images, "broken.jpg"), "not an image");

        CliResult result = CliRunner.Run("init", "--model", ShortcutModel, "--images", images, "--out", Path.Combine(_folder, "x.audit.json"));

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "images: 6 in");
        StringAssert.Contains(result.Stdout, "6 pairs (insertion), 1 not usable:");
        string[] listed = [.. result.Stdout.Split('\n').Where(l => l.StartsWith("  unreadable: ", StringComparison.Ordinal))];
        Assert.HasCount(1, listed);
        StringAssert.Contains(listed[0], "broken.jpg");
        StringAssert.EndsWith(listed[0], "The run will report it as an error row; remove it from the folder to leave it out.");
    }

    private string CopyImages()
    {
        string images = Path.Combine(_folder, "images");
        if (!Directory.Exists(images))
        {
            Directory.CreateDirectory(images);
            foreach (string id in Ids)
            {
                File.Copy($"{DemoAudit}/images/{id}.jpg", Path.Combine(images, id + ".jpg"));
            }
        }

        return images;
    }
}
