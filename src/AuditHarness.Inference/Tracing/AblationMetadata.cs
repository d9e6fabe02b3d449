using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// What <see cref="ModelAblator"/> wrote into an ablated model's metadata: the layer, the channels, the fill and the
/// source model's SHA-256, by which a run that audits both models pairs them.
/// </summary>
public sealed record AblationMetadata(string Layer, IReadOnlyList<int> Channels, string Fill, string SourceModel, string SourceSha256)
{
    /// <summary>
    /// The ablation metadata of the model at <paramref name="modelPath"/>; null when the model was not made by
    /// <c>ablate</c> (no <see cref="ChannelAblation.SourceSha256Key"/>). Reads only the model's protobuf, no session.
    /// </summary>
    public static AblationMetadata? Read(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ModelProto proto;
        try
        {
            using FileStream stream = File.OpenRead(modelPath);
            proto = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidProtocolBufferException)
        {
            throw new AuditInputException($"Model '{modelPath}' could not be read for its ablation metadata ({e.Message.TrimEnd('.')}); expected a readable ONNX file.", e);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (StringStringEntryProto entry in proto.MetadataProps)
        {
            metadata[entry.Key] = entry.Value; // the last value wins, as in OnnxModelGraph
        }

        return From(metadata, modelPath);
    }

    /// <summary>The ablation metadata among <paramref name="metadata"/>; null when there is none.</summary>
    public static AblationMetadata? From(IReadOnlyDictionary<string, string> metadata, string modelName)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(ChannelAblation.SourceSha256Key, out string? sha))
        {
            return null;
        }

        string Value(string key) => metadata.TryGetValue(key, out string? value)
            ? value
            : throw new AuditInputException($"Model '{modelName}' names an ablation source but has no '{key}' metadata; expected every auditharness_ablation_* key that 'ablate' writes.");

        string channelsText = Value(ChannelAblation.ChannelsKey);
        int[] channels;
        try
        {
            channels = channelsText.Length == 0 ? [] : [.. channelsText.Split(',').Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new AuditInputException($"Model '{modelName}' has '{ChannelAblation.ChannelsKey}' = '{channelsText}'; expected comma-separated channel indices.", e);
        }

        return new AblationMetadata(Value(ChannelAblation.LayerKey), channels, Value(ChannelAblation.FillKey), metadata.GetValueOrDefault(ChannelAblation.SourceModelKey, string.Empty), sha);
    }
}
