using System.Text.Json.Nodes;
using AuditHarness.Cli;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Tracing;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Tracing;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// <c>ablate --from RUN</c> on the corpus run (<c>BadInputCorpus/ablate/summary-with-trace.json</c>, auditing the demo
/// shortcut model). Its model.9 gaps by hand (selective ci_low minus the highest random ci_high): k 1: 0.20 - 0.10 = 0.10,
/// k 2: 0.35 - 0.12 = 0.23, k 4: 0.55 - 0.15 = 0.40, k 8: 0.60 - 0.25 = 0.35, all: 0.90 - 1.00 &lt; 0; model.6 never
/// clears random (k 1: -0.05, k 2: -0.04, k 4 without an interval). So by default: model.9, its top 4 ranked channels.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class AblateFromRunTests
{
    private static readonly string ShortcutModel = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");

    private string _folder = string.Empty;

    /// <summary>A run folder holding the corpus summary, pointing at <paramref name="model"/> (default: the demo shortcut model).</summary>
    public static string RunFolder(string parent, string summaryFile = "summary-with-trace.json", string? model = null)
    {
        string folder = Directory.CreateDirectory(Path.Combine(parent, "run-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        JsonNode summary = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf($"tests/AuditHarness.Tests/BadInputCorpus/ablate/{summaryFile}")))!;
        summary["models"]![0]!["modelPath"] = model ?? ShortcutModel;
        File.WriteAllText(Path.Combine(folder, "summary.json"), summary.ToJsonString());
        return folder;
    }

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("ablate-from").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ByDefaultTheLayerAndKWithTheLargestGapOverRandomAreChosen()
    {
        AblationChoice choice = AblationFromRun.Choose(RunFolder(_folder), "shortcut", artifactType: null, layer: null, k: null);

        Assert.AreEqual("ruler", choice.ArtifactType);
        Assert.AreEqual("model.9", choice.Layer);
        Assert.AreEqual(4, choice.K);
        Assert.AreEqual(96, choice.ChannelCount);
        CollectionAssert.AreEqual(new[] { 75, 94, 8, 80 }, choice.Channels.ToArray());
        Assert.AreEqual(ShortcutModel, choice.ModelPath);
        StringAssert.Contains(choice.Reason, "gap 0.4");
    }

    [TestMethod]
    public void AGivenLayerAndKTakeTheTopKRankedChannels()
    {
        AblationChoice choice = AblationFromRun.Choose(RunFolder(_folder), "shortcut", "ruler", "model.9", 10);

        CollectionAssert.AreEqual(new[] { 75, 94, 8, 80, 70, 22, 72, 47, 69, 5 }, choice.Channels.ToArray());
    }

    [TestMethod]
    [DataRow("model.6", null, "at no k do the selective channels of model.6 beat every random draw")]
    [DataRow("model.9", 11, "--k 11 for model.9, which has 10 ranked channel(s)")]
    [DataRow("model.9", 0, "expected 1 to 10")]
    [DataRow("model.3", null, "layer 'model.3' was not traced")]
    [DataRow(null, 4, "--k needs --layer")]
    public void ChoicesTheTraceCannotSupportAreRefusedNamingWhy(string? layer, int? k, string says)
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => AblationFromRun.Choose(RunFolder(_folder), "shortcut", null, layer, k));

        StringAssert.Contains(error.Message, says);
    }

    [TestMethod]
    public void TheCommandPrintsWhatItChoseAndWritesThoseChannels()
    {
        string output = Path.Combine(_folder, "ablated.onnx");

        CliResult result = CliRunner.Run("ablate", "--from", RunFolder(_folder), "--model", "shortcut", "--out", output);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stderr);
        StringAssert.Contains(result.Stdout, "model shortcut, ruler, model.9, top 4 of 96 channels (largest gap: at k 4");
        IReadOnlyDictionary<string, string> metadata = OnnxModelGraph.Load(output).MetadataProps;
        Assert.AreEqual("75,94,8,80", metadata[ChannelAblation.ChannelsKey]);
        Assert.AreEqual("model.9", metadata[ChannelAblation.LayerKey]);
    }

    [TestMethod]
    public void AModelFileChangedSinceTheRunIsRefused()
    {
        string copy = Path.Combine(_folder, "changed.onnx");
        File.WriteAllBytes(copy, [.. File.ReadAllBytes(ShortcutModel), 0]);

        var error = Assert.ThrowsExactly<AuditInputException>(() => AblationFromRun.Choose(RunFolder(_folder, model: copy), "shortcut", null, null, null));

        StringAssert.Contains(error.Message, "but the run audited 7f0b7f3a");
    }
}
