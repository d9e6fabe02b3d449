namespace AuditHarness.Inference.Tracing;

/// <summary>What <see cref="ModelAblator.Ablate"/> wrote.</summary>
/// <param name="OutputPath">The ablated model file.</param>
/// <param name="Layer">The ablated layer, <c>model.N</c>.</param>
/// <param name="ChannelCount">Channels of the layer's output.</param>
/// <param name="Channels">The ablated channels.</param>
/// <param name="Fill">What they were replaced by.</param>
/// <param name="FillValues">The constant per ablated channel, in <paramref name="Channels"/> order.</param>
/// <param name="FillSource">Where the constants come from, as written into the metadata.</param>
/// <param name="SourceSha256">SHA-256 of the source model file, lowercase hex.</param>
public sealed record AblationResult(
    string OutputPath,
    string Layer,
    int ChannelCount,
    IReadOnlyList<int> Channels,
    AblationFill Fill,
    IReadOnlyList<float> FillValues,
    string FillSource,
    string SourceSha256);
