using System.Diagnostics;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Tests.Provenance;

[TestClass]
public sealed class RunManifestWriterTests
{
    private RunFolderFixture _fixture = null!;

    [TestInitialize]
    public void Create() => _fixture = new RunFolderFixture();

    [TestCleanup]
    public void Delete() => _fixture.Dispose();

    [TestMethod]
    public void EveryInputIsListedOnceRelativeToTheSpecFolderSortedByPath()
    {
        RunManifest manifest = RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);

        string[] paths = [.. manifest.Inputs.Select(i => i.Path)];
        string model = RunManifestWriter.StoredInputPath(RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx"), _fixture.Root);
        string policy = RunManifestWriter.StoredInputPath(RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"), _fixture.Root);
        CollectionAssert.AreEquivalent(new[] { "test.audit.json", "manifest.csv", model, policy }, paths, "the manifest lists the inputs other than the pairs' files");
        CollectionAssert.AreEqual(paths.Order(StringComparer.Ordinal).ToArray(), paths);
        Assert.AreEqual(_fixture.Root, manifest.InputBase);

        RecordedInput Input(string path) => manifest.Inputs.Single(i => i.Path == path);
        CollectionAssert.AreEqual(new[] { "model" }, Input(model).Roles.ToArray());
        CollectionAssert.AreEqual(new[] { "spec" }, Input("test.audit.json").Roles.ToArray());
        CollectionAssert.AreEqual(new[] { "manifest" }, Input("manifest.csv").Roles.ToArray());

        // The pairs' files: in inputs.csv, the shared mask once, sorted by path, sizes as on disk.
        string[] lines = File.ReadAllLines(Path.Combine(_fixture.RunFolder, InputList.FileName));
        Assert.AreEqual("sha256,bytes,path,dicom_modality,dicom_transfer_syntax,dicom_window", lines[0]);
        string[] listed = [.. lines.Skip(1).Select(l => l.Split(',')[2])];
        CollectionAssert.AreEqual(new[] { "data/mask.png", "data/p0001.jpg", "data/p0001_cf.jpg", "data/p0002.jpg", "data/p0002_cf.jpg" }, listed);
        string p0001 = Path.Combine(_fixture.Root, "data/p0001.jpg");
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p0001)));
        Assert.AreEqual($"{sha},{new FileInfo(p0001).Length},data/p0001.jpg,,,", lines[2]);
        Assert.AreEqual(new InputListReference(InputList.FileName, FileDigest.Compute(Path.Combine(_fixture.RunFolder, InputList.FileName)), 5, manifest.DatasetDigest!), manifest.InputList);
        Assert.IsFalse(File.Exists(Path.Combine(_fixture.RunFolder, InputList.FileName + ".partial")));
    }

    [TestMethod]
    public void DatasetDigestIsTheSha256OfTheListsSortedHashesOnePerLine()
    {
        RunManifest manifest = RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);

        // The documented definition, computed here from the image files themselves, not from the list.
        string[] files = ["data/mask.png", "data/p0001.jpg", "data/p0001_cf.jpg", "data/p0002.jpg", "data/p0002_cf.jpg"];
        string text = string.Concat(files
            .Select(f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_fixture.Root, f)))))
            .Order(StringComparer.Ordinal)
            .Select(h => h + "\n"));
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text)));

        Assert.AreEqual(expected, manifest.DatasetDigest);
        StringAssert.Contains(File.ReadAllText(Path.Combine(_fixture.RunFolder, RunManifest.FileName)), $"\"datasetDigest\": \"{expected}\"");
        if (!OperatingSystem.IsWindows())
        {
            // The shell recipe docs/provenance.md gives.
            var shell = new ProcessStartInfo("bash", ["-c", $"tail -n +2 {InputList.FileName} | cut -d, -f1 | LC_ALL=C sort | sha256sum"])
            {
                WorkingDirectory = _fixture.RunFolder,
                RedirectStandardOutput = true,
            };
            using Process process = Process.Start(shell)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(expected + "  -", output.Trim());
        }
    }

    [TestMethod]
    public void AFileAbsentAtRunTimeIsListedWithoutHashAndCountsAsAnEmptyLine()
    {
        File.Delete(Path.Combine(_fixture.Root, "data", "p0002_cf.jpg"));

        RunManifest manifest = RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);

        CollectionAssert.Contains(File.ReadAllLines(Path.Combine(_fixture.RunFolder, InputList.FileName)), ",,data/p0002_cf.jpg,,,");
        string[] present = ["data/mask.png", "data/p0001.jpg", "data/p0001_cf.jpg", "data/p0002.jpg"];
        string text = "\n" + string.Concat(present
            .Select(f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_fixture.Root, f)))))
            .Order(StringComparer.Ordinal)
            .Select(h => h + "\n"));
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text))), manifest.DatasetDigest);
    }

    [TestMethod]
    public void EveryOutputButTheManifestIsHashedWithItsSize()
    {
        RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);
        RunManifest again = RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);

        CollectionAssert.AreEqual(
            new[] { "abc.txt", "layers.csv", "pairs.csv", "report/extra.csv", "summary.csv" },
            again.Outputs.Select(o => o.Path).ToArray(),
            "the manifest written first is not itself an output of the second");
        FileFingerprint abc = again.Outputs.Single(o => o.Path == "abc.txt").Fingerprint;
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", abc.Sha256);
        Assert.AreEqual(3L, abc.Size);
        Assert.IsFalse(File.Exists(Path.Combine(_fixture.RunFolder, RunManifest.FileName + ".partial")));
    }

    [TestMethod]
    public void SameRunGivesTheSameBytesAndNoTimestampUnlessOneIsPassed()
    {
        string path = Path.Combine(_fixture.RunFolder, RunManifest.FileName);
        RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);
        byte[] first = File.ReadAllBytes(path);
        RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, new Dictionary<string, string>(RunFolderFixture.Tools.Reverse()));
        byte[] second = File.ReadAllBytes(path);

        CollectionAssert.AreEqual(first, second);
        string text = File.ReadAllText(path);
        Assert.DoesNotContain("createdUtc", text);
        Assert.DoesNotContain("\r", text);
        Assert.IsLessThan(text.IndexOf("\"opencv\"", StringComparison.Ordinal), text.IndexOf("\"onnxruntime\"", StringComparison.Ordinal), "tools sorted by name");

        RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools, new DateTimeOffset(2026, 11, 25, 21, 0, 0, TimeSpan.FromHours(1)));
        StringAssert.Contains(File.ReadAllText(path), "\"createdUtc\": \"2026-11-25T20:00:00Z\"");
    }

    [TestMethod]
    public void ManifestReadsBackAsWritten()
    {
        RunManifest written = RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);

        RunManifest read = RunManifestJson.Read(Path.Combine(_fixture.RunFolder, RunManifest.FileName));

        Assert.AreEqual("engine-test", read.AuditName);
        Assert.AreEqual(written.GitCommit, read.GitCommit);
        Assert.AreEqual(written.HarnessVersion, read.HarnessVersion);
        Assert.AreEqual("1.31.1", read.Tools["onnxruntime"]);
        CollectionAssert.AreEqual(written.Outputs.ToArray(), read.Outputs.ToArray());
        CollectionAssert.AreEqual(written.Inputs.Select(i => (i.Path, i.Fingerprint)).ToArray(), read.Inputs.Select(i => (i.Path, i.Fingerprint)).ToArray());
        Assert.IsNotNull(read.InputList);
        Assert.AreEqual(written.InputList, read.InputList);
        Assert.AreEqual(RunManifest.CurrentSchemaVersion, read.SchemaVersion);
    }

    [TestMethod]
    public void DetectedToolVersionsNameTheLoadedNativeLibraries()
    {
        IReadOnlyDictionary<string, string> tools = ToolVersions.Detect();

        // The native library ONNX Runtime reports is the one of the package version Directory.Packages.props pins.
        string props = File.ReadAllText(RepositoryFiles.PathOf("Directory.Packages.props"));
        string pinned = System.Text.RegularExpressions.Regex.Match(props, @"Include=""Microsoft\.ML\.OnnxRuntime"" Version=""([^""]+)""").Groups[1].Value;
        Assert.AreEqual(pinned, tools["onnxruntime"]);
        StringAssert.StartsWith(tools["opencv"], "4.13.");
        Assert.AreEqual(Environment.Version.ToString(), tools["dotnet"]);
    }

    [TestMethod]
    public void GitCommitIsAFullCommitOfThisRepositoryOrUnknownWithoutGit()
    {
        string commit = HarnessBuildInfo.GitCommit;

        if (commit == "unknown")
        {
            Assert.AreNotEqual(0, GitExitCode("rev-parse --git-dir") ?? -1, "git works here, so the build should have embedded the commit");
        }
        else
        {
            Assert.IsTrue(commit.Length == 40 && commit.All(char.IsAsciiHexDigitLower), commit);
            if (GitExitCode("rev-parse --git-dir") == 0)
            {
                Assert.AreEqual(0, GitExitCode($"cat-file -e {commit}^{{commit}}"), $"{commit} is not a commit of this repository");
            }
        }

        StringAssert.StartsWith(HarnessBuildInfo.Version, "0.1.0");
    }

    /// <summary>git's exit code in the repository, or null when git cannot be started.</summary>
    private static int? GitExitCode(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = RepositoryFiles.PathOf("."),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process git = Process.Start(start)!;
            git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
