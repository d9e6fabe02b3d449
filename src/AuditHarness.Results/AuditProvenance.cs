using AuditHarness.Core.Specs;

namespace AuditHarness.Results;

/// <summary>
/// What a run audited and how, captured at its start so the report's cover and method section read it from the
/// frozen summary: the models' and the dataset's SHA-256, the pair count, the policy, the masking, placebo,
/// prediction and bootstrap settings, and the environment.
/// </summary>
/// <param name="DatasetSha256">
/// For a manifest dataset the manifest file's SHA-256; for an insertion dataset its <see cref="DatasetDigest"/> (the
/// originals are its only files).
/// </param>
/// <param name="PairCount">Pairs in the dataset, including manifest rows that could not become pairs.</param>
/// <param name="StartedUtc">When the run started (UTC, whole seconds): the report's date.</param>
public sealed record AuditProvenance(
    DateTime StartedUtc,
    string PolicyName,
    string DatasetKind,
    string DatasetPath,
    string DatasetSha256,
    int PairCount,
    IReadOnlyList<ModelFingerprint> Models,
    MaskingSettings Masking,
    PlaceboSettings Placebo,
    PredictionSettings Prediction,
    BootstrapSettings Bootstrap,
    RunEnvironment Environment)
{
    /// <summary>The spec's <c>description</c>: the audit's intended use; null when not given.</summary>
    public string? Description { get; init; }

    /// <summary>The policy's <c>description</c>: what the acceptance criteria are for; null when not given.</summary>
    public string? PolicyDescription { get; init; }

    /// <summary>The spec's <c>dataset.description</c>; null when not given.</summary>
    public string? DatasetDescription { get; init; }

    /// <summary>The spec's <c>dataset.synthetic</c>; null when the spec does not say.</summary>
    public bool? DatasetSynthetic { get; init; }

    /// <summary>
    /// One SHA-256 over the sorted SHA-256s of every file the pairs read (the run's <c>inputs.csv</c>; see
    /// docs/provenance.md for its exact definition); null for a summary not made by a run.
    /// </summary>
    public string? DatasetDigest { get; init; }
}
