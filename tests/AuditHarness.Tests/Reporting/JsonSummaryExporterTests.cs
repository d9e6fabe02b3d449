using System.Text.Json;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Tests.Reporting;

/// <summary>summary.json on the hand-made summary: the published schema, exact numbers, NaN as null, fixed order, any culture.</summary>
[TestClass]
public sealed class JsonSummaryExporterTests
{
    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void OutputValidatesAgainstTheDocumentedSchema(string culture)
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs/summary.schema.json")));
        foreach (AuditSummary summary in new[] { ReportFixtures.Summary(), ReportFixtures.Broken(), ReportFixtures.Full() })
        {
            using JsonDocument doc = Export(summary, culture);

            IReadOnlyList<string> errors = JsonSchemaSubset.Validate(schema.RootElement, doc.RootElement);

            Assert.IsEmpty(errors, string.Join("; ", errors));
        }
    }

    [TestMethod]
    public void SchemaCheckRejectsAMissingFieldAndAWrongType()
    {
        // Guards the schema test above against a checker that accepts anything.
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs/summary.schema.json")));
        using JsonDocument bad = JsonDocument.Parse("""{"schemaVersion": 1, "auditName": 3, "verdict": "OK", "broken": false, "maxErrorRate": null}""");

        IReadOnlyList<string> errors = JsonSchemaSubset.Validate(schema.RootElement, bad.RootElement);

        CollectionAssert.AreEquivalent(new[] { "$: missing 'provenance'", "$: missing 'models'", "$.auditName", "$.verdict" }, errors.Select(e => e.StartsWith("$:", StringComparison.Ordinal) ? e : e[..e.IndexOf(':', StringComparison.Ordinal)]).ToArray(), string.Join("; ", errors));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void TopLevelAndModelFieldsReadTheSummary(string culture)
    {
        using JsonDocument doc = Export(ReportFixtures.Summary(), culture);
        JsonElement root = doc.RootElement;

        Assert.AreEqual(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.AreEqual("demo audit", root.GetProperty("auditName").GetString());
        Assert.AreEqual("FAIL", root.GetProperty("verdict").GetString());
        Assert.IsFalse(root.GetProperty("broken").GetBoolean());
        Assert.AreEqual(0.2, root.GetProperty("maxErrorRate").GetDouble());
        JsonElement shortcut = root.GetProperty("models")[0];
        Assert.AreEqual("shortcut", shortcut.GetProperty("model").GetString());
        Assert.AreEqual("models/shortcut.onnx", shortcut.GetProperty("modelPath").GetString());
        Assert.AreEqual("FAIL", shortcut.GetProperty("verdict").GetString());
        Assert.AreEqual(10, shortcut.GetProperty("pairsAttempted").GetInt32());
        Assert.AreEqual(9, shortcut.GetProperty("pairsCompleted").GetInt32());
        Assert.AreEqual(1, shortcut.GetProperty("pairsFailed").GetInt32());
        Assert.AreEqual(0.1, shortcut.GetProperty("errorRate").GetDouble());
        Assert.AreEqual("PASS", root.GetProperty("models")[1].GetProperty("verdict").GetString());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void ProvenanceAndProfilesAreWrittenButNotTheStartTimeOrTheGallery(string culture)
    {
        using JsonDocument doc = Export(ReportFixtures.Full(), culture);
        JsonElement provenance = doc.RootElement.GetProperty("provenance");

        Assert.AreEqual("dermoscopy-artifact-reliance", provenance.GetProperty("policy").GetString());
        Assert.AreEqual(10, provenance.GetProperty("pairCount").GetInt32());
        Assert.AreEqual(ReportFixtures.ShortcutSha256, provenance.GetProperty("models")[0].GetProperty("sha256").GetString());
        Assert.AreEqual("Test CPU 9000", provenance.GetProperty("environment").GetProperty("cpuModel").GetString());
        string raw = doc.RootElement.GetRawText();
        Assert.DoesNotContain("2026-11-25", raw, "the start time would make two runs' summary.json differ");
        Assert.DoesNotContain("Png", raw);
        Assert.DoesNotContain("Jpeg", raw);

        JsonElement ruler = doc.RootElement.GetProperty("models")[0].GetProperty("profiles")[0];
        Assert.AreEqual("ruler", ruler.GetProperty("artifactType").GetString());
        // The fixture's artifact drops are 0.5 x (0.2 .. 1.0): median 0.5 x 0.6.
        Assert.AreEqual(0.5 * 0.6, ruler.GetProperty("scoreShiftArtifact").GetProperty("median").GetDouble(), 1e-12);
        Assert.IsFalse(ruler.TryGetProperty("flipRateArtifact", out _), "rates are the checks' own numbers, not a second definition");
        Assert.AreEqual("model.9", ruler.GetProperty("layers")[1].GetProperty("tap").GetString());
        JsonElement corner = doc.RootElement.GetProperty("models")[0].GetProperty("profiles")[1];
        Assert.AreEqual(JsonValueKind.Null, corner.GetProperty("layers")[0].GetProperty("relativeChangePlacebo").GetProperty("estimate").ValueKind, "no placebo: no data, not zero");
        Assert.AreEqual(0, corner.GetProperty("scoreShiftPlacebo").GetProperty("count").GetInt32());
    }

    [TestMethod]
    public void SummaryOutsideARunHasNullProvenance()
    {
        using JsonDocument doc = Export(ReportFixtures.Summary(), "");

        Assert.AreEqual(JsonValueKind.Null, doc.RootElement.GetProperty("provenance").ValueKind);
    }

    [TestMethod]
    public void BrokenFlagFollowsTheMaximumErrorRate()
    {
        using JsonDocument doc = Export(ReportFixtures.Broken(), "");

        Assert.IsTrue(doc.RootElement.GetProperty("broken").GetBoolean());
        Assert.AreEqual(0.05, doc.RootElement.GetProperty("maxErrorRate").GetDouble());
    }

    [TestMethod]
    public void CheckCarriesEveryFieldOfTheResultAndItsPolicyCheck()
    {
        using JsonDocument doc = Export(ReportFixtures.Summary(), "de-DE");
        JsonElement layer = doc.RootElement.GetProperty("models")[0].GetProperty("checks")[2];

        Assert.AreEqual("shortcut", layer.GetProperty("model").GetString());
        Assert.AreEqual("ruler", layer.GetProperty("artifactType").GetString());
        JsonElement check = layer.GetProperty("check");
        Assert.AreEqual("ruler-layer-change", check.GetProperty("id").GetString());
        Assert.AreEqual("layer-relative-change", check.GetProperty("metric").GetString());
        CollectionAssert.AreEqual(new[] { "*" }, check.GetProperty("artifactTypes").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.AreEqual("model.9", check.GetProperty("layer").GetString());
        Assert.AreEqual(0.5, check.GetProperty("threshold").GetDouble());
        Assert.AreEqual("max", check.GetProperty("direction").GetString());
        Assert.AreEqual("model.9 barely reacts to the ruler.", check.GetProperty("description").GetString());
        Assert.AreEqual(9, layer.GetProperty("pairs").GetInt32());
        Assert.AreEqual("PASS", layer.GetProperty("verdict").GetString());
        Assert.AreEqual(JsonValueKind.Null, layer.GetProperty("note").ValueKind);

        JsonElement flip = doc.RootElement.GetProperty("models")[0].GetProperty("checks")[1];
        Assert.AreEqual("WARN", flip.GetProperty("verdict").GetString());
        Assert.AreEqual(JsonValueKind.Null, flip.GetProperty("check").GetProperty("layer").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, flip.GetProperty("check").GetProperty("description").ValueKind);
        Assert.AreEqual(0.08, flip.GetProperty("pValueHolm").GetDouble());
        Assert.AreEqual("subject", flip.GetProperty("resampledUnit").GetString());
        Assert.AreEqual(7, flip.GetProperty("clusters").GetInt32());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void EveryNumberRoundTripsExactly(string culture)
    {
        AuditSummary summary = ReportFixtures.Summary();
        using JsonDocument doc = Export(summary, culture);

        JsonElement[] checks = [.. doc.RootElement.GetProperty("models").EnumerateArray().SelectMany(m => m.GetProperty("checks").EnumerateArray())];
        CheckResult[] expected = [.. summary.Models.SelectMany(m => m.Checks)];
        Assert.HasCount(expected.Length, checks);
        for (int i = 0; i < expected.Length; i++)
        {
            CheckResult r = expected[i];
            AssertSame(r.Estimate, checks[i].GetProperty("estimate"));
            AssertSame(r.Low, checks[i].GetProperty("low"));
            AssertSame(r.High, checks[i].GetProperty("high"));
            AssertSame(r.ArtifactEffect, checks[i].GetProperty("artifactEffect"));
            AssertSame(r.PlaceboEffect, checks[i].GetProperty("placeboEffect"));
            AssertSame(r.PValue, checks[i].GetProperty("pValue"));
            AssertSame(r.Check.Threshold, checks[i].GetProperty("check").GetProperty("threshold"));
            AssertSame(r.HolmPValue, checks[i].GetProperty("pValueHolm"));
        }

        // The awkward values are really in the file, bit for bit.
        JsonElement shortcutChecks = doc.RootElement.GetProperty("models")[0].GetProperty("checks");
        Assert.AreEqual(ReportFixtures.PointOnePlusPointTwo, shortcutChecks[1].GetProperty("artifactEffect").GetDouble());
        Assert.AreNotEqual(0.3, shortcutChecks[1].GetProperty("artifactEffect").GetDouble());
        Assert.AreEqual(ReportFixtures.OneThird, shortcutChecks[2].GetProperty("estimate").GetDouble());
        Assert.AreEqual(ReportFixtures.Subnormal, shortcutChecks[2].GetProperty("pValue").GetDouble());
    }

    [TestMethod]
    public void NoDataCheckHasNullNumbersAndKeepsItsNote()
    {
        using JsonDocument doc = Export(ReportFixtures.Summary(), "");
        JsonElement corner = doc.RootElement.GetProperty("models")[0].GetProperty("checks")[3];

        Assert.AreEqual("dark-corner", corner.GetProperty("artifactType").GetString());
        Assert.AreEqual(0, corner.GetProperty("pairs").GetInt32());
        foreach (string field in new[] { "estimate", "low", "high", "artifactEffect", "placeboEffect", "pValue", "pValueHolm" })
        {
            Assert.AreEqual(JsonValueKind.Null, corner.GetProperty(field).ValueKind, field);
        }

        Assert.AreEqual(0, corner.GetProperty("clusters").GetInt32());
        Assert.AreEqual("WARN", corner.GetProperty("verdict").GetString());
        Assert.AreEqual(ReportFixtures.NoControlNote, corner.GetProperty("note").GetString());
    }

    [TestMethod]
    public void TopChannelsAreOrderedByTapWithRanksKept()
    {
        using JsonDocument doc = Export(ReportFixtures.Summary(), "");
        JsonElement channels = doc.RootElement.GetProperty("models")[0].GetProperty("topChannels");

        CollectionAssert.AreEqual(new[] { "model.2", "model.9" }, channels.EnumerateObject().Select(p => p.Name).ToArray());
        JsonElement first = channels.GetProperty("model.9")[0];
        Assert.AreEqual("model.9", first.GetProperty("tap").GetString());
        Assert.AreEqual(12, first.GetProperty("channel").GetInt32());
        Assert.AreEqual(0.7, first.GetProperty("meanSelectivity").GetDouble());
        Assert.AreEqual(0.95, first.GetProperty("maxSelectivity").GetDouble());
        Assert.AreEqual(8, first.GetProperty("pairs").GetInt32());
        Assert.AreEqual("p003", first.GetProperty("maxPairId").GetString());
        Assert.AreEqual(3, channels.GetProperty("model.9")[1].GetProperty("channel").GetInt32());
        Assert.AreEqual(JsonValueKind.Object, doc.RootElement.GetProperty("models")[1].GetProperty("topChannels").ValueKind);
    }

    [TestMethod]
    public void SameSummaryGivesTheSameBytesUnderAnyCulture()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        string a;
        string b;
        using (new CultureScope(""))
        {
            a = new JsonSummaryExporter().Export(ReportFixtures.Summary(), first.Path).Single();
        }

        using (new CultureScope("de-DE"))
        {
            b = new JsonSummaryExporter().Export(ReportFixtures.Summary(), second.Path).Single();
        }

        Assert.AreEqual(Path.Combine(first.Path, "summary.json"), a);
        CollectionAssert.AreEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.IsEmpty(Directory.GetFiles(first.Path, "*.partial"));
    }

    private static void AssertSame(double expected, JsonElement actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.AreEqual(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            // Bit equality, stricter than ==: also tells 0.0 from -0.0.
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual.GetDouble()), $"{expected:R} came back as {actual.GetRawText()}");
        }
    }

    private static JsonDocument Export(AuditSummary summary, string culture)
    {
        using var folder = new TempFolder();
        using (new CultureScope(culture))
        {
            string path = new JsonSummaryExporter().Export(summary, folder.Path).Single();
            return JsonDocument.Parse(File.ReadAllText(path));
        }
    }
}
