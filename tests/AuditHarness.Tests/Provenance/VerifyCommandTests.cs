using AuditHarness.Cli;
using AuditHarness.Engine.Provenance;
using AuditHarness.Tests.Cli;
using AuditHarness.Results;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Tests.Provenance;

/// <summary><c>verify RUN_DIR</c> on a run folder whose manifest was just written, before and after tampering.</summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class VerifyCommandTests
{
    private RunFolderFixture _fixture = null!;

    [TestInitialize]
    public void Create()
    {
        _fixture = new RunFolderFixture();
        RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);
    }

    [TestCleanup]
    public void Delete() => _fixture.Dispose();

    [TestMethod]
    public void UntouchedRunVerifiesWithExitZero()
    {
        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = Lines(result.Stdout);
        Assert.HasCount(1, lines, result.Stdout);
        StringAssert.StartsWith(lines[0], "verified: 6 outputs and 9 inputs of audit 'engine-test'");
    }

    [TestMethod]
    public void OneChangedByteInACsvFailsNamingOnlyThatFile()
    {
        string summary = Path.Combine(_fixture.RunFolder, "summary.csv");
        byte[] bytes = File.ReadAllBytes(summary);
        bytes[^2] ^= 0x01; // 'l' of "fail" becomes 'm': same size, different contents

        File.WriteAllBytes(summary, bytes);
        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = Lines(result.Stdout);
        Assert.HasCount(2, lines, result.Stdout);
        StringAssert.StartsWith(lines[0], "output changed: summary.csv (sha256 recorded ");
        StringAssert.Contains(lines[0], "size recorded 46, now 46");
        StringAssert.StartsWith(lines[1], "FAILED: 1 problem(s)");
    }

    [TestMethod]
    public void DeletedOutputIsReportedAsOutputMissing()
    {
        File.Delete(Path.Combine(_fixture.RunFolder, "layers.csv"));

        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode);
        Assert.AreEqual("output missing: layers.csv", Lines(result.Stdout)[0]);
        Assert.HasCount(2, Lines(result.Stdout), result.Stdout);
    }

    [TestMethod]
    public void FileAddedAfterTheRunIsReportedAsUnexpected()
    {
        File.WriteAllText(Path.Combine(_fixture.RunFolder, "report", "notes.txt"), "added later");

        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode);
        Assert.AreEqual($"output unexpected: report/notes.txt (not in {RunManifest.FileName})", Lines(result.Stdout)[0]);
    }

    [TestMethod]
    public void InputsThatMovedOrChangedAreReportedAsInputProblems()
    {
        File.Move(Path.Combine(_fixture.Root, "data", "p0001.jpg"), Path.Combine(_fixture.Root, "p0001.jpg"));
        File.AppendAllText(_fixture.Manifest, "\n");

        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode);
        string[] lines = Lines(result.Stdout);
        Assert.HasCount(3, lines, result.Stdout);
        StringAssert.StartsWith(lines[0], "input missing: data/p0001.jpg (expected at ");
        StringAssert.StartsWith(lines[1], "input changed: manifest.csv (sha256 recorded ");
    }

    [TestMethod]
    public void AChangedImageListedOnlyInInputsCsvFailsNamingIt()
    {
        string manifest = File.ReadAllText(Path.Combine(_fixture.RunFolder, RunManifest.FileName));
        Assert.DoesNotContain("p0002_cf.jpg", manifest, "the pairs' files are not in the manifest itself");
        StringAssert.Contains(File.ReadAllText(Path.Combine(_fixture.RunFolder, InputList.FileName)), ",data/p0002_cf.jpg,");
        string image = Path.Combine(_fixture.Root, "data", "p0002_cf.jpg");
        byte[] bytes = File.ReadAllBytes(image);
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(image, bytes);

        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = Lines(result.Stdout);
        Assert.HasCount(2, lines, result.Stdout);
        StringAssert.StartsWith(lines[0], "input changed: data/p0002_cf.jpg (sha256 recorded ");
        StringAssert.StartsWith(lines[1], "FAILED: 1 problem(s) in 15 recorded files (6 outputs and 9 inputs");
    }

    [TestMethod]
    public void AnEditedInputListFailsAsAChangedOutput()
    {
        string list = Path.Combine(_fixture.RunFolder, InputList.FileName);
        File.WriteAllLines(list, File.ReadAllLines(list).Where(l => !l.Contains("p0001.jpg", StringComparison.Ordinal)));

        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.StartsWith(Lines(result.Stdout)[0], $"output changed: {InputList.FileName} (sha256 recorded ");
    }

    [TestMethod]
    public void SpecFolderMovedWholeVerifiesAgainstTheInputBaseGiven()
    {
        // A sibling folder keeps the relative paths to the repository's models valid from the new place.
        string moved = _fixture.Root + "-moved";
        Directory.Move(_fixture.Root, moved);
        try
        {
            CliResult recordedBase = CliRunner.Run("verify", Path.Combine(moved, "run"));
            CliResult givenBase = CliRunner.Run("verify", Path.Combine(moved, "run"), "--input-base", moved);

            Assert.AreEqual(ExitCodes.ChecksFailed, recordedBase.ExitCode, recordedBase.Stdout);
            StringAssert.StartsWith(Lines(recordedBase.Stdout)[0], "input missing: data/mask.png");
            Assert.AreEqual(ExitCodes.Success, givenBase.ExitCode, givenBase.Stdout + givenBase.Stderr);
        }
        finally
        {
            Directory.Move(moved, _fixture.Root);
        }
    }

    [TestMethod]
    public void MissingFolderOrManifestIsBadInput()
    {
        string missing = Path.Combine(_fixture.Root, "no-such-run");
        CliResult noFolder = CliRunner.Run("verify", missing);
        File.Delete(Path.Combine(_fixture.RunFolder, RunManifest.FileName));
        CliResult noManifest = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.BadInput, noFolder.ExitCode);
        StringAssert.Contains(noFolder.Stderr, "no-such-run");
        Assert.AreEqual(ExitCodes.BadInput, noManifest.ExitCode);
        StringAssert.Contains(noManifest.Stderr, RunManifest.FileName);
        Assert.AreEqual(string.Empty, noManifest.Stdout);
    }

    [TestMethod]
    [DataRow("\"schemaVersion\": 2", "\"schemaVersion\": 3", "schemaVersion is 3")]
    [DataRow("\"path\": \"abc.txt\"", "\"path\": \"../manifest.csv\"", "leaves the run folder")]
    [DataRow("\"outputs\": [", "\"outputs\": {", "not a run manifest")]
    public void ManifestOfAnotherShapeIsBadInput(string find, string replace, string expected)
    {
        string path = Path.Combine(_fixture.RunFolder, RunManifest.FileName);
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));

        CliResult result = CliRunner.Run("verify", _fixture.RunFolder);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stderr, expected);
    }

    [TestMethod]
    public void RealAuditRunVerifiesUntilOneByteOfItsSummaryChanges()
    {
        string output = Path.Combine(_fixture.Root, "audit-run");
        AuditSummary summary = AuditRunner.Run(_fixture.Spec, new AuditRunOptions { OutputFolder = output });
        RunManifest manifest = RunManifestWriter.Write(_fixture.Spec, summary.OutputFolder);

        CollectionAssert.IsSubsetOf(new[] { "pairs.csv", "summary.csv", "layers.csv" }, manifest.Outputs.Select(o => o.Path).ToArray());
        CliResult intact = CliRunner.Run("verify", output);
        string summaryCsv = Path.Combine(output, "summary.csv");
        byte[] bytes = File.ReadAllBytes(summaryCsv);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(summaryCsv, bytes);
        CliResult tampered = CliRunner.Run("verify", output);

        Assert.AreEqual(ExitCodes.Success, intact.ExitCode, intact.Stdout + intact.Stderr);
        Assert.AreEqual(ExitCodes.ChecksFailed, tampered.ExitCode, tampered.Stdout);
        StringAssert.StartsWith(Lines(tampered.Stdout)[0], "output changed: summary.csv");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
