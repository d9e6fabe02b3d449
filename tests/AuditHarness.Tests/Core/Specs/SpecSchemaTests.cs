using System.Text.Json;
using System.Text.Json.Nodes;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Tests.Core.Specs;

/// <summary>
/// The JSON Schemas in <c>audits/</c> must describe exactly what the parsers accept: the same fields, types,
/// enums, defaults, limits, required flags and descriptions as <see cref="AuditSpecOptions"/> and <see cref="PolicyOptions"/>.
/// </summary>
[TestClass]
public sealed class SpecSchemaTests
{
    [TestMethod]
    public void AuditSchemaListsExactlyTheSpecFields()
    {
        Dictionary<string, SchemaField> schema = SchemaFields("audits/audit.schema.json");

        CollectionAssert.AreEquivalent(AuditSpecOptions.All.Select(o => o.Field).ToArray(), schema.Keys.ToArray());
    }

    [TestMethod]
    public void PolicySchemaListsExactlyThePolicyFields()
    {
        Dictionary<string, SchemaField> schema = SchemaFields("audits/policy.schema.json");

        CollectionAssert.AreEquivalent(PolicyOptions.All.Select(o => o.Field).ToArray(), schema.Keys.ToArray());
    }

    [TestMethod]
    public void AuditSchemaAgreesWithEveryOption()
    {
        AssertAgree(AuditSpecOptions.All, SchemaFields("audits/audit.schema.json"));
    }

    [TestMethod]
    public void PolicySchemaAgreesWithEveryOption()
    {
        AssertAgree(PolicyOptions.All, SchemaFields("audits/policy.schema.json"));
    }

    [TestMethod]
    public void EnumNamesAreKebabCase()
    {
        Assert.AreEqual("inpaint-telea", SpecEnum.Name(MaskingMethod.InpaintTelea));
        Assert.AreEqual("layer-relative-change", SpecEnum.Name(MetricKind.LayerRelativeChange));
        Assert.AreEqual("bottom-right", SpecEnum.Name(ArtifactPosition.BottomRight));
        Assert.IsTrue(SpecEnum.TryParse("fill-mean", out MaskingMethod method));
        Assert.AreEqual(MaskingMethod.FillMean, method);
        Assert.IsFalse(SpecEnum.TryParse("FillMean", out MaskingMethod _), "names are case-sensitive kebab-case");
    }

    private static void AssertAgree(IReadOnlyList<SpecOption> options, Dictionary<string, SchemaField> schema)
    {
        foreach (SpecOption option in options)
        {
            SchemaField field = schema[option.Field];
            JsonObject node = field.Node;
            string at = $"schema of {option.Field}";
            Assert.AreEqual(option.Description, (string?)node["description"], at);
            Assert.AreEqual(option.IsRequired, field.IsRequired, $"{at}: required");
            AssertType(option, node, at);
            AssertDefault(option.Default, node["default"], at);
            Assert.AreEqual(option.Minimum, (double?)node["minimum"], $"{at}: minimum");
            Assert.AreEqual(option.ExclusiveMinimum, (double?)node["exclusiveMinimum"], $"{at}: exclusiveMinimum");
            Assert.AreEqual(option.Maximum, (double?)node["maximum"], $"{at}: maximum");
            string[] schemaEnum = node["enum"] is JsonArray values ? [.. values.Select(v => (string)v!)] : [];
            CollectionAssert.AreEqual(option.AllowedValues.ToArray(), schemaEnum, $"{at}: enum");
        }
    }

