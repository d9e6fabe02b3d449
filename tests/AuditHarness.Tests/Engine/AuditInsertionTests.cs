using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Tests.Inference.Imaging;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Pipeline;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine;

/// <summary>
/// An insertion dataset runs end to end: each clean original becomes one pair whose original is the painted image,
/// whose mask is exactly the painted pixels and whose artifact-removed variant (masking counterfactual) is the clean
/// image itself. The originals are demo counterfactuals, which carry no artifact.
/// </summary>
[TestClass]
public sealed class AuditInsertionTests
{
    private static readonly string[] Ids = ["p0001", "p0002", "p0003", "p0004", "p0005", "p0006"];
    private string _folder = string.Empty;
    private string _originals = string.Empty;

    [TestInitialize]
    public void CopyCleanOriginals()
    {
        _folder = Directory.CreateTempSubdirectory("insertion").FullName;
        _originals = Path.Combine(_folder, "originals");
        Directory.CreateDirectory(_originals);
        foreach (string id in Ids)
        {
            File.Copy(RepositoryFiles.PathOf($"datasets/demo-dermoscopy/audit/counterfactuals/{id}.jpg"), Path.Combine(_originals, id + ".jpg"));
        }
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void PaintedRulerIsOnePairPerOriginalAndTheShortcutModelReliesOnIt()
    {
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.WriteInsertion(_folder, _originals, "ruler", "counterfactual", 0.05, "shortcut", "clean"));
        string output = Path.Combine(_folder, "run");

        AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = output });

        string[] lines = File.ReadAllLines(Path.Combine(output, "pairs.csv"));
        string[] header = lines[0].Split(',');
        int modelColumn = Array.IndexOf(header, "model"), pairId = Array.IndexOf(header, "pair_id"), type = Array.IndexOf(header, "artifact_type"), label = Array.IndexOf(header, "label"), variant = Array.IndexOf(header, "variant");
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        foreach (string model in new[] { "shortcut", "clean" })
        {
            string[][] originals = [.. rows.Where(r => r[modelColumn] == model && r[variant] == PairProcessor.OriginalVariant)];
            CollectionAssert.AreEqual(Ids, originals.Select(r => r[pairId]).ToArray(), model);
            Assert.IsTrue(originals.All(r => r[type] == "ruler" && r[label].Length == 0), model);
        }

        Assert.HasCount(1, File.ReadAllLines(Path.Combine(output, "errors.csv")));
        CheckResult shortcut = ScoreShift(summary, "shortcut");
        CheckResult clean = ScoreShift(summary, "clean");
        Assert.AreEqual(6, shortcut.Pairs);
        Assert.IsGreaterThan(0.05, shortcut.Estimate, $"shortcut {shortcut.Estimate} [{shortcut.Low}, {shortcut.High}]");
        Assert.IsGreaterThan(0.0, shortcut.Low, $"shortcut {shortcut.Estimate} [{shortcut.Low}, {shortcut.High}]");
        Assert.IsLessThan(0.01, Math.Abs(clean.Estimate), $"clean {clean.Estimate}");
        Assert.AreEqual(Verdict.Fail, summary.Models.Single(m => m.Model == "shortcut").Verdict);
        Assert.AreEqual(Verdict.Pass, summary.Models.Single(m => m.Model == "clean").Verdict);
    }

    [TestMethod]
    public void CounterfactualVariantIsTheCleanImageAndTheMaskIsExactlyThePaintedPixels()
    {
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.WriteInsertion(_folder, _originals, "ruler", "counterfactual"));
        using var model = YoloModel.Load(spec.Models[0].Path.FullPath);
        using var inserter = ArtifactInserter.Create(((InsertionDataset)spec.Dataset).Artifact);
        using var processor = new PairProcessor(model, spec, inserter);
        InsertionPair pair = InsertionPairs.List((InsertionDataset)spec.Dataset)[0];

        using PreparedPair prepared = processor.Prepare(pair);
        using Mat clean = ImageFile.Read(Path.Combine(_originals, "p0001.jpg"));

        Assert.IsTrue(SameBytes(clean, prepared.Removed), "the artifact-removed variant is the clean image byte for byte");
        using var difference = new Mat();
        Cv2.Absdiff(prepared.Original, clean, difference);
        using ArtifactMask changed = ArtifactMask.FromMat(difference);
        Assert.IsFalse(changed.IsEmpty, "the ruler changed the image");
        Assert.IsTrue(SameBytes(changed.Pixels, prepared.Mask.Pixels), "the mask is exactly the changed pixels");

        // The ruler runs along the bottom edge (position bottom-left): its mask spans most of the width, low in the image.
        Assert.IsGreaterThan(0.8 * clean.Width, prepared.Mask.BoundingBox.Width);
        Assert.IsGreaterThan(0.75 * clean.Height, prepared.Mask.BoundingBox.Y1);

        // Painting is deterministic: preparing the pair again gives the same image.
        using PreparedPair again = processor.Prepare(pair);
        Assert.IsTrue(SameBytes(prepared.Original, again.Original));
    }

    [TestMethod]
    public void InpaintedVariantDiffersFromThePaintedImageOnlyUnderTheMask()
    {
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.WriteInsertion(_folder, _originals, "ruler", "inpaint-telea"));
        using var model = YoloModel.Load(spec.Models[0].Path.FullPath);
        using var inserter = ArtifactInserter.Create(((InsertionDataset)spec.Dataset).Artifact);
        using var processor = new PairProcessor(model, spec, inserter);

        using PreparedPair prepared = processor.Prepare(InsertionPairs.List((InsertionDataset)spec.Dataset)[0]);
        using Mat clean = ImageFile.Read(Path.Combine(_originals, "p0001.jpg"));

        Assert.IsFalse(SameBytes(clean, prepared.Removed), "inpainting is not the clean image");
        Assert.AreEqual(0, MaskFixtures.ChangedOutside(prepared.Original, prepared.Removed, prepared.Mask));
    }

    [TestMethod]
    public void BadOriginalIsOneErrorRowAndTheOthersComplete()
    {
        File.WriteAllText(Path.Combine(_originals, "broken.jpg"), "not an image");
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.WriteInsertion(_folder, Path.Combine(_originals, "*.jpg"), maxErrorRate: 0.5));
        string output = Path.Combine(_folder, "run");

        AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = output });

        string[] errors = File.ReadAllLines(Path.Combine(output, "errors.csv"));
        Assert.HasCount(2, errors);
        StringAssert.StartsWith(errors[1], "shortcut,broken,,read image,");
        StringAssert.Contains(errors[1], "could not be decoded");
        Assert.AreEqual(7, summary.Models.Single().PairsAttempted);
        Assert.AreEqual(6, summary.Models.Single().PairsCompleted);
        Assert.IsFalse(summary.IsBroken);
    }

    [TestMethod]
    public void OriginalsEmptiedAfterLoadingStopBeforeAnyOutput()
    {
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.WriteInsertion(_folder, _originals));
        foreach (string file in Directory.GetFiles(_originals))
        {
            File.Delete(file);
        }

        string output = Path.Combine(_folder, "run");

        var error = Assert.ThrowsExactly<AuditInputException>(() => AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = output }));

        StringAssert.StartsWith(error.Message, $"{spec.Source.Text}: dataset.insertion.originals '{_originals}' holds no image;");
        Assert.IsFalse(error.Message.Contains('\n', StringComparison.Ordinal));
        Assert.IsFalse(Directory.Exists(output));
    }

    private static CheckResult ScoreShift(AuditSummary summary, string model)
        => summary.Models.Single(m => m.Model == model).Checks.Single(c => c.Check.Id == "ruler-score-shift");

    private static bool SameBytes(Mat a, Mat b)
        => a.Size() == b.Size() && a.Type() == b.Type() && Cv2.Norm(a, b, NormTypes.INF) == 0;
}
