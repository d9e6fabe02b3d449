using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Tests.Core.Policies;

[TestClass]
public sealed class PolicyLoaderTests
{
    private string _folder = string.Empty;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("policy").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [TestMethod]
    public void ValidPolicyParsesWithDefaults()
    {
        string path = Write("""
            // comment allowed
            {
              "$schema": "../policy.schema.json",
              "name": "p",
              "checks": [
                { "id": "shift", "metric": "score-shift", "threshold": 0.05 },
                { "id": "layer", "metric": "layer-relative-change", "layer": "model.6", "threshold": 0.1, "direction": "min",
                  "artifactTypes": ["ruler", "ink"], "description": "d" },
              ],
            }
            """);

        Policy policy = PolicyLoader.Load(path);

        Assert.AreEqual("p", policy.Name);
        Assert.HasCount(2, policy.Checks);
        PolicyCheck shift = policy.Checks[0];
        Assert.AreEqual(MetricKind.ScoreShift, shift.Metric);
        CollectionAssert.AreEqual(new[] { "*" }, shift.ArtifactTypes.ToArray());
        Assert.AreEqual(ThresholdDirection.Max, shift.Direction);
        Assert.IsNull(shift.Layer);
        PolicyCheck layer = policy.Checks[1];
        Assert.AreEqual(MetricKind.LayerRelativeChange, layer.Metric);
        Assert.AreEqual("model.6", layer.Layer);
        Assert.AreEqual(ThresholdDirection.Min, layer.Direction);
        CollectionAssert.AreEqual(new[] { "ruler", "ink" }, layer.ArtifactTypes.ToArray());
        Assert.AreEqual("d", layer.Description);
    }

    [TestMethod]
    public void RegressionToleranceIsReadAndDefaultsToZero()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "flip-rate", "threshold": 0.02, "regressionTolerance": 0.008 }, { "id": "b", "metric": "lost-rate", "threshold": 0.05 } ] }""");

        Policy policy = PolicyLoader.Load(path);

        Assert.AreEqual(0.008, policy.Checks[0].RegressionTolerance);
        Assert.AreEqual(0.0, policy.Checks[1].RegressionTolerance);
    }

    [TestMethod]
    public void NegativeRegressionToleranceIsRefusedNamingTheField()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "flip-rate", "threshold": 0.02, "regressionTolerance": -0.01 } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        StringAssert.StartsWith(ex.Message, $"{path}: checks[0].regressionTolerance");
        StringAssert.Contains(ex.Message, "-0.01");
    }

    [TestMethod]
    public void UnknownMetricNamesTheFieldAndTheAllowedValues()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "score_shift", "threshold": 0.05 } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual(
            $"{path}: checks[0].metric 'score_shift' is not one of score-shift, flip-rate, lost-rate, new-rate, layer-relative-change, layer-inside-share, on-artifact-rate.",
            ex.Message);
    }

    [TestMethod]
    public void MisspelledPropertyIsNamed()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "flip-rate", "treshold": 0.02 } ] }""");

        ValidationResult<Policy> result = PolicyLoader.Read(path);

        string[] messages = [.. result.Errors.Select(e => e.Message)];
        CollectionAssert.Contains(messages, $"{path}: checks[0].threshold is required: the limit in the metric's unit; rates and shares as fractions (0.02 is 2 %).");
        CollectionAssert.Contains(messages, $"{path}: checks[0].treshold is not a known property; did you mean 'threshold'? expected one of artifactTypes, description, direction, id, layer, metric, onNoData, rationale, regressionTolerance, threshold.");
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public void LayerMetricWithoutLayerIsAnError()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "layer-inside-share", "threshold": 0.1 } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].layer is required for metric layer-inside-share; name a tapped layer such as model.6.", ex.Message);
    }

    [TestMethod]
    public void LayerOnAPredictionMetricIsAnError()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "flip-rate", "layer": "model.6", "threshold": 0.02 } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].layer applies only to the layer metrics layer-relative-change, layer-inside-share; metric flip-rate is not one.", ex.Message);
    }

    [TestMethod]
    public void RateThresholdWrittenAsPercentIsAnError()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "flip-rate", "threshold": 2 } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].threshold must be between -1 and 1 for metric flip-rate (rates are fractions: 0.02 is 2 %); got 2.", ex.Message);
    }

    [TestMethod]
    public void RelativeLayerChangeMayExceedOne()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "layer-relative-change", "layer": "model.9", "threshold": 1.5 } ] }""");

        Assert.AreEqual(1.5, PolicyLoader.Load(path).Checks[0].Threshold);
    }

    [TestMethod]
    public void DuplicateIdsAreNamed()
    {
        string path = Write("""
            { "name": "p", "checks": [
              { "id": "a", "metric": "flip-rate", "threshold": 0.02 },
              { "id": "b", "metric": "lost-rate", "threshold": 0.02 },
              { "id": "a", "metric": "new-rate", "threshold": 0.02 } ] }
            """);

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[2].id 'a' is already used by checks[0].", ex.Message);
    }

    [TestMethod]
    public void StarWithOtherArtifactTypesIsAnError()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "flip-rate", "threshold": 0.02, "artifactTypes": ["ruler", "*"] } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].artifactTypes lists \"*\" with other types; \"*\" already means every type, so list it alone.", ex.Message);
    }

    [TestMethod]
    public void PolicyWithoutChecksIsAnError()
    {
        string path = Write("""{ "name": "p", "checks": [] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks must list at least one check.", ex.Message);
    }

    [TestMethod]
    public void IdWithSpacesIsAnError()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "ruler shift", "metric": "score-shift", "threshold": 0.05 } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].id 'ruler shift' must start with a letter or digit and use only letters, digits, '.', '_' and '-'.", ex.Message);
    }

    [TestMethod]
    public void UnknownDirectionNamesAllowedValues()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "score-shift", "threshold": 0.05, "direction": "below" } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].direction 'below' is not one of max, min.", ex.Message);
    }

    [TestMethod]
    public void ThresholdAsStringIsAWrongType()
    {
        string path = Write("""{ "name": "p", "checks": [ { "id": "a", "metric": "score-shift", "threshold": "0.05" } ] }""");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path}: checks[0].threshold must be a number; got \"0.05\".", ex.Message);
    }

    [TestMethod]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(_folder, "none.policy.json");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PolicyLoader.Load(path));

        Assert.AreEqual($"{path} does not exist.", ex.Message);
    }

    private string Write(string json)
    {
        string path = Path.Combine(_folder, "test.policy.json");
        File.WriteAllText(path, json);
        return path;
    }
}
