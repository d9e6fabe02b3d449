using AuditHarness.Cli;
using AuditHarness.Tests.BadInputCorpus;
using AuditHarness.Tests.Engine;
using OpenCvSharp;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// A photo stored on its side with EXIF orientation 6 goes through a run and <c>predict</c> as shown: a mask and a
/// counterfactual drawn on the shown image line up with it, and ones of the stored size are error rows that say the
/// orientation made the sizes differ, instead of a silently misaligned mask.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class ExifOrientationRunTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");
    private static readonly string Model = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("exif-run").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ATurnedPhotoAlignsWithTurnedFilesAndNamesTheOrientationWhenTheyDoNot()
    {
        // A demo pair squeezed to 320x200 and stored with tag 6 (shown 200x320); the mask and one counterfactual are
        // drawn as shown (turned 90° clockwise, no tag), the other files as stored.
        using Mat image = Squeezed($"{DemoAudit}/images/p0001.jpg", InterpolationFlags.Linear);
        using Mat counterfactual = Squeezed($"{DemoAudit}/counterfactuals/p0001.jpg", InterpolationFlags.Linear);
        using Mat mask = Squeezed($"{DemoAudit}/masks/p0001.png", InterpolationFlags.Nearest);
        string imagePath = Path.Combine(_folder, "turned.jpg");
        string taggedCounterfactual = Path.Combine(_folder, "turned-cf.jpg");
        string storedCounterfactual = Path.Combine(_folder, "stored-cf.jpg");
        string shownMask = Path.Combine(_folder, "shown-mask.png");
        string storedMask = Path.Combine(_folder, "stored-mask.png");
        ExifImage.WriteJpeg(imagePath, image, 6);
        ExifImage.WriteJpeg(taggedCounterfactual, counterfactual, 6);
        Cv2.ImWrite(storedCounterfactual, counterfactual);
        Cv2.ImWrite(storedMask, mask);
        using (Mat turned = new())
        {
            Cv2.Rotate(mask, turned, RotateFlags.Rotate90Clockwise);
            Cv2.ImWrite(shownMask, turned);
        }

        string manifest = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(manifest, [
            "pair_id,image,counterfactual,mask,artifact_type",
            $"plain,{DemoAudit}/images/p0002.jpg,{DemoAudit}/counterfactuals/p0002.jpg,{DemoAudit}/masks/p0002.png,ruler",
            $"aligned,{imagePath},{taggedCounterfactual},{shownMask},ruler",
            $"stored_mask,{imagePath},{taggedCounterfactual},{storedMask},ruler",
            $"stored_counterfactual,{imagePath},{storedCounterfactual},{shownMask},ruler",
        ]);
        string output = Path.Combine(_folder, "run");

        CliResult result = CliRunner.Run("run", AuditSpecFiles.Write(_folder, manifest, maxErrorRate: 0.9), "--output", output);

        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        string[] errors = File.ReadAllLines(Path.Combine(output, "errors.csv"));
        Assert.HasCount(3, errors, string.Join('\n', errors)); // header and the two misaligned pairs
        Assert.AreEqual(
            $"shortcut,stored_mask,3,read mask,Mask '{storedMask}' is 320x200; its image '{imagePath}' is 200x320 after its EXIF orientation 6 (rotate 90° clockwise): the EXIF orientation of the image made the sizes differ; turn the mask to match or strip the tag.",
            errors[1]);
        Assert.AreEqual(
            $"shortcut,stored_counterfactual,4,build artifact-removed variant,Counterfactual '{storedCounterfactual}' is 320x200; its image '{imagePath}' is 200x320 after its EXIF orientation 6 (rotate 90° clockwise): the EXIF orientation of the image made the sizes differ; turn the counterfactual to match or strip the tag.",
            errors[2]);
        string[] pairs = File.ReadAllLines(Path.Combine(output, "pairs.csv"));
        Assert.HasCount(3, pairs.Where(l => l.StartsWith("shortcut,aligned,", StringComparison.Ordinal)).ToArray(), "the aligned pair's three variants");
    }

    [TestMethod]
    public void PredictSeesATaggedJpegAsShown()
    {
        // The same pixels once as a tagged JPEG and once turned into a PNG without a tag give the same detections.
        using Mat image = Squeezed($"{DemoAudit}/images/p0001.jpg", InterpolationFlags.Linear);
        string tagged = Path.Combine(_folder, "tagged.jpg");
        ExifImage.WriteJpeg(tagged, image, 6);
        using Mat stored = Cv2.ImDecode(File.ReadAllBytes(tagged), ImreadModes.Color | ImreadModes.IgnoreOrientation);
        using var turned = new Mat();
        Cv2.Rotate(stored, turned, RotateFlags.Rotate90Clockwise);
        string plain = Path.Combine(_folder, "plain.png");
        Cv2.ImWrite(plain, turned);

        CliResult a = CliRunner.Run("predict", "--model", Model, "--source", tagged, "--out", Path.Combine(_folder, "a"));
        CliResult b = CliRunner.Run("predict", "--model", Model, "--source", plain, "--out", Path.Combine(_folder, "b"));

        Assert.AreEqual(ExitCodes.Success, a.ExitCode, a.Stdout + a.Stderr);
        Assert.AreEqual(ExitCodes.Success, b.ExitCode, b.Stdout + b.Stderr);
        string[] fromTagged = [.. File.ReadAllLines(Path.Combine(_folder, "a", "detections.csv")).Skip(1).Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..])];
        string[] fromPlain = [.. File.ReadAllLines(Path.Combine(_folder, "b", "detections.csv")).Skip(1).Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..])];
        Assert.IsNotEmpty(fromTagged, "the demo lesion is detected");
        CollectionAssert.AreEqual(fromPlain, fromTagged);
        Assert.IsTrue(fromTagged.All(row => BoxFits(row, 200, 320)), string.Join('\n', fromTagged));
    }

    private static Mat Squeezed(string path, InterpolationFlags interpolation)
    {
        using Mat read = Cv2.ImRead(path, ImreadModes.Unchanged);
        var squeezed = new Mat();
        Cv2.Resize(read, squeezed, new Size(320, 200), interpolation: interpolation);
        return squeezed;
    }

    private static bool BoxFits(string row, int width, int height)
    {
        double[] box = [.. row.Split(',')[^4..].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        return box[0] >= 0 && box[2] <= width && box[1] >= 0 && box[3] <= height;
    }
}
