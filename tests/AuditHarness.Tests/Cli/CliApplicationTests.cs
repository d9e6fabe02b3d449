using AuditHarness.Cli;

namespace AuditHarness.Tests.Cli;

[TestClass]
[DoNotParallelize] // redirects the process-wide Console streams
public sealed class CliApplicationTests
{
    [TestMethod]
    public void ConfidenceOutOfRangeIsBadInputWithOneLineNamingTheOption()
    {
        (int code, string stderr) = Run("predict", "--model", "m.onnx", "--source", "x.jpg", "--conf", "1.5");

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "--conf");
        StringAssert.Contains(stderr, "between 0 and 1");
        Assert.IsFalse(stderr.Contains("   at ", StringComparison.Ordinal), "no stack trace without --verbose");
        Assert.AreEqual(1, stderr.Trim().Split('\n').Length, "exactly one line: " + stderr);
    }

    [TestMethod]
    public void FolderGivenAsModelIsBadInputSayingAFileWasExpected()
    {
        (int code, string stderr) = Run("layers", "--model", Path.GetTempPath());

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "is a folder; expected an ONNX file");
    }

    [TestMethod]
    public void UnparsableNumberIsBadInput()
    {
        (int code, string stderr) = Run("predict", "--model", "m.onnx", "--source", "x.jpg", "--iou", "abc");

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "abc");
    }

    [TestMethod]
    public void MissingModelFileIsBadInputNamingTheFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N") + ".onnx");

        (int code, string stderr) = Run("layers", "--model", missing);

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, Path.GetFileName(missing));
        Assert.AreEqual(1, stderr.Trim().Split('\n').Length, "exactly one line: " + stderr);
    }

    [TestMethod]
    public void TextFileIsRefusedAsNotOnnx()
    {
        string path = Path.Combine(Path.GetTempPath(), "not-a-model-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllText(path, "this is plain text, not a protobuf model");
        try
        {
            (int code, string stderr) = Run("layers", "--model", path);

            Assert.AreEqual(ExitCodes.BadInput, code);
            StringAssert.Contains(stderr, "not an ONNX model");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void EveryCommandHasHelp()
    {
        foreach (string command in new[] { "predict", "layers", "bench" })
        {
            (int code, string _) = Run(command, "--help");
            Assert.AreEqual(ExitCodes.Success, code, command);
        }
    }

    [TestMethod]
    public void BenchWithAuditAndModelIsBadInputSayingToGiveOneOrTheOther()
    {
        (int code, string stderr) = Run("bench", "--audit", "a.audit.json", "--model", "m.onnx", "--image", "x.jpg");

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "'--audit' replaces '--model' and '--image'");
        Assert.AreEqual(1, stderr.Trim().Split('\n').Length, "exactly one line: " + stderr);
    }

    [TestMethod]
    public void BenchWithoutAuditOrImageIsBadInputNamingWhatItNeeds()
    {
        (int code, string stderr) = Run("bench", "--model", "m.onnx");

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "bench needs --model M and --image IMG, --audit SPEC, or --finish N");
    }

    [TestMethod]
    public void BenchAuditWithFewerThanThreeRoundsIsBadInput()
    {
        (int code, string stderr) = Run("bench", "--audit", "a.audit.json", "--rounds", "2");

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "'--rounds' must be at least 3; got 2");
    }

    [TestMethod]
    public void BenchAuditOfAMissingSpecIsBadInputNamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.audit.json");

        (int code, string stderr) = Run("bench", "--audit", missing);

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, Path.GetFileName(missing));
    }

    [TestMethod]
    public void AMistypedOptionIsOneLineNamingTheNearestOptionOfItsCommand()
    {
        (int code, string stderr) = Run("predict", "--model", "m.onnx", "--souce", "x.jpg");

        Assert.AreEqual(ExitCodes.BadInput, code);
        string[] lines = stderr.Trim().Split('\n');
        Assert.HasCount(1, lines, stderr);
        Assert.AreEqual("error: unknown option '--souce' for 'predict'; did you mean '--source'? (see --help)", lines[0]);
    }

    [TestMethod]
    public void TheSuggestionComesFromTheCommandTheOptionWasGivenTo()
    {
        // run has --output, predict has --out: the same typo points to each command's own option.
        (int runCode, string runError) = Run("run", "spec.audit.json", "--ouput", "x");
        (int predictCode, string predictError) = Run("predict", "--model", "m.onnx", "--source", "x.jpg", "--ouput", "x");

        Assert.AreEqual(ExitCodes.BadInput, runCode);
        Assert.AreEqual(ExitCodes.BadInput, predictCode);
        StringAssert.Contains(runError, "unknown option '--ouput' for 'run'; did you mean '--output'?");
        StringAssert.Contains(predictError, "unknown option '--ouput' for 'predict'; did you mean '--out'?");
    }

    [TestMethod]
    public void AnOptionFarFromEveryKnownOneIsNamedWithoutASuggestion()
    {
        (int code, string stderr) = Run("layers", "--model", "m.onnx", "--zzzzzzzz");

        Assert.AreEqual(ExitCodes.BadInput, code);
        Assert.AreEqual("error: unknown option '--zzzzzzzz' for 'layers' (see --help)", stderr.Trim());
    }

    [TestMethod]
    public void AMistypedCommandNamesTheNearestCommand()
    {
        (int code, string stderr) = Run("verfy", "x");

        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.Contains(stderr, "unknown command 'verfy'; did you mean 'verify'?");
    }

    private static (int Code, string Stderr) Run(params string[] args)
    {
        CliResult result = CliRunner.Run(args);
        return (result.ExitCode, result.Stderr);
    }
}
