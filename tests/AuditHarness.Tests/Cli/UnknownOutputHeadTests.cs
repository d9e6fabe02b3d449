using AuditHarness.Cli;
using AuditHarness.Tests.Engine;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// A detector whose output fits no known YOLO head stops <c>predict</c> and <c>run</c> with the bad-input exit code and
/// one line naming the model file and the shape found, before any image or pair is processed.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class UnknownOutputHeadTests
{
    private const string ModelFile = "bad-head.onnx";

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("unknown-head").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    // [1,3,7] has the YOLOv5 row length for the model's two classes but fewer anchors than values per anchor;
    // [1,7,5,3] is not even rank 3.
    [TestMethod]
    [DataRow(new long[] { 1, 3, 7 }, "[1,3,7]")]
    [DataRow(new long[] { 1, 7, 5, 3 }, "[1,7,5,3]")]
    public void PredictExitsBadInputNamingTheModelAndTheShape(long[] shape, string shown)
    {
        string model = WriteModel(shape);
        string image = Path.Combine(_folder, "a.png");
        using (var blank = new Mat(64, 64, MatType.CV_8UC3, Scalar.All(50)))
        {
            Cv2.ImWrite(image, blank);
        }

        CliResult result = CliRunner.Run("predict", "--model", model, "--source", image, "--out", Path.Combine(_folder, "out"));

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        AssertOneLineNaming(result.Stderr, shown);
        Assert.AreEqual(string.Empty, result.Stdout, "no image was predicted");
    }

    [TestMethod]
    [DataRow(new long[] { 1, 3, 7 }, "[1,3,7]")]
    [DataRow(new long[] { 1, 7, 5, 3 }, "[1,7,5,3]")]
    public void RunExitsBadInputNamingTheModelAndTheShapeBeforeAnyPair(long[] shape, string shown)
    {
        string spec = AuditSpecFiles.WriteForModelFile(_folder, DemoManifestCut.First(_folder, 2), WriteModel(shape));

        CliResult result = CliRunner.Run("run", spec);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        AssertOneLineNaming(result.Stderr, shown);
        Assert.DoesNotContain("pairs", result.Stdout, "no pair ran");
        string root = Path.Combine(_folder, "out");
        Assert.IsFalse(Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any(), "no run folder was written");
    }

    private static void AssertOneLineNaming(string stderr, string shape)
    {
        Assert.AreEqual(1, stderr.Trim().Split('\n').Length, "exactly one line: " + stderr);
        Assert.StartsWith($"error: Model '{ModelFile}' output 'output0' has shape {shape}; expected a YOLO detection head: ", stderr);
    }

    private string WriteModel(long[] shape)
    {
        // Detector metadata (task detect, classes person and bus, end2end False) on an output of the given shape.
        string path = Path.Combine(_folder, ModelFile);
        File.WriteAllBytes(path, TinyYoloModelBuilder.BuildWithOutputShape(shape));
        return path;
    }
}
