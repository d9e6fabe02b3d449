namespace AuditHarness.Results;

/// <summary>A traced layer of one artifact type: its width and the channels ranked on the selection half, most selective first.</summary>
/// <param name="ChannelCount">Channels of the layer's output.</param>
/// <param name="RankedChannels">Channel indices by mean selectivity on the selection pairs, descending (at most the largest k traced).</param>
public sealed record TraceLayer(string ArtifactType, string Layer, int ChannelCount, IReadOnlyList<int> RankedChannels);
