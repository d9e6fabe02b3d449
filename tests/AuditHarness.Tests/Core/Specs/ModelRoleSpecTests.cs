using System.Text.Json.Nodes;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Tests.Core.Specs;

/// <summary>The spec's <c>models[].role</c>, <c>models[].modelCard</c>, <c>dataset.description</c>/<c>synthetic</c> and the policy's <c>checks[].rationale</c>.</summary>
[TestClass]
public sealed class ModelRoleSpecTests
{
    private SpecFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new SpecFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public void RoleModelCardAndDatasetFactsAreRead()
    {
        string path = _folder.WriteSpec(s =>
        {
            s.Remove("model");
            s["models"] = new JsonArray(
                new JsonObject { ["name"] = "control", ["path"] = "models/detector.onnx", ["role"] = "reference", ["modelCard"] = "https://example.org/card" },
                new JsonObject { ["name"] = "candidate", ["path"] = "models/other.onnx" });
            s["dataset"] = new JsonObject { ["manifest"] = "data/manifest.csv", ["description"] = "ISIC 2019 subset", ["synthetic"] = false };
        });

        AuditSpec spec = AuditSpecLoader.Load(path);

        Assert.AreEqual(ModelRole.Reference, spec.Models[0].Role);
        Assert.AreEqual("https://example.org/card", spec.Models[0].ModelCard);
        Assert.AreEqual(ModelRole.Audited, spec.Models[1].Role, "audited is the default");
        Assert.IsNull(spec.Models[1].ModelCard);
        Assert.AreEqual("ISIC 2019 subset", spec.DatasetDescription);
        Assert.IsFalse(spec.DatasetSynthetic);
    }

    [TestMethod]
    public void DatasetSyntheticIsNullWhenTheSpecDoesNotSay()
    {
        AuditSpec spec = AuditSpecLoader.Load(_folder.WriteSpec());

        Assert.IsNull(spec.DatasetSynthetic);
        Assert.IsNull(spec.DatasetDescription);
        Assert.AreEqual(ModelRole.Audited, spec.Models[0].Role);
    }

    [TestMethod]
    public void UnknownRoleIsRefusedNamingTheFieldAndTheChoices()
    {
        string path = _folder.WriteSpec(s =>
        {
            s.Remove("model");
            s["models"] = new JsonArray(new JsonObject { ["name"] = "a", ["path"] = "models/detector.onnx", ["role"] = "control" });
        });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        ValidationError error = result.Errors.Single(e => e.IsCritical);
        Assert.AreEqual($"{path}: models[0].role 'control' is not one of audited, reference.", error.Message);
    }

    [TestMethod]
    public void AnAuditOfReferenceModelsOnlyIsRefused()
    {
        string path = _folder.WriteSpec(s =>
        {
            s.Remove("model");
            s["models"] = new JsonArray(
                new JsonObject { ["name"] = "a", ["path"] = "models/detector.onnx", ["role"] = "reference" },
                new JsonObject { ["name"] = "b", ["path"] = "models/other.onnx", ["role"] = "reference" });
        });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        ValidationError error = result.Errors.Single(e => e.IsCritical);
        Assert.AreEqual("models", error.Field);
        StringAssert.Contains(error.Message, "at least one must be 'audited'");
    }

    [TestMethod]
    public void PolicyRationaleIsRead()
    {
        File.WriteAllText(_folder.PathOf("policies/p.policy.json"), """
            { "name": "p", "checks": [
                { "id": "shift", "metric": "score-shift", "threshold": 0.05, "rationale": "0.05 moves lesions across a 0.3-0.5 triage line." },
                { "id": "flip", "metric": "flip-rate", "threshold": 0.02 } ] }
            """);

        AuditSpec spec = AuditSpecLoader.Load(_folder.WriteSpec());

        IReadOnlyList<PolicyCheck> checks = spec.Policy.Policy.Checks;
        Assert.AreEqual("0.05 moves lesions across a 0.3-0.5 triage line.", checks[0].Rationale);
        Assert.IsNull(checks[1].Rationale);
    }

    [TestMethod]
    public void ShippedDemoPolicyGivesEveryCheckARationale()
    {
        Policy policy = PolicyLoader.Load(RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"));

        Assert.IsTrue(policy.Checks.All(c => !string.IsNullOrWhiteSpace(c.Rationale)), string.Join(", ", policy.Checks.Where(c => string.IsNullOrWhiteSpace(c.Rationale)).Select(c => c.Id)));
    }
}
