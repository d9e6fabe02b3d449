using AuditHarness.Cli;
using AuditHarness.Tests.Engine;
using AuditHarness.Tests.TestModels;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// A detector output no image could produce (a NaN coordinate, a NaN class, a class id the model has no name for) is
/// an error row at stage <c>decode</c> naming the model and the value; a run whose every pair fails so is broken.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class InvalidModelOutputTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("invalid-output").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    [DataRow(float.NaN, 0f, "the coordinates (10, NaN, 50, 60)")]
    [DataRow(20f, float.NaN, "the class value NaN")]
    [DataRow(20f, 5f, "the class id 5, which it has no name for (it names 2 classes, 0 to 1)")]
    public void AnInvalidDetectionIsADecodeErrorRowAndBreaksTheRun(float y1, float classValue, string shown)
    {
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (10f, 20f, 50f, 60f, 0.9f, 0));
        output[1] = y1;
        output[5] = classValue;
        string model = Path.Combine(_folder, "bad-output.onnx");
        File.WriteAllBytes(model, TinyYoloModelBuilder.BuildWithOutputShape([1, 300, 6], output, new Dictionary<string, string?> { ["end2end"] = "True" }));
        string output0 = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", AuditSpecFiles.WriteForModelFile(_folder, DemoManifestCut.First(_folder, 2), model), "--output", output0);

        Assert.AreEqual(ExitCodes.RunBroken, result.ExitCode, result.Stdout + result.Stderr);
        string[] errors = File.ReadAllLines(Path.Combine(output0, "errors.csv"));
        Assert.HasCount(3, errors, string.Join("\n", errors));
        foreach (string row in errors.Skip(1))
        {
            StringAssert.StartsWith(row, "candidate,");
            StringAssert.Contains(row, ",decode,");
            StringAssert.Contains(row, "Model '");
            StringAssert.Contains(row, shown);
        }
    }
}
