using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Provenance;
using AuditHarness.Results;
using SkiaSharp;

namespace AuditHarness.Tests.Reporting;

/// <summary>
/// A hand-made summary with every verdict and a no-data check. Model "shortcut": ruler score shift FAILs,
/// ruler flip rate WARNs, ruler layer change PASSes, dark-corner score shift WARNs with NaN (no control);
/// 1 of 10 pairs failed. Model "clean": ruler score shift PASSes, 10 of 10 pairs. Maximum error rate 0.2, so the
/// run is not broken; <see cref="Broken"/> lowers it to 0.05 (0.1 is above it).
/// </summary>
internal static class ReportFixtures
{
    public static readonly PolicyCheck ScoreShift = new("ruler-score-shift", MetricKind.ScoreShift, ["ruler"], null, 0.05, ThresholdDirection.Max, "Removing the ruler must not lower scores.");
    public static readonly PolicyCheck FlipRate = new("ruler-flip-rate", MetricKind.FlipRate, ["ruler"], null, 0.02, ThresholdDirection.Max, null);
    public static readonly PolicyCheck LayerChange = new("ruler-layer-change", MetricKind.LayerRelativeChange, ["*"], "model.9", 0.5, ThresholdDirection.Max, "model.9 barely reacts to the ruler.");
    public static readonly PolicyCheck CornerShift = new("corner-score-shift", MetricKind.ScoreShift, ["dark-corner"], null, 0.05, ThresholdDirection.Max, null);

    public const string NoControlNote = "no placebo of the artifact's shape fits in the image";

    // Awkward doubles on purpose: they only survive a text round trip when written in shortest round-trip form.
    public const double OneThird = 1.0 / 3.0;
    public const double PointOnePlusPointTwo = 0.1 + 0.2;
    public const double Subnormal = 5e-324;

    public static AuditSummary Summary(string outputFolder = "out") => new("demo audit", outputFolder, 0.2, [Shortcut(), Clean()]);

    public static AuditSummary Broken(string outputFolder = "out") => Summary(outputFolder) with { MaxErrorRate = 0.05 };

    public const string ShortcutSha256 = "7f0b7f3a5c5a2314614f47ef91c4c09d01fd901828b06486cdfa6c4a0dd8aac4";

    /// <summary>
    /// <see cref="Summary"/> as a run makes it: with provenance (hashes, settings, environment), chart profiles for
    /// "ruler" and "dark-corner" (no placebo fits there), and a two-pair gallery for the shortcut model.
    /// </summary>
    public static AuditSummary Full(string outputFolder = "out")
    {
        var environment = new RunEnvironment("Debian GNU/Linux 12 (x64)", "Test CPU 9000", 2, ".NET 10.0.0", "1.31.1", "4.13.0", "0.1.0+abc", "abc123");
        var provenance = new AuditProvenance(
            new DateTime(2026, 11, 25, 21, 30, 5, DateTimeKind.Utc),
            "dermoscopy-artifact-reliance",
            "manifest",
            "datasets/demo/manifest.csv",
            "f0256cdb441a768430524e4eb6b51eb7c561e190ca1f23b27760856078c806e2",
            10,
            [new ModelFingerprint("shortcut", "shortcut.onnx", ShortcutSha256), new ModelFingerprint("clean", "clean.onnx", new string('c', 64))],
            new MaskingSettings(MaskingMethod.Counterfactual, 5, 0),
            new PlaceboSettings(1, 42, true, 8, 200),
            new PredictionSettings(0.25, 0.7, 0.5),
            new BootstrapSettings(2000, 7, 0.95),
            environment);
        ModelAuditSummary shortcut = Shortcut() with
        {
            Profiles = [RulerProfile(0.5), CornerProfile()],
            Gallery = [GalleryPair("p003", 0.71), GalleryPair("p007", 0.42)],
        };
        ModelAuditSummary clean = Clean() with { Profiles = [RulerProfile(0.02)] };
        return new AuditSummary("demo audit", outputFolder, 0.2, [shortcut, clean]) { Provenance = provenance };
    }