    private static void AssertType(SpecOption option, JsonObject node, string at)
    {
        string? type = (string?)node["type"];
        switch (option.Kind)
        {
            case SpecValueKind.String or SpecValueKind.Path or SpecValueKind.Enum:
                Assert.AreEqual("string", type, at);
                break;
            case SpecValueKind.Number:
                Assert.AreEqual("number", type, at);
                break;
            case SpecValueKind.Integer:
                Assert.AreEqual("integer", type, at);
                break;
            case SpecValueKind.Boolean:
                Assert.AreEqual("boolean", type, at);
                break;
            case SpecValueKind.Object:
                Assert.AreEqual("object", type, at);
                Assert.IsFalse((bool)node["additionalProperties"]!, $"{at}: additionalProperties must be false so typos are flagged");
                break;
            case SpecValueKind.StringList:
                Assert.AreEqual("array", type, at);
                Assert.AreEqual("string", (string?)node["items"]!["type"], at);
                break;
            case SpecValueKind.ObjectList:
                Assert.AreEqual("array", type, at);
                Assert.AreEqual("object", (string?)node["items"]!["type"], at);
                Assert.IsFalse((bool)node["items"]!["additionalProperties"]!, $"{at}: additionalProperties must be false so typos are flagged");
                break;
            case SpecValueKind.PathOrObject:
                JsonArray choices = node["oneOf"]!.AsArray();
                Assert.IsTrue(choices.Any(c => (string?)c!["type"] == "string"), $"{at}: a path");
                Assert.IsTrue(choices.Any(c => (string?)c!["$ref"] == "policy.schema.json"), $"{at}: a policy object");
                break;
            case SpecValueKind.StringOrObject:
                JsonArray forms = node["oneOf"]!.AsArray();
                Assert.IsTrue(forms.Any(c => (string?)c!["type"] == "string" && c["enum"] is JsonArray), $"{at}: one of fixed strings");
                Assert.IsTrue(forms.Any(c => (string?)c!["type"] == "object" && !(bool)c["additionalProperties"]!), $"{at}: a closed object");
                break;
            case SpecValueKind.CountOrAll:
                AssertCountOrAll(node["oneOf"]!.AsArray(), at);
                break;
            case SpecValueKind.CountOrAllList:
                Assert.AreEqual("array", type, at);
                AssertCountOrAll(node["items"]!["oneOf"]!.AsArray(), at);
                break;
            default:
                Assert.Fail($"{at}: unexpected kind {option.Kind}");
                break;
        }
    }

    private static void AssertCountOrAll(JsonArray choices, string at)
    {
        Assert.IsTrue(choices.Any(c => (string?)c!["type"] == "integer" && (double?)c["minimum"] == 1), $"{at}: a positive integer");
        Assert.IsTrue(choices.Any(c => (string?)c!["const"] == "all"), $"{at}: \"all\"");
    }

    private static void AssertDefault(object? expected, JsonNode? actual, string at)
    {
        switch (expected)
        {
            case null:
                Assert.IsNull(actual, $"{at}: no default expected");
                break;
            case double d:
                Assert.AreEqual(d, actual!.GetValue<double>(), $"{at}: default");
                break;
            case int i:
                Assert.AreEqual(i, actual!.GetValue<int>(), $"{at}: default");
                break;
            case bool b:
                Assert.AreEqual(b, actual!.GetValue<bool>(), $"{at}: default");
                break;
            case string s:
                Assert.AreEqual(s, actual!.GetValue<string>(), $"{at}: default");
                break;
            case IReadOnlyList<string> list:
                CollectionAssert.AreEqual(list.ToArray(), actual!.AsArray().Select(v => (string)v!).ToArray(), $"{at}: default");
                break;
            default:
                Assert.Fail($"{at}: unexpected default type {expected.GetType()}");
                break;
        }
    }

    /// <summary>Every property in the schema by its dotted path (list elements as <c>name[].</c>), except <c>$schema</c>.</summary>
    private static Dictionary<string, SchemaField> SchemaFields(string relativePath)
    {
        JsonObject root = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(relativePath)))!.AsObject();
        Assert.AreEqual("https://json-schema.org/draft/2020-12/schema", (string?)root["$schema"]);
        Dictionary<string, SchemaField> fields = new(StringComparer.Ordinal);
        Walk(root, string.Empty, fields);
        return fields;
    }

    private static void Walk(JsonObject node, string prefix, Dictionary<string, SchemaField> fields)
    {
        if (node["properties"] is not JsonObject properties)
        {
            return;
        }

        HashSet<string> required = node["required"] is JsonArray names ? [.. names.Select(n => (string)n!)] : [];
        foreach ((string name, JsonNode? value) in properties)
        {
            if (name == "$schema")
            {
                continue;
            }

            JsonObject child = value!.AsObject();
            string field = prefix + name;
            fields.Add(field, new SchemaField(child, required.Contains(name)));
            Walk(child, field + ".", fields);
            if (child["items"] is JsonObject items)
            {
                Walk(items, field + "[].", fields);
            }
        }
    }

    private sealed record SchemaField(JsonObject Node, bool IsRequired);
}
