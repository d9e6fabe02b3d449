using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Tests.Engine;

[TestClass]
public sealed class AuditDeterminismTests
{
    [TestMethod]
    public void TwoRunsOfOneSpecWriteByteIdenticalLogs()
    {
        string folder = Directory.CreateTempSubdirectory("determinism").FullName;
        string spec = AuditSpecFiles.Write(folder, RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv"), masking: "inpaint-telea");
        AuditSpec loaded = AuditSpecLoader.Load(spec);

        // The recorded start time (the report's date, kept in the journal) is the one thing two runs may differ in.
        var started = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        AuditRunner.Run(loaded, new AuditRunOptions { OutputFolder = Path.Combine(folder, "a"), StartedUtc = started });
        AuditRunner.Run(loaded, new AuditRunOptions { OutputFolder = Path.Combine(folder, "b"), StartedUtc = started });

        string[] files = [.. Directory.GetFiles(Path.Combine(folder, "a")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        CollectionAssert.AreEqual(
            new[] { "channels.csv", "detections.csv", "errors.csv", "inputs.csv", "journal.jsonl", "layers.csv", "pair-metrics.csv", "pairs.csv", "summary.csv" }, files);
        foreach (string file in files)
        {
            CollectionAssert.AreEqual(
                File.ReadAllBytes(Path.Combine(folder, "a", file)), File.ReadAllBytes(Path.Combine(folder, "b", file)), file);
        }

        Assert.IsGreaterThan(240, File.ReadAllLines(Path.Combine(folder, "a", "pairs.csv")).Length);
        Directory.Delete(folder, recursive: true);
    }
}
