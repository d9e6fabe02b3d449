using System.Globalization;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Turns the frozen summary into the report model: cover and environment, checks table, charts, gallery, top
/// channels, errors, method, sign-off. It only
/// formats numbers the summary holds, by the one rule of <see cref="ReportNumber"/> (4 decimals, p below 0.0001 as
/// "&lt;0.0001", NaN, meaning no data, as "n/a").
/// </summary>
public static class ReportComposer
{
    /// <summary>How many pair failures the errors section lists; errors.csv has them all.</summary>
    public const int ListedFailures = 20;

    /// <summary>The checks table's header; the interval's column names <paramref name="confidence"/>.</summary>
    public static IReadOnlyList<string> SummaryHeader(double confidence) => ["model", "artifact", "check", "estimate", ReportText.ConfidenceLevel(confidence) + " CI", "artifact / placebo", "threshold", "p-value (Holm)", "n (clusters)", "verdict"];

    // 9 pt with a 115 pt label column leaves 380 pt, so a SHA-256 (64 hex digits) stays on one line.
    private const float CoverSize = 9f;
    private const float CoverLabelWidth = 115f;

    private const uint Green = 0xFF1E8C3A;
    private const uint Amber = 0xFFD08A00;
    private const uint Red = 0xFFC62828;
    private const uint Purple = 0xFF6A1B9A;

    /// <summary>Channels the top-channels table lists per model and layer; channels.csv has them all.</summary>
    public const int ChannelsPerTap = 5;

    /// <summary>
    /// The report in reading order, one method per section, so a new section (e.g. a baseline comparison) is one
    /// more method and one more line here.
    /// </summary>
    public static ReportDocument Compose(AuditSummary summary, DateTime date)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var blocks = new List<ReportBlock>();
        if (IsComparisonOnly(summary))
        {
            // 'compare' of two recorded runs: no models ran, so there are no checks, charts or errors of its own.
            AddCover(summary, blocks, "Regression comparison report");
            AddAuditFacts(summary, date, blocks);
            blocks.Add(new PageBreakBlock());
            BaselineSection.Add(summary, blocks);
            SignOffSection.Add(summary, blocks);
            return new ReportDocument("Regression comparison: " + summary.AuditName, "AuditHarness", date, blocks) { Footer = ReportIdentity.Footer(summary) };
        }

