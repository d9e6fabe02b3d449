using AuditHarness.Cli;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Tracing;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

[TestClass]
[DoNotParallelize]
public sealed class AblateCommandTests
{
    private string _folder = string.Empty;
    private string _model = string.Empty;

    [TestInitialize]
    public void CreateInputs()
    {
        _folder = Directory.CreateTempSubdirectory("ablate-cli").FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "clean"));
        // One bus at input (10,50)-(110,250); a 640x480 image maps it to (20,20)-(220,420).
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (10f, 50f, 110f, 250f, 0.9f, 1));
        _model = Path.Combine(_folder, "tiny.onnx");
        File.WriteAllBytes(_model, TinyYoloModelBuilder.Build(new() { Output0 = output, Precision = TinyYoloPrecision.Int8Dynamic }));
        using var image = new Mat(480, 640, MatType.CV_8UC3, new Scalar(40, 90, 200));
        Cv2.ImWrite(Path.Combine(_folder, "clean", "a.png"), image);
    }

    [TestCleanup]
    public void DeleteInputs() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void AnAblatedModelIsWrittenWithItsProvenanceAndPredictsLikeAnyModel()
    {
        string ablated = Path.Combine(_folder, "tiny_ablated.onnx");

        CliResult ablate = CliRunner.Run(
            "ablate", "--model", _model, "--layer", "model.1", "--channels", "0,7,15", "--fill", "mean", "--images", Path.Combine(_folder, "clean"), "--out", ablated);
        CliResult predict = CliRunner.Run("predict", "--model", ablated, "--source", Path.Combine(_folder, "clean", "a.png"), "--taps", "model.1");

        Assert.AreEqual(ExitCodes.Success, ablate.ExitCode, ablate.Stderr);
        StringAssert.Contains(ablate.Stdout, "model.1: 3 of 16 channels ablated (0,7,15), fill spatial mean over 1 image(s)");
        IReadOnlyDictionary<string, string> metadata = OnnxModelGraph.Load(ablated).MetadataProps;
        Assert.AreEqual("mean", metadata[ChannelAblation.FillKey]);
        Assert.AreEqual("tiny.onnx", metadata[ChannelAblation.SourceModelKey]);
        Assert.AreEqual(OnnxModelGraph.Load(_model).MetadataProps["names"], metadata["names"]);
        Assert.AreEqual(ExitCodes.Success, predict.ExitCode, predict.Stderr);
        Assert.StartsWith("a.png: 1 bus, ", predict.Stdout);
    }

    [TestMethod]
    [DataRow("--channels", "3,x", "'x'")]
    [DataRow("--layer", "model.9", "model.9")]
    [DataRow("--fill", "median", "median")]
    public void BadOptionsExitWithBadInputAndNameTheValue(string option, string value, string named)
    {
        string ablated = Path.Combine(_folder, "out.onnx");
        var args = new Dictionary<string, string> { ["--layer"] = "model.1", ["--channels"] = "1", ["--fill"] = "zero" };
        args[option] = value;

        CliResult result = CliRunner.Run(
            ["ablate", "--model", _model, "--out", ablated, .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.AreNotEqual(ExitCodes.Success, result.ExitCode);
        StringAssert.Contains(result.Stderr + result.Stdout, named);
        Assert.IsFalse(File.Exists(ablated));
    }
}
