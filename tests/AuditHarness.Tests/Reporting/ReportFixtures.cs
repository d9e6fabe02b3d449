using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;
using AuditHarness.Engine;

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

    public static ModelAuditSummary Shortcut()
    {
        CheckResult[] checks =
        [
            new("shortcut", "ruler", ScoreShift, 9, 0.16, 0.12, 0.201, 0.17, 0.01, 1.2e-5, Verdict.Fail, Interval.Undefined, null),
            new("shortcut", "ruler", FlipRate, 9, 0.03, 0.01, 0.05, PointOnePlusPointTwo, 0.27, 0.04, Verdict.Warn, new Interval(0.2, 0.0567, 0.5098), null),
            new("shortcut", "ruler", LayerChange, 9, OneThird, 0.25, 0.41, 0.5, 0.16666666666666666, Subnormal, Verdict.Pass, Interval.Undefined, null),
            new("shortcut", "dark-corner", CornerShift, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Warn, Interval.Undefined, NoControlNote),
        ];
        var channels = new Dictionary<string, IReadOnlyList<SelectiveChannel>>(StringComparer.Ordinal)
        {
            // Inserted out of ordinal order so the test sees the exporter sort them.
            ["model.9"] = [new SelectiveChannel("model.9", 12, 0.7, 0.95, 8, "p003"), new SelectiveChannel("model.9", 3, 0.4, 0.6, 9, "p001")],
            ["model.2"] = [new SelectiveChannel("model.2", 5, OneThird, 1.0, 9, "p007")],
        };
        PairFailure[] failures = [new("shortcut", "p010", 11, "inference", "bad <image> & \"bytes\"")];
        return new ModelAuditSummary("shortcut", "models/shortcut.onnx", 10, 9, failures, checks, channels);
    }

    public static ModelAuditSummary Clean()
    {
        CheckResult[] checks =
        [
            new("clean", "ruler", ScoreShift, 10, 0.0007, -0.002, 0.003, 0.0009, 0.0002, 0.41, Verdict.Pass, Interval.Undefined, null),
        ];
        return new ModelAuditSummary("clean", "models/clean.onnx", 10, 10, [], checks, new Dictionary<string, IReadOnlyList<SelectiveChannel>>());
    }
}
