using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Inference.Tracing;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// What an ablation did, from the two models' results in one run: every check both models have (estimate and verdict
/// before and after), and the cost on the artifact-free images both processed (the pairs' artifact-removed variants),
/// matching the source model's detections to the ablated model's as a variant's are matched to the original's.
/// </summary>
public static class AblationAuditBuilder
{
    /// <summary>
    /// The ablation audit of every model whose metadata names another audited model as its source (by that model's
    /// SHA-256, as the run's provenance hashed it), in spec order; models with no such source are left out.
    /// </summary>
    /// <param name="ablations">Per model (spec order), its ablation metadata, or null for a model not made by <c>ablate</c>.</param>
    /// <param name="cleanDetections">Per model, its artifact-free detections by pair index (pairs it processed only).</param>
    public static IReadOnlyList<AblationAudit> FindAll(
        IReadOnlyList<ModelAuditSummary> models,
        IReadOnlyList<ModelFingerprint> fingerprints,
        IReadOnlyList<AblationMetadata?> ablations,
        IReadOnlyList<IReadOnlyDictionary<int, IReadOnlyList<Detection>>> cleanDetections,
        double matchIou)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(fingerprints);
        ArgumentNullException.ThrowIfNull(ablations);
        ArgumentNullException.ThrowIfNull(cleanDetections);
        var audits = new List<AblationAudit>();
        for (int a = 0; a < models.Count; a++)
        {
            if (ablations[a] is not { } ablation)
            {
                continue;
            }

            // The first audited model with the source's hash (a model listed twice under two names is the same source).
            int source = Enumerable.Range(0, models.Count).FirstOrDefault(
                m => m != a && string.Equals(fingerprints.FirstOrDefault(f => f.Model == models[m].Model)?.Sha256, ablation.SourceSha256, StringComparison.OrdinalIgnoreCase), -1);
            if (source >= 0)
            {
                audits.Add(Build(models[source], models[a], ablation, cleanDetections[source], cleanDetections[a], matchIou));
            }
        }

        return audits;
    }

    /// <summary>The ablation audit of <paramref name="ablated"/> against its <paramref name="source"/>.</summary>
    public static AblationAudit Build(
        ModelAuditSummary source,
        ModelAuditSummary ablated,
        AblationMetadata ablation,
        IReadOnlyDictionary<int, IReadOnlyList<Detection>> sourceClean,
        IReadOnlyDictionary<int, IReadOnlyList<Detection>> ablatedClean,
        double matchIou)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ablated);
        ArgumentNullException.ThrowIfNull(ablation);
        ArgumentNullException.ThrowIfNull(sourceClean);
        ArgumentNullException.ThrowIfNull(ablatedClean);

        var reliance = new List<AblationCheckChange>();
        foreach (CheckResult before in source.Checks)
        {
            CheckResult? after = ablated.Checks.FirstOrDefault(c => c.Check.Id == before.Check.Id && c.ArtifactType == before.ArtifactType);
            if (after is not null)
            {
                reliance.Add(new AblationCheckChange(before.Check.Id, before.ArtifactType, before.Estimate, after.Estimate, before.Verdict, after.Verdict));
            }
        }

        var matcher = new DetectionMatcher(matchIou);
        int images = 0, sourceDetections = 0, changed = 0, lost = 0, gained = 0, matched = 0;
        double drift = 0;
        foreach ((int pair, IReadOnlyList<Detection> before) in sourceClean.OrderBy(kv => kv.Key))
        {
            if (!ablatedClean.TryGetValue(pair, out IReadOnlyList<Detection>? after))
            {
                continue; // the pair failed in the ablated model: no image both processed
            }

            images++;
            sourceDetections += before.Count;
            DetectionMatching matching = matcher.Match(before, after, _ => 0);
            foreach (DetectionChange change in matching.Changes)
            {
                if (change.Lost)
                {
                    lost++;
                    continue;
                }

                changed += change.Flipped ? 1 : 0;
                matched++;
                drift += change.Matched!.Score - (double)change.Original.Score;
            }

            gained += matching.NewDetections.Count;
        }

        return new AblationAudit(
            source.Model, ablated.Model, ablation.Layer, ablation.Channels, ablation.Fill, reliance,
            images, sourceDetections, changed, lost, gained, matched == 0 ? double.NaN : drift / matched);
    }
}
