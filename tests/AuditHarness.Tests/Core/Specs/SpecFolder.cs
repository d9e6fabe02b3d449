using System.Text.Json.Nodes;

namespace AuditHarness.Tests.Core.Specs;

/// <summary>
/// A temporary folder holding a valid minimal audit: an (empty) model file, a manifest with the standard header,
/// a policy file and a spec referring to them by relative paths. Tests edit the spec's JSON to break one thing.
/// </summary>
public sealed class SpecFolder : IDisposable
{
    public const string ManifestHeader = "pair_id,image,counterfactual,mask,artifact_type,label,subject_id";

    public SpecFolder()
    {
        Root = Directory.CreateTempSubdirectory("spec").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "models"));
        Directory.CreateDirectory(Path.Combine(Root, "data", "originals"));
        Directory.CreateDirectory(Path.Combine(Root, "policies"));
        File.WriteAllBytes(Path.Combine(Root, "models", "detector.onnx"), []);
        File.WriteAllBytes(Path.Combine(Root, "models", "other.onnx"), []);
        File.WriteAllText(Path.Combine(Root, "data", "manifest.csv"), ManifestHeader + "\np1,images/p1.jpg,cf/p1.jpg,masks/p1.png,ruler,nevus,S1\n");
        File.WriteAllBytes(Path.Combine(Root, "data", "originals", "a.jpg"), []);
        File.WriteAllText(Path.Combine(Root, "policies", "p.policy.json"), PolicyJson);
    }

    public const string PolicyJson = """
        { "name": "p", "checks": [
            { "id": "shift", "metric": "score-shift", "artifactTypes": ["ruler"], "threshold": 0.05 },
            { "id": "layer", "metric": "layer-relative-change", "layer": "model.6", "threshold": 0.1 } ] }
        """;

    public string Root { get; }

    public string SpecPath => Path.Combine(Root, "test.audit.json");

    /// <summary>The smallest valid spec: every optional field left to its default.</summary>
    public static JsonObject MinimalSpec() => new()
    {
        ["name"] = "test",
        ["model"] = "models/detector.onnx",
        ["dataset"] = new JsonObject { ["manifest"] = "data/manifest.csv" },
        ["policy"] = "policies/p.policy.json",
    };

    /// <summary>Writes the minimal spec after <paramref name="edit"/> and returns its path.</summary>
    public string WriteSpec(Action<JsonObject>? edit = null)
    {
        JsonObject spec = MinimalSpec();
        edit?.Invoke(spec);
        return WriteSpecText(spec.ToJsonString());
    }

    public string WriteSpecText(string json)
    {
        File.WriteAllText(SpecPath, json);
        return SpecPath;
    }

    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public void Dispose() => Directory.Delete(Root, true);
}
