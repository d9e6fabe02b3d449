using System.Text.Json;

namespace AuditHarness.Tests.Engine;

/// <summary>Writes small audit specs for engine tests, pointing at the demo models and policy with absolute paths.</summary>
public static class AuditSpecFiles
{
    public static string Write(string folder, string manifest, string masking = "counterfactual", double maxErrorRate = 0.05, params string[] models)
        => WriteSpec(folder, new Dictionary<string, object> { ["manifest"] = manifest }, masking, maxErrorRate, models);

    /// <summary>A spec whose pairs are made by drawing <paramref name="artifactType"/> onto every image in <paramref name="originals"/>.</summary>
    public static string WriteInsertion(string folder, string originals, string artifactType = "ruler", string masking = "counterfactual", double maxErrorRate = 0.05, params string[] models)
        => WriteSpec(
            folder,
            new Dictionary<string, object>
            {
                ["insertion"] = new Dictionary<string, object>
                {
                    ["originals"] = originals,
                    ["artifact"] = new Dictionary<string, object> { ["type"] = artifactType, ["position"] = "bottom-left" },
                },
            },
            masking,
            maxErrorRate,
            models);

    /// <summary>
    /// A spec auditing the one model file at <paramref name="modelPath"/> (named "candidate") instead of a demo model,
    /// tapping <c>model.0</c>, which the tiny test models have too, under a policy of one detection check (no layer check).
    /// </summary>
    public static string WriteForModelFile(string folder, string manifest, string modelPath)
    {
        var policy = new Dictionary<string, object>
        {
            ["name"] = "detections-only",
            ["checks"] = new[] { new Dictionary<string, object> { ["id"] = "flip-rate", ["metric"] = "flip-rate", ["threshold"] = 0.02 } },
        };
        return WriteSpec(
            folder, new Dictionary<string, object> { ["manifest"] = manifest }, "counterfactual", 0.05, [("candidate", modelPath)], ["model.0"], policy);
    }

    /// <summary>
    /// A spec over <paramref name="manifest"/> auditing the demo model(s) <paramref name="models"/> (default shortcut) under the inline
    /// <paramref name="policy"/>, with the spec's <c>placebo</c> object when <paramref name="placebo"/> is given.
    /// </summary>
    public static string WriteWithPolicy(string folder, string manifest, object policy, object? placebo = null, params string[] models)
    {
        models = models.Length == 0 ? ["shortcut"] : models;
        return WriteSpec(
            folder,
            new Dictionary<string, object> { ["manifest"] = manifest },
            "counterfactual",
            0.05,
            [.. models.Select(m => (m, RepositoryFiles.PathOf($"datasets/demo-dermoscopy/models/{m}_e2e.onnx")))],
            ["model.2", "model.9"],
            policy,
            placebo);
    }

    /// <summary>
    /// A spec whose run ends WARN for the clean model: the shifted placebo only, so the dark-corner pairs (whose corners
    /// leave no room for it) have no control, under a policy whose dark-corner check says <c>onNoData: warn</c>, beside
    /// the demo policy's ruler layer check (which the clean model passes).
    /// </summary>
    public static string WriteWarnOnNoData(string folder, string manifest, params string[] models)
    {
        var policy = new Dictionary<string, object>
        {
            ["name"] = "warn-on-no-data",
            ["checks"] = new object[]
            {
                new Dictionary<string, object> { ["id"] = "ruler-layer-reliance-model9", ["metric"] = "layer-relative-change", ["artifactTypes"] = new[] { "ruler" }, ["layer"] = "model.9", ["threshold"] = 0.10 },
                new Dictionary<string, object> { ["id"] = "corner-score-shift", ["metric"] = "score-shift", ["artifactTypes"] = new[] { "dark_corners" }, ["threshold"] = 0.05, ["onNoData"] = "warn" },
            },
        };
        return WriteWithPolicy(folder, manifest, policy, new Dictionary<string, object> { ["mode"] = "shifted" }, models);
    }

    private static string WriteSpec(string folder, Dictionary<string, object> dataset, string masking, double maxErrorRate, string[] models)
    {
        if (models.Length == 0)
        {
            models = ["shortcut"];
        }

        return WriteSpec(
            folder,
            dataset,
            masking,
            maxErrorRate,
            [.. models.Select(m => (m, RepositoryFiles.PathOf($"datasets/demo-dermoscopy/models/{m}_e2e.onnx")))],
            ["model.2", "model.9"],
            RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"));
    }

    private static string WriteSpec(string folder, Dictionary<string, object> dataset, string masking, double maxErrorRate, (string Name, string Path)[] models, string[] taps, object policy, object? placebo = null)
    {
        var spec = new Dictionary<string, object>
        {
            ["name"] = "engine-test",
            ["models"] = models.Select(m => new Dictionary<string, string>
            {
                ["name"] = m.Name,
                ["path"] = m.Path,
            }).ToArray(),
            ["taps"] = taps,
            ["dataset"] = dataset,
            ["masking"] = new Dictionary<string, object> { ["method"] = masking, ["inpaintRadius"] = 5 },
            ["policy"] = policy,
            ["maxErrorRate"] = maxErrorRate,
            ["output"] = Path.Combine(folder, "out"),
            ["bootstrap"] = new Dictionary<string, int> { ["resamples"] = 2000, ["seed"] = 7 },
        };
        if (placebo is not null)
        {
            spec["placebo"] = placebo;
        }

        string path = Path.Combine(folder, "test.audit.json");
        File.WriteAllText(path, JsonSerializer.Serialize(spec));
        return path;
    }
}
