using System.Globalization;
using AuditHarness.Cli;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

[TestClass]
[DoNotParallelize]
public sealed class PredictCommandTests
{
    private string _folder = string.Empty;
    private string _model = string.Empty;

    [TestInitialize]
    public void CreateInputs()
    {
        _folder = Directory.CreateTempSubdirectory("predict").FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "images"));
        // One bus at input (10,50)-(110,250); a 640x480 image maps it to (20,20)-(220,420).
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (10f, 50f, 110f, 250f, 0.9f, 1));
        _model = Path.Combine(_folder, "tiny.onnx");
        File.WriteAllBytes(_model, TinyYoloModelBuilder.Build(new() { Output0 = output }));
        using var image = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(50));
        Cv2.ImWrite(Path.Combine(_folder, "images", "a.png"), image);
        Cv2.ImWrite(Path.Combine(_folder, "images", "c.jpg"), image);
        File.WriteAllText(Path.Combine(_folder, "images", "b.jpg"), "not really a jpeg");
    }

    [TestCleanup]
    public void DeleteInputs() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void CorruptImageGetsItsOwnLineAndTheOthersStillRun()
    {
        string outDir = Path.Combine(_folder, "out");

        CliResult result = CliRunner.Run(
            "predict", "--model", _model, "--source", Path.Combine(_folder, "images"), "--taps", "model.0", "--out", outDir);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stderr);
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("a.png: 1 bus, ", lines[0]);
        Assert.StartsWith("b.jpg: error: ", lines[1]);
        StringAssert.Contains(lines[1], "could not be decoded");
        Assert.StartsWith("c.jpg: 1 bus, ", lines[2]);

        string[] csv = File.ReadAllLines(Path.Combine(outDir, "detections.csv"));
        Assert.AreEqual("image,class_id,class_name,score,x1,y1,x2,y2", csv[0]);
        Assert.HasCount(3, csv);
        string[] fields = csv[1].Split(',');
        Assert.AreEqual("1", fields[1]);
        Assert.AreEqual("bus", fields[2]);
        CollectionAssert.AreEqual(new[] { 20f, 20f, 220f, 420f }, fields[4..].Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());

        string[] activations = File.ReadAllLines(Path.Combine(outDir, "activations.csv"));
        Assert.HasCount(3, activations);
        StringAssert.Contains(activations[1], ",model.0,/model.0/act/Mul_output_0,1x8x160x160,");
        Assert.IsEmpty(Directory.GetFiles(outDir, "*.partial"));
    }

    [TestMethod]
    public void NumbersAreWrittenInvariantlyUnderACommaDecimalCulture()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            string outDir = Path.Combine(_folder, "out-de");
            CliRunner.Run("predict", "--model", _model, "--source", Path.Combine(_folder, "images", "a.png"), "--out", outDir);

            string row = File.ReadAllLines(Path.Combine(outDir, "detections.csv"))[1];
            StringAssert.Contains(row, ",0.9,");
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [TestMethod]
    public void MissingImageIsReportedAndExitCodeSaysBadInput()
    {
        CliResult result = CliRunner.Run("predict", "--model", _model, "--source", Path.Combine(_folder, "nope.jpg"));

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        StringAssert.Contains(result.Stdout, "nope.jpg: error: Image");
        StringAssert.Contains(result.Stdout, "does not exist");
    }
}
