using AuditHarness.Cli;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

/// <summary>A model whose input would be [1,3,100000,100000] is refused as bad input naming its size, before any tensor is allocated.</summary>
[TestClass]
public sealed class OversizedModelInputTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("oversized-input").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void AHugeInputSizeExitsBadInputNamingTheSize()
    {
        // A dynamic input takes its size from the export's imgsz metadata: here 100000 x 100000.
        string model = Path.Combine(_folder, "huge-input.onnx");
        File.WriteAllBytes(model, TinyYoloModelBuilder.Build(new TinyYoloModelOptions
        {
            DynamicInput = true,
            Metadata = new Dictionary<string, string?> { ["imgsz"] = "[100000, 100000]" },
        }));
        string image = Path.Combine(_folder, "a.png");
        using (var blank = new Mat(64, 64, MatType.CV_8UC3, Scalar.All(50)))
        {
            Cv2.ImWrite(image, blank);
        }

        CliResult result = CliRunner.Run("predict", "--model", model, "--source", image);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.Contains(lines[0], "input is 100000x100000");
        StringAssert.Contains(lines[0], "expected each side from 1 to 8192 pixels");
        Assert.DoesNotContain("unexpected", lines[0]);
    }
}
