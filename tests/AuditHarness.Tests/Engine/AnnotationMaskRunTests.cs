using System.Text.Json.Nodes;
using AuditHarness.Cli;
using AuditHarness.Tests.Cli;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// A manifest whose masks are YOLO label files runs like one whose masks are the PNGs those labels describe: the same
/// image with the label file and with a hand-made PNG of the same band gives identical artifact-removed rows (the placebo
/// differs, as it is seeded by the pair id). A label file with a bad line is one error row naming it and the line.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class AnnotationMaskRunTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("annotation-run").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void LabelMasksRunAsTheirPngsAndABadLabelFileIsOneErrorRow()
    {
        string images = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/images");
        // Class 1 is a band over the bottom tenth of the 320x320 images: y 288..320, every column; class 0 is not drawn.
        File.WriteAllText(Path.Combine(_folder, "band.txt"), "0 0.5 0.5 0.2 0.2\n1 0.5 0.95 1 0.1\n");
        File.WriteAllText(Path.Combine(_folder, "bad.txt"), "1 0.5 0.95 1 0.1\n1 oops 0.5 0.1 0.1\n");
        using (var band = new Mat(320, 320, MatType.CV_8UC1, Scalar.All(0)))
        {
            using Mat bottom = band.RowRange(288, 320);
            bottom.SetTo(Scalar.All(255));
            Cv2.ImWrite(Path.Combine(_folder, "band.png"), band);
        }

        File.WriteAllText(Path.Combine(_folder, "manifest.csv"), $"""
            pair_id,image,mask,artifact_type
            a-png,{images}/p0001.jpg,band.png,ruler
            a-txt,{images}/p0001.jpg,band.txt,ruler
            b-png,{images}/p0002.jpg,band.png,ruler
            b-txt,{images}/p0002.jpg,band.txt,ruler
            c-bad,{images}/p0003.jpg,bad.txt,ruler

            """);
        string spec = AuditSpecFiles.Write(_folder, Path.Combine(_folder, "manifest.csv"), masking: "inpaint-telea", maxErrorRate: 0.5);
        JsonNode json = JsonNode.Parse(File.ReadAllText(spec))!;
        json["dataset"]!["artifactClasses"] = new JsonArray("1");
        File.WriteAllText(spec, json.ToJsonString());
        string output = Path.Combine(_folder, "run");

        CliResult run = CliRunner.Run("run", spec, "--output", output);

        Assert.IsTrue(run.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, run.Stdout + run.Stderr);
        string[] errors = File.ReadAllLines(Path.Combine(output, "errors.csv"));
        Assert.HasCount(2, errors, string.Join('\n', errors));
        StringAssert.Contains(errors[1], "c-bad,5,read mask,");
        StringAssert.Contains(errors[1], $"Label file '{Path.Combine(_folder, "bad.txt")}' line 2: 'oops' is not a number in [0, 1]");
        string[] removed = [.. File.ReadAllLines(Path.Combine(output, "pairs.csv")).Where(l => l.Contains(",artifact_removed,", StringComparison.Ordinal))];
        Assert.HasCount(4, removed);
        foreach (string image in new[] { "a", "b" })
        {
            string png = removed.Single(l => l.Contains($",{image}-png,", StringComparison.Ordinal)).Replace($",{image}-png,", ",", StringComparison.Ordinal);
            string txt = removed.Single(l => l.Contains($",{image}-txt,", StringComparison.Ordinal)).Replace($",{image}-txt,", ",", StringComparison.Ordinal);
            Assert.AreEqual(png, txt, $"image {image}: the label file's mask is the PNG's");
        }
    }
}