        AddCover(summary, blocks, "Spurious-feature audit report");
        FrontPageSection.Add(summary, blocks);
        blocks.Add(new PageBreakBlock());
        blocks.Add(new HeadingBlock("Audit identification"));
        AddAuditFacts(summary, date, blocks);
        ScopeSection.Add(summary, blocks);
        DatasetSection.Add(summary, blocks);
        ModelIdentificationSection.Add(summary, blocks);
        AddEnvironment(summary, blocks);
        blocks.Add(new PageBreakBlock());
        AddSummaryTable(summary, blocks);
        AddCharts(summary, blocks);
        AddGallery(summary, blocks);
        AddTopChannels(summary, blocks);
        TraceSection.Add(summary, blocks);
        BaselineSection.Add(summary, blocks);
        HistorySection.Add(summary, blocks);
        AddErrors(summary, blocks);
        AddMethod(summary, blocks);
        AcceptanceCriteriaSection.Add(summary, blocks);
        LimitationsSection.Add(summary, blocks);
        SignOffSection.Add(summary, blocks);
        return new ReportDocument("Spurious-feature audit: " + summary.AuditName, "AuditHarness", date, blocks) { Footer = ReportIdentity.Footer(summary) };
    }

    /// <summary>The overall verdict as the report shows it: BROKEN when too many pairs failed, else PASS/WARN/FAIL.</summary>
    public static string OverallVerdict(AuditSummary summary) => VerdictText.Of(summary.Verdict, summary.IsBroken);

    /// <summary>
    /// The confidence level of the summary's intervals (checks, charts, verdict rule): the run's bootstrap setting, the
    /// default when the summary was made outside a run.
    /// </summary>
    private static double IntervalConfidence(AuditSummary summary) =>
        summary.Bootstrap?.Confidence ?? summary.Provenance?.Bootstrap.Confidence ?? BootstrapInterval.DefaultConfidence;

    /// <summary>A summary that holds only a comparison of two recorded runs (what <c>compare</c> writes).</summary>
    private static bool IsComparisonOnly(AuditSummary summary) => summary.Models.Count == 0 && summary.Baseline is not null;

    private static void AddCover(AuditSummary summary, List<ReportBlock> blocks, string title)
    {
        string verdict = OverallVerdict(summary);
        uint color = summary.IsBroken ? Purple : summary.Verdict switch { Verdict.Pass => Green, Verdict.Warn => Amber, _ => Red };
        blocks.Add(new ParagraphBlock(title, 22f, Bold: true));
        blocks.Add(new ParagraphBlock(summary.AuditName, 16f));
        blocks.Add(new ParagraphBlock("Overall verdict", 12f, Bold: true, Color: 0xFF606060));
        blocks.Add(new ParagraphBlock(verdict, 40f, Bold: true, Color: color));
    }

    private static void AddAuditFacts(AuditSummary summary, DateTime date, List<ReportBlock> blocks)
    {
        AuditProvenance? provenance = summary.Provenance;
        var entries = new List<KeyValuePair<string, string>>
        {
            new("audit", summary.AuditName),
            new("date (UTC)", provenance is null && date == PdfReportRenderer.DefaultDate ? "not recorded (summary made outside a run)" : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        };
        if (provenance is not null)
        {
            entries.Add(new("policy", provenance.PolicyName));
            entries.Add(new("dataset", $"{provenance.DatasetKind} {DatasetSection.SourceText(provenance.DatasetPath)}"));
            entries.Add(new(provenance.DatasetKind == "manifest" ? "manifest SHA-256" : "dataset digest", provenance.DatasetSha256));
            entries.Add(new("pairs in the dataset", Int(provenance.PairCount)));
            // The informational version ends in "+<commit>"; the commit gets its own words so it is not shown twice.
            string version = provenance.Environment.HarnessVersion.Split('+')[0];
            entries.Add(new("harness", $"version {version}, commit {provenance.Environment.HarnessCommit}"));
        }

        entries.Add(new("maximum error rate", Number(summary.MaxErrorRate)));
        blocks.Add(new KeyValueBlock("audit", entries, CoverSize, CoverLabelWidth));
    }

    private static void AddEnvironment(AuditSummary summary, List<ReportBlock> blocks)
    {
        if (summary.Provenance?.Environment is not { } environment)
        {
            return;
        }

        blocks.Add(new HeadingBlock("Environment"));
        blocks.Add(new KeyValueBlock("environment",
        [
            new("operating system", environment.OperatingSystem),
            new("CPU", $"{environment.CpuModel} ({Int(environment.CoreCount)} cores)"),
            new(".NET runtime", environment.DotnetRuntime),
            new("ONNX Runtime", environment.OnnxRuntimeVersion),
            new("OpenCV", environment.OpenCvVersion),
            new("harness version", environment.HarnessVersion),
            new("harness commit", environment.HarnessCommit),
        ], CoverSize, CoverLabelWidth));
    }

    private static void AddSummaryTable(AuditSummary summary, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Checks"));
        blocks.Add(new ParagraphBlock("One row per model, artifact type and policy check. The estimate is the reliance, artifact effect minus placebo effect (both printed beside it): for the detection metrics pooled over all original detections of the pairs (a rate such as flips per original detection), for the layer metrics a mean over pairs. The interval is a cluster bootstrap; n counts pairs with a value and, in brackets, the clusters resampled (subjects, or pairs where the manifest names none); the p-value is one-sided and descriptive, with in brackets its Holm adjustment over the model's checks. Numbers have four decimals (summary.csv has them in full), a p-value below 0.0001 reads <0.0001, n/a means no data."));
        var units = summary.Models.SelectMany(m => m.Checks).Where(c => c.Clusters > 0).Select(c => c.ResampledUnit).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (units.Length > 0)
        {
            blocks.Add(new ParagraphBlock($"Resampled unit: {string.Join(", ", units)}."));
        }

        var rows = new List<TableRow>();
        foreach (ModelAuditSummary model in summary.Models)
        {
            foreach (CheckResult check in model.Checks)
            {
                string threshold = (check.Check.Direction == ThresholdDirection.Max ? "max " : "min ") + Number(check.Check.Threshold);
                rows.Add(new TableRow(
                [
                    model.Model,
                    check.ArtifactType,
                    check.Check.Id,
                    Number(check.Estimate),
                    double.IsNaN(check.Low) || double.IsNaN(check.High) ? "n/a" : $"[{Number(check.Low)}, {Number(check.High)}]",
                    $"{Number(check.ArtifactEffect)} / {Number(check.PlaceboEffect)}",
                    threshold,
                    $"{ReportNumber.PValue(check.PValue)} ({ReportNumber.PValue(check.HolmPValue)})",
                    $"{Int(check.Pairs)} ({Int(check.Clusters)})",
                    VerdictText.Of(check.Verdict),
                ], VerdictFill(check.Verdict)));
            }
        }

        blocks.Add(new TableBlock("checks", SummaryHeader(IntervalConfidence(summary)), [40f, 44f, 58f, 48f, 80f, 64f, 54f, 56f, 40f, 70f], rows));
        blocks.Add(new ParagraphBlock(ControlsSentence(summary)));
    }

    /// <summary>
    /// Which placebo control the pairs behind each model's artifact types had: shifted (the mask's shape moved within the
    /// image) or transplant (the mask removed from another image lacking the artifact), so a reader knows what the
    /// placebo effect of each row means.
    /// </summary>
    public static string ControlsSentence(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        IEnumerable<string> parts = summary.Models.Select(model => model.Model + ": " + string.Join(", ", model.Checks
            .GroupBy(c => c.ArtifactType, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {string.Join(" / ", g.Select(c => c.Controls.Describe()).Distinct(StringComparer.Ordinal))}")));
        return "Placebo control of the pairs behind the estimates (shifted: the mask's shape moved onto background of the same image; transplant: the mask removed from another image of the dataset that lacks the artifact type; none: no control, so nothing judged): "
            + string.Join("; ", parts) + ".";
    }

    private static void AddCharts(AuditSummary summary, List<ReportBlock> blocks)
    {
        double confidence = IntervalConfidence(summary);
        ChartBlock[] charts = [.. summary.Models.SelectMany(m => ReportCharts.For(m, confidence))];
        if (charts.Length == 0)
        {
            return;
        }

        blocks.Add(new PageBreakBlock());
        blocks.Add(new HeadingBlock("Charts"));
        blocks.Add(new ParagraphBlock($"Artifact (red) against placebo (grey) for every model and artifact type. Score drop per pair: box from the lower to the upper quartile, line at the median, whiskers to the extremes, every pair as a point beside its box, up to {Int(PointSample.MaxPoints)} per box; beyond that {Int(PointSample.MaxPoints)} evenly spaced order statistics (the smallest, the largest and equal rank steps between), and the tick label then gives the points drawn under the pairs ('{ReportCharts.SampledLabel} {Int(PointSample.MaxPoints)} / {Int(PointSample.MaxPoints)}' under 'n 1000 / 1000'); the box and whiskers are always of every pair.{SampledNote(summary)} Layers: mean over pairs with its {ReportText.ConfidenceLevel(confidence)} cluster-bootstrap interval (subjects resampled, as in the checks), shallow to deep. Rates: each rate check's reliance (artifact minus placebo, pooled over the original detections) with its {ReportText.ConfidenceLevel(confidence)} cluster-bootstrap interval and its value printed, the very numbers of the checks table."));
        blocks.AddRange(charts);
    }

    /// <summary>" Here k of the m boxes draw a sample of their pairs ...", or nothing when every box draws every pair.</summary>
    private static string SampledNote(AuditSummary summary)
    {
        (BoxSummary Box, IReadOnlyList<double> Values)[] boxes = [.. summary.Models.SelectMany(m => m.Profiles)
            .SelectMany(p => new[] { (p.ScoreShiftArtifactBox, p.ScoreShiftArtifact), (p.ScoreShiftPlaceboBox, p.ScoreShiftPlacebo) })
            .Where(b => b.Item1.Count > 0)];
        int[] sampled = [.. boxes.Where(b => ReportCharts.IsSampled(b.Box, b.Values)).Select(b => b.Box.Count)];
        return sampled.Length == 0
            ? string.Empty
            : $" Here {Int(sampled.Length)} of the {Int(boxes.Length)} boxes draw a sample of their pairs as points, the largest box holding {Int(sampled.Max())} pairs.";
    }

    private static void AddGallery(AuditSummary summary, List<ReportBlock> blocks) => GallerySection.Add(summary, blocks);

    private static void AddTopChannels(AuditSummary summary, List<ReportBlock> blocks)
    {
        var rows = new List<TableRow>();
        foreach (ModelAuditSummary model in summary.Models)
        {
            foreach ((string tap, IReadOnlyList<SelectiveChannel> channels) in model.TopChannels.OrderBy(kv => TapOrder.ModuleIndex(kv.Key) ?? int.MaxValue).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                // Each artifact type has its own ranking: the channels rulers drive are not those dark corners drive.
                foreach (IGrouping<string, SelectiveChannel> ranking in channels.GroupBy(c => c.ArtifactType, StringComparer.Ordinal))
                {
                    int rank = 0;
                    foreach (SelectiveChannel channel in ranking.Take(ChannelsPerTap))
                    {
                        rows.Add(new TableRow([model.Model, ranking.Key, tap, Int(++rank), Int(channel.Channel), Number(channel.MeanSelectivity), Number(channel.MaxSelectivity), Int(channel.Pairs), channel.MaxPairId]));
                    }
                }
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        blocks.Add(new HeadingBlock("Top artifact-selective channels"));
        blocks.Add(new ParagraphBlock($"Per model, artifact type and tapped layer, the {Int(ChannelsPerTap)} channels whose activations change most on the artifact region relative to elsewhere when the artifact is removed, ranked on that artifact type's pairs (selectivity: mean |D| on the region over mean |D| off it, a ratio without unit, 1 meaning no preference for the region; channels.csv lists them all)."));
        blocks.Add(new TableBlock("top channels", ["model", "artifact", "layer", "rank", "channel", "mean selectivity", "max selectivity", "pairs", "max pair"], [1.2f, 1f, 0.9f, 0.5f, 0.7f, 1f, 1f, 0.6f, 1f], rows));
    }

    private static void AddErrors(AuditSummary summary, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Errors"));
        blocks.Add(new TableBlock("errors per model", ["model", "pairs attempted", "pairs failed", "error rate", "maximum"],
            [2f, 1f, 1f, 1f, 1f],
            [.. summary.Models.Select(m => new TableRow(
                [m.Model, Int(m.PairsAttempted), Int(m.Failures.Count), Number(m.ErrorRate), Number(summary.MaxErrorRate)],
                m.ErrorRate > summary.MaxErrorRate ? 0xFFF4C7C3 : 0u))]));
        List<PairFailure> failures = [.. summary.Models.SelectMany(m => m.Failures)];
        if (failures.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No pair failed."));
            return;
        }

        blocks.Add(new ParagraphBlock($"The first {Int(Math.Min(ListedFailures, failures.Count))} of {Int(failures.Count)} failed pairs (errors.csv lists them all):"));
        blocks.Add(new TableBlock("failed pairs", ["model", "pair id", "stage", "message"], [1.2f, 1f, 1f, 3.5f],
            [.. failures.Take(ListedFailures).Select(f => new TableRow([f.Model, f.PairId ?? "(none)", f.Stage, f.Message]))]));
    }

    private const string ClusterSentence = "It resamples whole clusters and recomputes the estimate: a cluster is a subject (the manifest's subject_id, e.g. one patient) or, for a pair without one, the pair itself, so several pairs of one subject count as one draw and the interval is as wide as the number of subjects warrants; the checks table gives the number of clusters.";

    private const string PValueSentence = "The p-value is a one-sided Wilcoxon signed-rank test over the clusters' reliances (each subject's pooled artifact minus placebo effect) against no effect. It is descriptive and decides nothing: the verdict is decided by the interval against the threshold alone, and a small p-value only says the effect is unlikely to be zero, not that it is above the threshold. As every check of a model is tested at once, the table gives beside it (in brackets) the p-value adjusted by Holm's method over that model's checks, which keeps the chance of any false finding among them at the nominal level.";

    /// <summary>When an interval is linearised instead (<see cref="ClusterInterval"/>); summary.json names each interval's method.</summary>
    private static string LinearisedSentence(int largeSampleClusters) =>
        $"Intervals over {Int(largeSampleClusters)} or more clusters are linearised instead (estimate ± z × the cluster-robust standard error of the ratio, as survey statistics computes it, which agrees with the bootstrap at that size), unless fewer than {Int(ClusterInterval.MinimumClustersEachSide)} clusters lie on either side of the estimate (a rare event), where the bootstrap is kept; summary.json names the method of each interval.";

    private static void AddMethod(AuditSummary summary, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Method"));
        AuditProvenance? provenance = summary.Provenance;
        var sentences = new List<string>
        {
            "Each image pair holds an original with the artifact and a variant with it removed; a placebo patch of the artifact's shape, removed the same way where it covers nothing of interest, is the control. The reliance estimate of a check is the artifact effect minus the placebo effect, so changes any edit would cause are subtracted: for the detection metrics pooled over all original detections of the pairs (a ratio estimator: summed events or score drops over summed detections, a pair's placebos averaged), for the layer metrics averaged over pairs.",
        };
        if (provenance is not null)
        {
            sentences.Add($"Masking: method {SpecEnum.Name(provenance.Masking.Method)}, inpainting radius {Int(provenance.Masking.InpaintRadius)} px, mask dilated by {Int(provenance.Masking.Dilate)} px. {MaskingSentence(provenance.Masking.Method)}");
            sentences.Add($"Placebo rule: {Int(provenance.Placebo.PerPair)} placebo(s) per pair; the artifact's exact mask shape is moved, among up to {Int(provenance.Placebo.MaxAttempts)} random shifts (seed {Int(provenance.Placebo.Seed)} mixed with the pair id), to the least textured place that stays at least {Int(provenance.Placebo.Margin)} px from the artifact{(provenance.Placebo.AvoidDetections ? " and from the original's detections" : string.Empty)}, and removed like the artifact (Telea inpainting when the artifact-removed image is read from the dataset); a pair where no placebo fits has no control and is left out of the checks.");
            sentences.Add($"Detections: score above {Number(provenance.Prediction.Confidence)}, NMS IoU {Number(provenance.Prediction.Iou)}; a variant's detection matches an original one at IoU {Number(provenance.Prediction.MatchIou)} or more (same class first).");
            sentences.Add($"Statistics: the interval is a {ReportText.ConfidenceLevel(provenance.Bootstrap.Confidence)} percentile cluster bootstrap ({Int(provenance.Bootstrap.Resamples)} resamples, seed {Int(provenance.Bootstrap.Seed)}). {ClusterSentence} {LinearisedSentence(provenance.Bootstrap.LargeSampleClusters)}");
        }
        else
        {
            sentences.Add($"Statistics: the interval is a percentile cluster bootstrap. {ClusterSentence}");
        }

        sentences.Add(PValueSentence);

        sentences.AddRange(MetricCatalog.All.Select(m => m.Glossary));
        sentences.Add(ScoreSourceSentence(summary));
        sentences.Add($"Verdict rule: a check FAILs when its whole {ReportText.ConfidenceLevel(IntervalConfidence(summary))} confidence interval is on the wrong side of the threshold, WARNs when only the point estimate is, is INCONCLUSIVE when no pair had both effects (n = 0; this fails the gate like FAIL unless the policy check says onNoData: warn, which makes it WARN), and PASSes otherwise. The audit is BROKEN when a model's share of failed pairs exceeds the maximum error rate.");
        foreach (string sentence in sentences)
        {
            blocks.Add(new ParagraphBlock(sentence));
        }

    }

    /// <summary>Where each model's score drops were read; a model that fell back to matched scores is named as such.</summary>
    private static string ScoreSourceSentence(AuditSummary summary)
    {
        string sources = string.Join("; ", summary.Models.Select(m => $"{m.Model}: {m.ScoreSource.Name()}"));
        string sentence = $"Score source ({sources}). Every score number is a drop, original minus variant: positive means the model leaned on what was removed.";
        return summary.Models.Any(m => m.ScoreSource == ScoreSource.MatchedDetectionScore)
            ? sentence + " For a model read by matched detection score, the per-anchor class scores of its head could not be found, so a detection that changes class keeps the other class's score and a flip can hide a drop."
            : sentence;
    }

    private static string MaskingSentence(MaskingMethod method) => method switch
    {
        MaskingMethod.Given => "The artifact-removed image is read from the dataset as given.",
        MaskingMethod.Counterfactual => "The artifact-removed image is a true counterfactual read from the dataset (the same scene without the artifact); placebos are inpainted with Telea.",
        MaskingMethod.InpaintNs => "The artifact is removed by Navier-Stokes inpainting of its mask.",
        MaskingMethod.FillMean => "The artifact's mask is filled with the image's mean colour.",
        MaskingMethod.Blur => "The artifact's mask is blurred away.",
        _ => "The artifact is removed by Telea inpainting of its mask.",
    };

    private static uint VerdictFill(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0xFFDFF2E1,
        Verdict.Warn => 0xFFFFF1CC,
        Verdict.Inconclusive => 0xFFE8E0F0,
        _ => 0xFFF8D7D5,
    };

    private static string Number(double value) => ReportNumber.Format(value);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
