using System.Text.Json;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Results;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine.Pairs;

/// <summary>
/// Issue 13's "must show": a detector that keeps its box but flips class when a marker is masked away FAILs
/// <c>score-shift</c> through the whole pipeline and policy, with an anchor-grid head and with an end-to-end head. The
/// matched detection's score hardly moves (melanoma 0.95 becomes nevus 0.95), so a score shift read from the matched
/// detection would pass; the melanoma score at the detection's anchor falls from 0.95 to 0.05.
/// </summary>
[TestClass]
public sealed class ClassFlipScoreShiftTests
{
    private const int MarkerX = 44, MarkerY = 44, Pairs = 6;

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("class-flip").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ScoreShiftFailsAModelThatFlipsClassWhenTheMarkerIsMasked(bool endToEnd)
    {
        string model = Path.Combine(_folder, "flipper.onnx");
        File.WriteAllBytes(model, MarkerFlipModelBuilder.Build(endToEnd, MarkerX, MarkerY));
        AuditSpec spec = AuditSpecLoader.Load(WriteSpec(WriteDataset(), model));

        AuditPipelineResult result = AuditPipeline.Run(spec, new AuditPipelineOptions { OutputFolder = Path.Combine(_folder, "run") });

        CheckResult check = result.Summary!.Models.Single().Checks.Single(c => c.ArtifactType == "ruler");
        Assert.AreEqual(Pairs, check.Pairs);
        Assert.AreEqual(Verdict.Fail, check.Verdict, $"estimate {check.Estimate} [{check.Low}, {check.High}], note {check.Note}");

        // By hand: melanoma 0.95 at the anchor with the marker, 0.05 without: a drop of 0.9; the placebo leaves it.
        Assert.AreEqual(0.9, check.Estimate, 1e-3);
        Assert.AreEqual(0.9, check.Low, 1e-3);
        using (JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Folder, "summary.json"))))
        {
            Assert.AreEqual("anchor class score", json.RootElement.GetProperty("models")[0].GetProperty("scoreSource").GetString());
        }

        // The same pairs read by the matched detection (nevus 0.95 against melanoma 0.95) show no drop at all: the
        // reading this check replaced would have passed them.
        string[] pairs = File.ReadAllLines(Path.Combine(result.Folder, "pairs.csv"));
        int matched = Array.IndexOf(pairs[0].Split(','), "matched_score_drop_off_artifact");
        int variant = Array.IndexOf(pairs[0].Split(','), "variant");
        Assert.IsTrue(matched >= 0, pairs[0]);
        foreach (string[] row in pairs.Skip(1).Select(r => r.Split(',')).Where(r => r[variant] == "artifact_removed"))
        {
            Assert.AreEqual(0, double.Parse(row[matched], System.Globalization.CultureInfo.InvariantCulture), 1e-3, string.Join(',', row));
        }
    }

    [TestMethod]
    public void AHeadWithoutVisibleClassScoresIsReadByTheMatchedScoreAndLabelledSo()
    {
        // A constant end-to-end output: its graph has no per-anchor class scores to find.
        float[] output = TinyYoloModelBuilder.EndToEndOutput(300, (140f, 140f, 260f, 260f, 0.9f, 1));
        string model = Path.Combine(_folder, "constant.onnx");
        File.WriteAllBytes(model, TinyYoloModelBuilder.Build(new TinyYoloModelOptions { Output0 = output, ClassNames = ["nevus", "melanoma"] }));
        AuditSpec spec = AuditSpecLoader.Load(WriteSpec(WriteDataset(), model));

        AuditPipelineResult result = AuditPipeline.Run(spec, new AuditPipelineOptions { OutputFolder = Path.Combine(_folder, "run") });

        ModelAuditSummary summary = result.Summary!.Models.Single();
        Assert.AreEqual(AuditHarness.Core.Comparison.ScoreSource.MatchedDetectionScore, summary.ScoreSource);
        StringAssert.Contains(summary.Checks.Single().Note, "score source: matched detection score");
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Folder, "summary.json")));
        Assert.AreEqual("matched detection score", json.RootElement.GetProperty("models")[0].GetProperty("scoreSource").GetString());
        StringAssert.Contains(File.ReadAllText(Path.Combine(result.Folder, "summary.csv")), "score source: matched detection score");
    }

    /// <summary>Gray images with a white marker square around (MarkerX, MarkerY), the same images without it, and the marker's mask.</summary>
    private string WriteDataset()
    {
        var lines = new List<string> { "pair_id,image,counterfactual,mask,artifact_type,label,subject_id" };
        for (int i = 0; i < Pairs; i++)
        {
            int gray = 90 + (5 * i);
            using var clean = new Mat(MarkerFlipModelBuilder.InputSize, MarkerFlipModelBuilder.InputSize, MatType.CV_8UC3, Scalar.All(gray));
            using Mat marked = clean.Clone();
            var square = new Rect(MarkerX - 8, MarkerY - 8, 16, 16);
            marked[square].SetTo(Scalar.All(255));
            using var mask = new Mat(clean.Rows, clean.Cols, MatType.CV_8UC1, Scalar.All(0));
            mask[square].SetTo(Scalar.All(255));
            string id = $"f{i}";
            Cv2.ImWrite(Path.Combine(_folder, id + ".png"), marked);
            Cv2.ImWrite(Path.Combine(_folder, id + "_clean.png"), clean);
            Cv2.ImWrite(Path.Combine(_folder, id + "_mask.png"), mask);
            lines.Add($"{id},{id}.png,{id}_clean.png,{id}_mask.png,ruler,nevus,S{i}");
        }

        string manifest = Path.Combine(_folder, "manifest.csv");
        File.WriteAllLines(manifest, lines);
        return manifest;
    }

    private string WriteSpec(string manifest, string model)
    {
        var spec = new Dictionary<string, object>
        {
            ["name"] = "class-flip",
            ["models"] = new[] { new Dictionary<string, string> { ["name"] = "flipper", ["path"] = model } },
            ["taps"] = Array.Empty<string>(),
            ["dataset"] = new Dictionary<string, object> { ["manifest"] = manifest },
            ["masking"] = new Dictionary<string, object> { ["method"] = "counterfactual", ["inpaintRadius"] = 5 },
            ["policy"] = new Dictionary<string, object>
            {
                ["name"] = "score-only",
                ["checks"] = new[] { new Dictionary<string, object> { ["id"] = "score-shift", ["metric"] = "score-shift", ["threshold"] = 0.05 } },
            },
            ["output"] = Path.Combine(_folder, "out"),
            ["bootstrap"] = new Dictionary<string, int> { ["resamples"] = 500, ["seed"] = 7 },
        };
        string path = Path.Combine(_folder, "flip.audit.json");
        File.WriteAllText(path, JsonSerializer.Serialize(spec));
        return path;
    }
}