    private static ArtifactTypeProfile RulerProfile(double scale)
    {
        double[] artifact = [.. Enumerable.Range(0, 9).Select(i => scale * (0.2 + (0.1 * i)))];
        double[] placebo = [.. Enumerable.Range(0, 9).Select(i => 0.01 * (i - 4))];
        LayerProfile[] layers =
        [
            new("model.2", new Interval(0.3 * scale, 0.25 * scale, 0.35 * scale), new Interval(0.05, 0.04, 0.06), new Interval(0.2, 0.15, 0.25), new Interval(0.1, 0.05, 0.15)),
            new("model.9", new Interval(0.9 * scale, 0.8 * scale, 1.0 * scale), new Interval(0.02, 0.01, 0.03), new Interval(0.3, 0.2, 0.4), new Interval(0.05, 0.0, 0.1)),
        ];
        return new ArtifactTypeProfile("ruler", 9, artifact, placebo, BoxSummary.Describe(artifact), BoxSummary.Describe(placebo), layers);
    }

    private static ArtifactTypeProfile CornerProfile()
    {
        double[] artifact = [0.01, 0.02, -0.01];
        return new ArtifactTypeProfile("dark-corner", 3, artifact, [], BoxSummary.Describe(artifact), BoxSummary.Describe([]),
            [new LayerProfile("model.9", new Interval(0.1, 0.05, 0.15), Interval.Undefined, new Interval(0.01, 0, 0.02), Interval.Undefined)]);
    }

    private static GalleryPair GalleryPair(string id, double drop) =>
        new(id, "ruler", drop, 0.01, "model.9", Png(SKColors.SaddleBrown), Png(SKColors.Peru), Png(SKColors.Tan), Png(SKColors.SteelBlue))
        {
            BaseImage = id + ".jpg",
            HeatmapPeak = 0.5,
            HeatmapScale = 0.8,
        };

    /// <summary>A small test image: a coloured field with a dark square in the middle.</summary>
    public static byte[] Png(SKColor color, int width = 64, int height = 64)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            using var paint = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }

        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static ModelAuditSummary Shortcut()
    {
        CheckResult[] checks =
        [
            new("shortcut", "ruler", ScoreShift, 9, 0.16, 0.12, 0.201, 0.17, 0.01, 1.2e-5, Verdict.Fail, null) { HolmPValue = 3.6e-5, ResampledUnit = CheckResult.SubjectUnit, Clusters = 7 },
            new("shortcut", "ruler", FlipRate, 9, 0.03, 0.01, 0.05, PointOnePlusPointTwo, 0.27, 0.04, Verdict.Warn, null) { HolmPValue = 0.08, ResampledUnit = CheckResult.SubjectUnit, Clusters = 7 },
            new("shortcut", "ruler", LayerChange, 9, OneThird, 0.25, 0.41, 0.5, 0.16666666666666666, Subnormal, Verdict.Pass, null) { HolmPValue = 3 * Subnormal, ResampledUnit = CheckResult.SubjectUnit, Clusters = 7 },
            new("shortcut", "dark-corner", CornerShift, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Warn, NoControlNote),
        ];
        var channels = new Dictionary<string, IReadOnlyList<SelectiveChannel>>(StringComparer.Ordinal)
        {
            // Inserted out of ordinal order so the test sees the exporter sort them.
            ["model.9"] = [new SelectiveChannel("model.9", 12, 0.7, 0.95, 8, "p003", "ruler"), new SelectiveChannel("model.9", 3, 0.4, 0.6, 9, "p001", "ruler")],
            ["model.2"] = [new SelectiveChannel("model.2", 5, OneThird, 1.0, 9, "p007", "ruler")],
        };
        PairFailure[] failures = [new("shortcut", "p010", 11, "inference", "bad <image> & \"bytes\"")];
        return new ModelAuditSummary("shortcut", "models/shortcut.onnx", 10, 9, failures, checks, channels);
    }

    public static ModelAuditSummary Clean()
    {
        CheckResult[] checks =
        [
            new("clean", "ruler", ScoreShift, 10, 0.0007, -0.002, 0.003, 0.0009, 0.0002, 0.41, Verdict.Pass, null) { HolmPValue = 0.41, ResampledUnit = CheckResult.PairUnit, Clusters = 10 },
        ];
        return new ModelAuditSummary("clean", "models/clean.onnx", 10, 10, [], checks, new Dictionary<string, IReadOnlyList<SelectiveChannel>>());
    }
}
