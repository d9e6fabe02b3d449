using System.Text.Json;
using System.Text.Json.Nodes;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Tests.Core.Specs;

/// <summary>The spec and policy files committed in <c>audits/</c> parse, validate without warnings and say what the demo needs.</summary>
[TestClass]
public sealed class ShippedSpecTests
{
    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IEnumerable<object[]> AuditFiles()
        => Directory.GetFiles(RepositoryFiles.PathOf("audits"), "*.audit.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> PolicyFiles()
        => Directory.GetFiles(RepositoryFiles.PathOf("audits/policies"), "*.policy.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    [DynamicData(nameof(AuditFiles))]
    public void ShippedSpecValidatesWithoutErrorsOrWarnings(string fileName)
    {
        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(RepositoryFiles.PathOf(Path.Combine("audits", fileName)));

        Assert.IsEmpty(result.Errors, string.Join(Environment.NewLine, result.Errors));
        Assert.IsNotNull(result.Value);
    }

    [TestMethod]
    [DynamicData(nameof(PolicyFiles))]
    public void ShippedPolicyValidatesWithoutErrorsOrWarnings(string fileName)
    {
        ValidationResult<Policy> result = PolicyLoader.Read(RepositoryFiles.PathOf(Path.Combine("audits", "policies", fileName)));

        Assert.IsEmpty(result.Errors, string.Join(Environment.NewLine, result.Errors));
    }

    [TestMethod]
    public void ShippedFilesPointToTheirSchema()
    {
        string[] files = [.. Directory.GetFiles(RepositoryFiles.PathOf("audits"), "*.json", SearchOption.AllDirectories).Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))];
        Assert.IsGreaterThanOrEqualTo(3, files.Length);
        foreach (string file in files)
        {
            string? schema = (string?)JsonNode.Parse(File.ReadAllText(file), documentOptions: Jsonc)!["$schema"];
            Assert.IsNotNull(schema, $"{file} has no $schema");
            string expected = file.EndsWith(".policy.json", StringComparison.Ordinal) ? "policy.schema.json" : "audit.schema.json";
            Assert.AreEqual(expected, Path.GetFileName(schema), file);
            Assert.IsTrue(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, schema)), $"{file}: $schema '{schema}' does not exist");
        }
    }

    [TestMethod]
    public void DemoSpecAuditsBothDemoModelsWithTrueCounterfactuals()
    {
        AuditSpec spec = AuditSpecLoader.Load(RepositoryFiles.PathOf("audits/demo-dermoscopy.audit.json"));

        AssertDemoModelsAndData(spec);
        Assert.AreEqual(MaskingMethod.Counterfactual, spec.Masking.Method);
        Assert.AreEqual(RepositoryFiles.PathOf("runs/demo-dermoscopy"), spec.Output.FullPath);
    }

    [TestMethod]
    public void InpaintDemoSpecDiffersOnlyInMaskingAndName()
    {
        AuditSpec counterfactual = AuditSpecLoader.Load(RepositoryFiles.PathOf("audits/demo-dermoscopy.audit.json"));
        AuditSpec inpaint = AuditSpecLoader.Load(RepositoryFiles.PathOf("audits/demo-dermoscopy-inpaint.audit.json"));

        AssertDemoModelsAndData(inpaint);
        Assert.AreEqual(MaskingMethod.InpaintTelea, inpaint.Masking.Method);
        Assert.AreEqual(counterfactual.Policy.File, inpaint.Policy.File);
        Assert.AreEqual(counterfactual.Placebo, inpaint.Placebo);
        Assert.AreEqual(counterfactual.Prediction, inpaint.Prediction);
        Assert.AreEqual(counterfactual.Bootstrap, inpaint.Bootstrap);
        CollectionAssert.AreEqual(counterfactual.Taps.ToArray(), inpaint.Taps.ToArray());
        Assert.AreNotEqual(counterfactual.Output, inpaint.Output);
    }

    [TestMethod]
    public void InsertionDemoSpecDrawsARulerOnTheDemoCounterfactuals()
    {
        AuditSpec counterfactual = AuditSpecLoader.Load(RepositoryFiles.PathOf("audits/demo-dermoscopy.audit.json"));
        AuditSpec insertion = AuditSpecLoader.Load(RepositoryFiles.PathOf("audits/demo-insertion.audit.json"));

        var dataset = (InsertionDataset)insertion.Dataset;
        Assert.AreEqual(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/counterfactuals/*.jpg"), dataset.Originals.FullPath);
        Assert.AreEqual(InsertedArtifactType.Ruler, dataset.Artifact.Type);
        Assert.AreEqual(MaskingMethod.Counterfactual, insertion.Masking.Method);
        CollectionAssert.AreEqual(counterfactual.Models.ToArray(), insertion.Models.ToArray());
        Assert.AreEqual(counterfactual.Policy.File, insertion.Policy.File);
        Assert.AreNotEqual(counterfactual.Output, insertion.Output);
    }

    [TestMethod]
    public void DermoscopyPolicyHoldsTheRulerThresholds()
    {
        Policy policy = PolicyLoader.Load(RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"));

        PolicyCheck shift = Check(policy, MetricKind.ScoreShift, "ruler");
        Assert.AreEqual(0.05, shift.Threshold);
        Assert.AreEqual(ThresholdDirection.Max, shift.Direction);
        Assert.AreEqual(0.02, Check(policy, MetricKind.FlipRate, "ruler").Threshold);
        Assert.AreEqual(0.05, Check(policy, MetricKind.LostRate, "ruler").Threshold);
        PolicyCheck layer = Check(policy, MetricKind.LayerRelativeChange, "ruler");
        Assert.AreEqual("model.9", layer.Layer);
        Assert.AreEqual(0.10, layer.Threshold);
        Assert.IsTrue(policy.Checks.Any(c => c.ArtifactTypes.SequenceEqual(["*"])), "a check must cover every artifact type");
        Assert.IsTrue(policy.Checks.All(c => !string.IsNullOrWhiteSpace(c.Description)), "every check says what it means");
    }

    [TestMethod]
    public void DermoscopyPolicyNamesOnlyArtifactTypesOfTheDemoManifest()
    {
        HashSet<string> manifestTypes = [.. File.ReadLines(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv")).Skip(1).Select(l => l.Split(',')[4])];
        Policy policy = PolicyLoader.Load(RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"));

        foreach (string type in policy.Checks.SelectMany(c => c.ArtifactTypes).Where(t => t != PolicyCheck.AllArtifactTypes))
        {
            Assert.Contains(type, manifestTypes, $"artifact type '{type}' does not occur in the demo manifest");
        }
    }

    private static PolicyCheck Check(Policy policy, MetricKind metric, string artifactType)
        => policy.Checks.Single(c => c.Metric == metric && c.ArtifactTypes.SequenceEqual([artifactType]));

    private static void AssertDemoModelsAndData(AuditSpec spec)
    {
        CollectionAssert.AreEqual(new[] { "shortcut", "clean" }, spec.Models.Select(m => m.Name).ToArray());
        Assert.AreEqual(RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx"), spec.Models[0].Path.FullPath);
        Assert.AreEqual(RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/clean_e2e.onnx"), spec.Models[1].Path.FullPath);
        Assert.AreEqual(RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv"), ((ManifestDataset)spec.Dataset).Manifest.FullPath);
        Assert.AreEqual(RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"), spec.Policy.File!.FullPath);
        CollectionAssert.Contains(spec.Taps.ToArray(), "model.6", "the policy's layer check needs model.6 tapped");
    }
}
