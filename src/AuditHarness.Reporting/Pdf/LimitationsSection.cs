using System.Globalization;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Limitations and deviations", generated from the run, never written by hand: every WARN and INCONCLUSIVE with its
/// cause, every artifact type judged without its preferred (shifted) placebo control, every check on fewer than
/// <see cref="SmallN"/> pairs, how the artifact was removed, synthetic data, failed pairs, a fallback score source.
/// </summary>
public static class LimitationsSection
{
    /// <summary>Below this many pairs a check's interval rests on few pairs and is named here.</summary>
    public const int SmallN = 30;

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        blocks.Add(new HeadingBlock("Limitations and deviations"));
        IReadOnlyList<string> items = Items(summary);
        if (items.Count == 0)
        {
            blocks.Add(new ParagraphBlock("None found: every check passed on at least " + Int(SmallN) + " pairs with a shifted placebo control."));
            return;
        }

        foreach (string item in items)
        {
            blocks.Add(new ParagraphBlock("- " + item, 9f));
        }
    }

    /// <summary>The limitations in report order: verdicts, controls, small n, removal method, data, failures, score source.</summary>
    public static IReadOnlyList<string> Items(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var items = new List<string>();
        foreach (ModelAuditSummary model in summary.Models)
        {
            string role = model.Role == ModelRole.Reference ? " (reference)" : string.Empty;
            foreach (CheckResult check in model.Checks.Where(c => c.Verdict is Verdict.Warn or Verdict.Inconclusive))
            {
                items.Add($"{model.Model}{role}: {CheckReason.Line(check)}. {CheckReason.Why(check)}");
            }
        }

        // Controls and n are properties of the pairs, the same for every model: named once per artifact type.
        foreach (IGrouping<string, CheckResult> type in summary.Models.SelectMany(m => m.Checks).GroupBy(c => c.ArtifactType, StringComparer.Ordinal))
        {
            int transplant = type.Max(c => c.Controls.Transplant);
            int shifted = type.Max(c => c.Controls.Shifted);
            if (transplant == 0 && shifted == 0)
            {
                items.Add($"{type.Key}: no placebo control for any pair (no placebo fits), so its checks judged nothing.");
            }
            else if (transplant > 0)
            {
                items.Add($"{type.Key}: {Int(transplant)} of {Int(transplant + shifted)} pairs have a transplanted placebo (the mask removed from another image that lacks the artifact) instead of the preferred shifted one (the same image), as no shifted placement fits; the control then differs from the pair in image as well as place.");
            }

            int minimum = type.Min(c => c.Pairs);
            if (minimum > 0 && minimum < SmallN)
            {
                CheckResult smallest = type.MinBy(c => c.Pairs)!;
                items.Add($"{type.Key}: n = {Int(minimum)} pairs ({Int(smallest.Clusters)} {smallest.ResampledUnit} clusters), below {Int(SmallN)}: its intervals rest on few pairs and may be wide or unstable.");
            }
        }

        if (summary.Provenance is { } provenance)
        {
            items.Add(RemovalSentence(provenance.Masking.Method, provenance.DatasetKind));
            if (provenance.DatasetSynthetic == true)
            {
                items.Add("The images are synthetic (spec dataset.synthetic): the reliances measured here may not carry over to real images.");
            }
            else if (provenance.DatasetSynthetic is null)
            {
                items.Add("The spec does not say whether the images are synthetic or real (dataset.synthetic); a reviewer should know before relying on the result.");
            }

            if (provenance.DatasetKind == "insertion")
            {
                items.Add("The artifact is drawn by the harness, not photographed: the audit asks whether this synthetic artifact moves the models, which may differ from real artifacts.");
            }
        }

        foreach (ModelAuditSummary model in summary.Models.Where(m => m.Failures.Count > 0))
        {
            items.Add($"{model.Model}: {Int(model.Failures.Count)} of {Int(model.PairsAttempted)} pairs failed to process (error rate {CheckReason.Number(model.ErrorRate)}, maximum {CheckReason.Number(summary.MaxErrorRate)}) and are behind no estimate (see Errors).");
        }

        foreach (ModelAuditSummary model in summary.Models.Where(m => m.ScoreSource == ScoreSource.MatchedDetectionScore))
        {
            items.Add($"{model.Model}: score drops read from matched detections (its head's per-anchor class scores could not be found), so a class flip can hide a score drop.");
        }

        return items;
    }

    private static string RemovalSentence(MaskingMethod method, string datasetKind) => method switch
    {
        MaskingMethod.Counterfactual => datasetKind == "insertion"
            ? "Removal by counterfactual: the clean original is the image without the drawn artifact, so the removal itself changes nothing else."
            : "Removal by counterfactual: the dataset's own image without the artifact; the result holds for counterfactuals as good as these, and data without them must be audited by inpainting, which can give other values.",
        MaskingMethod.Given => "Removal by the dataset's given masked images, as supplied: how they were made is outside the audit.",
        _ => $"Removal by {Core.Specs.Validation.SpecEnum.Name(method)} of the mask, not a true counterfactual: the filled region is not what the scene would show without the artifact; the placebo is removed the same way, which cancels the filling's own effect only on average.",
    };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
