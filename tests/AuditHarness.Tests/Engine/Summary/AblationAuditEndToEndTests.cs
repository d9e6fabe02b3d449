using System.Globalization;
using System.Text.Json;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Engine.Provenance;
using AuditHarness.Engine.Summary;
using AuditHarness.Inference.Tracing;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Summary;

/// <summary>
/// A run that audits the demo shortcut model beside two copies <c>ablate</c> made of it: one with no channel ablated
/// (the same detections, so by definition the same reliance and no cost) and one with model.9's first eight channels
/// zeroed. The summary, <c>ablation.csv</c>, <c>ablation-cost.csv</c> and <c>summary.json</c> say what each did.
/// </summary>
[TestClass]
public sealed class AblationAuditEndToEndTests
{
    private static string s_folder = string.Empty;
    private static AuditPipelineResult s_result = null!;

    [ClassInitialize]
    public static void Run(TestContext context)
    {
        _ = context;
        s_folder = Directory.CreateTempSubdirectory("ablation-audit").FullName;
        string manifest = DemoManifestCut.Write(s_folder, every: 16);
        string shortcut = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");
        string same = Path.Combine(s_folder, "same.onnx"), cut = Path.Combine(s_folder, "cut.onnx");
        ModelAblator.Ablate(shortcut, "model.9", [], AblationFill.Zero, images: null, same);
        ModelAblator.Ablate(shortcut, "model.9", [0, 1, 2, 3, 4, 5, 6, 7], AblationFill.Zero, images: null, cut);
        var spec = new Dictionary<string, object>
        {
            ["name"] = "ablation-test",
            ["models"] = new[]
            {
                new Dictionary<string, string> { ["name"] = "same", ["path"] = same }, // before its source: pairing does not depend on order
                new Dictionary<string, string> { ["name"] = "shortcut", ["path"] = shortcut },
                new Dictionary<string, string> { ["name"] = "cut", ["path"] = cut },
            },
            ["taps"] = new[] { "model.9" },
            ["dataset"] = new Dictionary<string, object> { ["manifest"] = manifest },
            ["masking"] = new Dictionary<string, object> { ["method"] = "counterfactual" },
            ["policy"] = RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"),
            ["maxErrorRate"] = 0.05,
            ["output"] = Path.Combine(s_folder, "out"),
            ["bootstrap"] = new Dictionary<string, int> { ["resamples"] = 1000, ["seed"] = 7 },
        };
        string specPath = Path.Combine(s_folder, "ablation.audit.json");
        File.WriteAllText(specPath, JsonSerializer.Serialize(spec));
        s_result = AuditPipeline.Run(AuditSpecLoader.Load(specPath), new AuditPipelineOptions { OutputFolder = Path.Combine(s_folder, "run") });
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(s_folder, recursive: true);

    [TestMethod]
    public void EveryAblatedModelIsAuditedAgainstItsSourceInSpecOrder()
    {
        IReadOnlyList<AblationAudit> ablations = s_result.Summary!.Ablations;

        Assert.HasCount(2, ablations);
        Assert.AreEqual(("shortcut", "same"), (ablations[0].SourceModel, ablations[0].AblatedModel));
        Assert.AreEqual(("shortcut", "cut"), (ablations[1].SourceModel, ablations[1].AblatedModel));
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, ablations[1].Channels.ToArray());
        Assert.AreEqual("zero", ablations[1].Fill);
        Assert.AreEqual("model.9", ablations[1].Layer);
    }

    [TestMethod]
    public void AnAblationOfNoChannelChangesNoRelianceAndCostsNothing()
    {
        AuditSummary summary = s_result.Summary!;
        AblationAudit same = summary.Ablations[0];
        ModelAuditSummary source = summary.Models.Single(m => m.Model == "shortcut");

        Assert.HasCount(source.Checks.Count, same.Reliance);
        foreach (AblationCheckChange change in same.Reliance)
        {
            Assert.AreEqual(change.Before, change.After, change.CheckId);
            Assert.AreEqual(change.VerdictBefore, change.VerdictAfter, change.CheckId);
        }

        Assert.AreEqual(0, same.DetectionsChanged + same.DetectionsLost + same.DetectionsGained);
        Assert.AreEqual(0.0, same.MeanScoreDrift);
    }

