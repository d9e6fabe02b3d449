namespace AuditHarness.Core.Specs;

/// <summary>
/// A validated audit specification (<c>audits/&lt;name&gt;.audit.json</c>): which models, which layers, which
/// pairs, how the artifact is removed, the placebo, thresholds and the policy. Paths are absolute, with the
/// text as written kept for messages. Read it with <see cref="AuditSpecLoader"/>; field meanings, defaults
/// and limits are in <see cref="AuditSpecOptions"/>.
/// </summary>
public sealed record AuditSpec
{
    /// <summary>The spec file itself, <see cref="SpecPath.Text"/> as given to the loader.</summary>
    public required SpecPath Source { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>One or more models; the single-<c>model</c> form becomes one entry named after the file.</summary>
    public required IReadOnlyList<AuditedModel> Models { get; init; }

    /// <summary>Module or tensor names to tap; empty lets the engine choose (at least the policy's layers).</summary>
    public required IReadOnlyList<string> Taps { get; init; }

    public required DatasetSource Dataset { get; init; }

    /// <summary>What the data is and where it comes from (<c>dataset.description</c>), for the report; null when not given.</summary>
    public string? DatasetDescription { get; init; }

    /// <summary>Whether the images are synthetic (<c>dataset.synthetic</c>); null when the spec does not say.</summary>
    public bool? DatasetSynthetic { get; init; }

    /// <summary>The largest image, in pixels, that is decoded (<c>dataset.maxPixels</c>); larger ones are refused from their header.</summary>
    public int MaxPixels { get; init; } = AuditSpecOptions.DefaultMaxPixels;

    /// <summary>How DICOM images are rendered (<c>dataset.dicom</c>).</summary>
    public DicomSettings Dicom { get; init; } = DicomSettings.Default;

    public required MaskingSettings Masking { get; init; }

    public required PlaceboSettings Placebo { get; init; }

    public required PredictionSettings Prediction { get; init; }

    public required PolicyReference Policy { get; init; }

    /// <summary>The largest share of pairs that may fail to process before the run counts as broken.</summary>
    public required double MaxErrorRate { get; init; }

    /// <summary>The run's output folder.</summary>
    public required SpecPath Output { get; init; }

    public required BootstrapSettings Bootstrap { get; init; }

    /// <summary>Causal tracing (the <c>trace</c> section); null when the spec has none.</summary>
    public TraceSettings? Trace { get; init; }
}
