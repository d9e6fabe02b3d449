namespace AuditHarness.Inference.Tracing;

/// <summary>
/// What a patched suffix run overrides at the cut: the layer's output takes, on <see cref="Channels"/> (all when null)
/// and within <see cref="Region"/> (everywhere when null), the values the same layer had in <see cref="Source"/>
/// (e.g. the artifact-removed variant's pass). The other crossing tensors keep the patched pass's own values.
/// </summary>
public sealed record ActivationPatch(TracedPass Source, IReadOnlyList<int>? Channels = null, PatchRegion? Region = null);
