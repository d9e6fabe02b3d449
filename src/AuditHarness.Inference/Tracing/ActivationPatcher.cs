using AuditHarness.Inference.Models;

namespace AuditHarness.Inference.Tracing;

/// <summary>Applies an <see cref="ActivationPatch"/> to a layer's output ([1, C, ...spatial]); the patched copy is returned.</summary>
public static class ActivationPatcher
{
    public static float[] Apply(TapActivation original, TapActivation source, ActivationPatch patch)
    {
        if (!original.Shape.SequenceEqual(source.Shape))
        {
            throw new ArgumentException(
                $"The patch source's '{source.TensorName}' has shape [{string.Join(",", source.Shape)}]; the patched pass has [{string.Join(",", original.Shape)}].",
                nameof(patch));
        }

        if (original.Shape.Count < 2 || original.Shape[0] != 1)
        {
            throw new ArgumentException($"Tensor '{original.TensorName}' has shape [{string.Join(",", original.Shape)}]; expected [1, C, ...].", nameof(patch));
        }

        int channels = original.Shape[1];
        int spatial = original.Values.Length / channels;
        float[]? weights = patch.Region?.CellWeights;
        if (weights is not null && weights.Length != spatial)
        {
            throw new ArgumentException(
                $"The patch region has {weights.Length} cells; layer tensor '{original.TensorName}' [{string.Join(",", original.Shape)}] has {spatial}.", nameof(patch));
        }

        bool inside = patch.Region?.Inside ?? true;
        float[] result = (float[])original.Values.Clone();
        var seen = new HashSet<int>();
        foreach (int channel in patch.Channels ?? Enumerable.Range(0, channels).ToArray())
        {
            if (channel < 0 || channel >= channels || !seen.Add(channel))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(patch), channel, $"Channel {channel} is out of range or repeated; layer tensor '{original.TensorName}' has channels 0 to {channels - 1}.");
            }

            int offset = channel * spatial;
            if (weights is null)
            {
                Array.Copy(source.Values, offset, result, offset, spatial);
                continue;
            }

            for (int s = 0; s < spatial; s++)
            {
                float w = inside ? weights[s] : 1f - weights[s];
                // Exact at the ends: a fully patched cell takes the source value bit for bit.
                result[offset + s] = w >= 1f ? source.Values[offset + s]
                    : w <= 0f ? original.Values[offset + s]
                    : original.Values[offset + s] + (w * (source.Values[offset + s] - original.Values[offset + s]));
            }
        }

        return result;
    }
}
