using System.Text.Json.Nodes;
using AuditHarness.Core.Policies;

namespace AuditHarness.Tests.Core.Policies;

/// <summary>
/// The metric catalog's facts, and the JSON schemas that must list its metrics (a schema cannot read the catalog,
/// so these tests keep it from drifting).
/// </summary>
[TestClass]
public sealed class MetricCatalogTests
{
    [TestMethod]
    public void EveryMetricHasAnEntryUnderItsPolicyFileName()
    {
        CollectionAssert.AreEqual(
            new[] { "score-shift", "flip-rate", "lost-rate", "new-rate", "layer-relative-change", "layer-inside-share", "on-artifact-rate" },
            MetricCatalog.All.Select(m => m.Name).ToArray());
        CollectionAssert.AreEqual(Enum.GetValues<MetricKind>(), MetricCatalog.All.Select(m => m.Kind).ToArray());
        CollectionAssert.AreEqual(MetricCatalog.All.Select(m => m.Name).ToArray(), MetricCatalog.Names.ToArray());
        foreach (MetricDefinition metric in MetricCatalog.All)
        {
            Assert.AreSame(metric, metric.Kind.Definition());
            Assert.IsFalse(string.IsNullOrWhiteSpace(metric.Unit), $"{metric.Name}: unit");
            StringAssert.EndsWith(metric.Glossary, ".", $"{metric.Name}: the glossary is one sentence");
        }
    }

    [TestMethod]
    public void OnlyTheLayerMetricsNeedALayer()
    {
        CollectionAssert.AreEqual(
            new[] { MetricKind.LayerRelativeChange, MetricKind.LayerInsideShare },
            MetricCatalog.All.Where(m => m.NeedsLayer).Select(m => m.Kind).ToArray());
    }

    [TestMethod]
    public void OnlyTheRelativeLayerChangeCanExceedOne()
    {
        // ||D|| / ||A|| grows without bound; the others are differences of scores or shares in [0, 1].
        CollectionAssert.AreEqual(
            new[] { MetricKind.LayerRelativeChange },
            MetricCatalog.All.Where(m => !m.BoundedByOne).Select(m => m.Kind).ToArray());
    }

    [TestMethod]
    public void DetectionMetricsArePooledOverDetectionsAndLayerMetricsAreMeansOverPairs()
    {
        // A layer's change is a per-pair quantity; everything counted per original detection is pooled over them.
        CollectionAssert.AreEqual(
            new[] { MetricKind.ScoreShift, MetricKind.FlipRate, MetricKind.LostRate, MetricKind.NewRate, MetricKind.OnArtifactRate },
            MetricCatalog.All.Where(m => m.Aggregation == MetricAggregation.PooledOverDetections).Select(m => m.Kind).ToArray());
        Assert.IsTrue(MetricCatalog.All.Where(m => m.Aggregation == MetricAggregation.PairMean).All(m => m.NeedsLayer));
    }

    [TestMethod]
    public void EveryMetricIsSignedSoThatMoreRelianceIsLarger()
    {
        Assert.IsTrue(MetricCatalog.All.All(m => m.RelianceDirection == ThresholdDirection.Max));
    }

    [TestMethod]
    public void PolicySchemaListsTheCatalogsMetricsAndLayerMetrics()
    {
        JsonObject check = Schema("audits/policy.schema.json")["properties"]!["checks"]!["items"]!.AsObject();

        AssertEnum(MetricCatalog.Names, check["properties"]!["metric"]!, "audits/policy.schema.json checks[].metric");
        AssertEnum(
            [.. MetricCatalog.All.Where(m => m.NeedsLayer).Select(m => m.Name)],
            check["if"]!["properties"]!["metric"]!,
            "audits/policy.schema.json: the metrics that require checks[].layer");
    }

    [TestMethod]
    public void SummarySchemaListsTheCatalogsMetrics()
    {
        JsonNode metric = Schema("docs/summary.schema.json")["$defs"]!["policyCheck"]!["properties"]!["metric"]!;

        AssertEnum(MetricCatalog.Names, metric, "docs/summary.schema.json $defs.policyCheck.metric");
    }

    private static JsonObject Schema(string relativePath) => JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(relativePath)))!.AsObject();

    private static void AssertEnum(IReadOnlyList<string> expected, JsonNode property, string where)
    {
        string[] listed = [.. property["enum"]!.AsArray().Select(v => (string)v!)];
        CollectionAssert.AreEqual(
            expected.ToArray(),
            listed,
            $"{where} lists [{string.Join(", ", listed)}]; the metric catalog (MetricKind) has [{string.Join(", ", expected)}]: update the schema's enum");
    }
}
