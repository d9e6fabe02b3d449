using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.History;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Engine.Provenance;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Pipeline;

/// <summary>
/// An export that fails (a full disk under report.pdf, injected here) leaves a run, merge or comparison unsealed: no
/// manifest claiming an intact run, no history row; running it again (resume, the same merge, the same compare) seals it.
/// </summary>
[TestClass]
public sealed class UnsealedRunTests
{
    private static string s_folder = string.Empty;
    private static AuditSpec s_spec = null!;

    private static string OutputRoot => Path.Combine(s_folder, "out");

    [ClassInitialize]
    public static void WriteSpec(TestContext context)
    {
        _ = context;
        s_folder = Directory.CreateTempSubdirectory("unsealed").FullName;
        s_spec = AuditSpecLoader.Load(AuditSpecFiles.Write(s_folder, DemoManifestCut.Write(s_folder, every: 24), models: "clean"));
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(s_folder, recursive: true);

    [TestMethod]
    public void AScheduledRunWhoseReportHitsAFullDiskIsUnsealedWithoutAHistoryRowAndItsResumeSealsIt()
    {
        AuditPipelineResult broken = AuditPipeline.Run(s_spec, new AuditPipelineOptions { Exporters = WithFullDiskOnce("pdf") });

        string folder = broken.Folder;
        Assert.IsFalse(broken.IsSealed);
        Assert.AreEqual("report.pdf", broken.Exports!.Failures.Single().File);
        StringAssert.StartsWith(broken.Exports.Failures[0].FileMessage, "report.pdf could not be written: IOException: No space left on device");
        Assert.IsFalse(File.Exists(Path.Combine(folder, "report.pdf")));
        Assert.IsFalse(File.Exists(Path.Combine(folder, "report.pdf.partial")));
        Assert.IsTrue(File.Exists(Path.Combine(folder, "junit.xml")), "the other exports are still written");
        Assert.IsFalse(File.Exists(Path.Combine(OutputRoot, RunHistory.FileName)), "no history row for an unsealed run");
        Assert.IsFalse(File.Exists(Path.Combine(folder, RunManifest.LockFileName)), "the lock is gone with the run");

        RunManifest manifest = RunManifestJson.Read(Path.Combine(folder, RunManifest.FileName));
        Assert.IsFalse(manifest.IsSealed);
        Assert.AreEqual("report.pdf", manifest.FailedExports.Single().File);
        RunVerification verification = RunVerifier.Verify(folder);
        Assert.IsFalse(verification.IsIntact);
        StringAssert.StartsWith(verification.Problems.Single().ToString(), "export failed: report.pdf (IOException: No space left on device");

        // Neither a baseline nor a comparison may use it.
        AuditInputException refused = Assert.ThrowsExactly<AuditInputException>(() => AuditPipeline.Compare(folder, folder, Path.Combine(s_folder, "cmp-unsealed")));
        StringAssert.Contains(refused.Message, "is not sealed");

        AuditPipelineResult resumed = AuditPipeline.Run(s_spec, new AuditPipelineOptions { ResumeFolder = folder });

        Assert.IsTrue(resumed.IsSealed);
        Assert.IsNull(resumed.FinishedBefore, "an unsealed run is finished again, not reported as finished");
        Assert.AreEqual(broken.Summary!.Verdict, resumed.Summary!.Verdict);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "report.pdf")));
        Assert.IsTrue(RunManifestJson.Read(Path.Combine(folder, RunManifest.FileName)).IsSealed);
        Assert.IsTrue(RunVerifier.Verify(folder).IsIntact);
        IReadOnlyList<RunHistoryEntry> history = RunHistory.Read(OutputRoot);
        Assert.AreEqual(Path.GetFileName(folder), history.Single().Run);

        // Once sealed, a resume has nothing to do.
        Assert.IsNotNull(AuditPipeline.Run(s_spec, new AuditPipelineOptions { ResumeFolder = folder }).FinishedBefore);
    }

    [TestMethod]
    public void AMergeWhoseExportFailsIsUnsealedAndTheSameMergeAgainSealsIt()
    {
        string[] shards = [Path.Combine(s_folder, "m-shard-0"), Path.Combine(s_folder, "m-shard-1")];
        for (int i = 0; i < shards.Length; i++)
        {
            AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = shards[i], Shard = new ShardSpec(i, 2) });
        }

        string merged = Path.Combine(s_folder, "merged");
        AuditPipelineResult broken = AuditPipeline.Merge(shards, merged, exporters: WithFullDiskOnce("json"));

        Assert.IsFalse(broken.IsSealed);
        Assert.AreEqual("summary.json", broken.Exports!.Failures.Single().File);
        Assert.AreEqual(VerificationProblemKind.ExportFailed, RunVerifier.Verify(merged).Problems.Single().Kind);

        AuditPipelineResult again = AuditPipeline.Merge(shards, merged);

        Assert.IsTrue(again.IsSealed);
        Assert.IsTrue(RunVerifier.Verify(merged).IsIntact);
    }

    [TestMethod]
    public void ACompareWhoseExportFailsSaysSoAndTheSameCompareAgainWritesIt()
    {
        string baseline = AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = Path.Combine(s_folder, "c-baseline") }).Folder;
        string candidate = AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = Path.Combine(s_folder, "c-candidate") }).Folder;
        string output = Path.Combine(s_folder, "c-compare");

        AuditPipelineResult broken = AuditPipeline.Compare(baseline, candidate, output, exporters: WithFullDiskOnce("junit"));

        Assert.IsFalse(broken.IsSealed);
        Assert.AreEqual("junit.xml", broken.Exports!.Failures.Single().File);
        Assert.IsFalse(File.Exists(Path.Combine(output, "junit.xml")));

        AuditPipelineResult again = AuditPipeline.Compare(baseline, candidate, output);

        Assert.IsTrue(again.IsSealed);
        Assert.IsTrue(File.Exists(Path.Combine(output, "junit.xml")));
    }

    [TestMethod]
    public void OnlyNoSpaceAndQuotaErrorsCountAsAFullDisk()
    {
        Assert.IsTrue(DiskFullException.IsDiskFull(new IOException("No space left on device : '/x'", 28)));
        Assert.IsTrue(DiskFullException.IsDiskFull(new IOException("Disk quota exceeded : '/x'", 122)));
        Assert.IsFalse(DiskFullException.IsDiskFull(new IOException("Permission denied", 13)));
        Assert.IsFalse(DiskFullException.IsDiskFull(new FileNotFoundException("gone")));

        var full = new DiskFullException("/runs/x", "go on with 'run a.json --resume /runs/x'", new IOException("No space left on device : '/runs/x/pairs.csv.partial'", 28));

        Assert.AreEqual(
            "No space left writing '/runs/x' (No space left on device : '/runs/x/pairs.csv.partial'); the run is not finished and its folder is kept: free space, then go on with 'run a.json --resume /runs/x'.",
            full.Message);
        Assert.IsFalse(DiskFullException.IsDiskFull(full), "wrapped once, not again");
    }

    /// <summary>The default exporters, the one named failing once as a full disk would, then writing as usual.</summary>
    private static CompositeExporter WithFullDiskOnce(string name) =>
        new([.. CompositeExporter.CreateDefault().Exporters.Select(e => e.Name == name ? new FullDiskOnce(e) : e)]);

    /// <summary>Throws what .NET throws for ENOSPC on its first export, then delegates.</summary>
    private sealed class FullDiskOnce(IExporter inner) : IExporter
    {
        private int _calls;

        public string Name => inner.Name;

        public string OutputFile => inner.OutputFile;

        public IReadOnlyList<string> Export(AuditSummary summary, string folder) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new IOException($"No space left on device : '{Path.Combine(folder, inner.OutputFile)}.partial'", 28)
                : inner.Export(summary, folder);
    }
}