    [TestMethod]
    public void TheCostIsCountedOnTheArtifactRemovedImagesBothModelsProcessed()
    {
        AuditSummary summary = s_result.Summary!;
        string[] detections = File.ReadAllLines(Path.Combine(s_result.Folder, "detections.csv"));
        int sourceClean = detections.Count(l => l.StartsWith("shortcut,", StringComparison.Ordinal) && l.Split(',')[2] == "artifact_removed");
        int cutClean = detections.Count(l => l.StartsWith("cut,", StringComparison.Ordinal) && l.Split(',')[2] == "artifact_removed");
        int pairs = summary.Models.Single(m => m.Model == "shortcut").PairsCompleted;

        foreach (AblationAudit a in summary.Ablations)
        {
            Assert.AreEqual(pairs, a.CleanImages, "no pair failed, so every pair's artifact-removed image counts");
            Assert.AreEqual(sourceClean, a.SourceDetections);
        }

        // Every source detection is kept, lost or changed; the ablated model's are the kept and changed ones plus the gained.
        AblationAudit cut = summary.Ablations[1];
        Assert.IsTrue(cut.DetectionsLost + cut.DetectionsChanged + cut.DetectionsGained > 0, "zeroing eight channels of model.9 changes something");
        Assert.AreEqual(cutClean, sourceClean - cut.DetectionsLost + cut.DetectionsGained);
    }

    [TestMethod]
    public void AblationCsvFilesAndSummaryJsonHoldTheSameNumbers()
    {
        AuditSummary summary = s_result.Summary!;
        string[] reliance = File.ReadAllLines(Path.Combine(s_result.Folder, AblationLog.RelianceFileName));
        string[] cost = File.ReadAllLines(Path.Combine(s_result.Folder, AblationLog.CostFileName));

        Assert.AreEqual(string.Join(",", AblationLog.RelianceColumns), reliance[0]);
        Assert.HasCount(1 + summary.Ablations.Sum(a => a.Reliance.Count), reliance);
        Assert.HasCount(3, cost);
        string[] row = cost[2].Split(',');
        AblationAudit cut = summary.Ablations[1];
        Assert.AreEqual("cut,shortcut,model.9,0 1 2 3 4 5 6 7,zero", string.Join(",", row[..5]));
        Assert.AreEqual(cut.DetectionsLost, int.Parse(row[8], CultureInfo.InvariantCulture));
        Assert.AreEqual(cut.MeanScoreDrift, double.Parse(row[10], CultureInfo.InvariantCulture));
        string[] first = reliance[1].Split(',');
        AblationCheckChange check = summary.Ablations[0].Reliance[0];
        Assert.AreEqual(check.Before, double.Parse(first[7], CultureInfo.InvariantCulture));
        Assert.AreEqual(0.0, double.Parse(first[9], CultureInfo.InvariantCulture), "after - before of an identical model");

        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(s_result.Folder, "summary.json")));
        JsonElement ablation = json.RootElement.GetProperty("ablations")[1];
        Assert.AreEqual("cut", ablation.GetProperty("ablatedModel").GetString());
        Assert.AreEqual(cut.DetectionsGained, ablation.GetProperty("cleanImageCost").GetProperty("detectionsGained").GetInt32());
        Assert.AreEqual(cut.Reliance[0].After, ablation.GetProperty("reliance")[0].GetProperty("after").GetDouble());
        Assert.IsTrue(RunVerifier.Verify(s_result.Folder).IsIntact, "the manifest covers the ablation files");
    }
}
