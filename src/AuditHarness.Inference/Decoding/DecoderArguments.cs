using System.Globalization;

namespace AuditHarness.Inference.Decoding;

/// <summary>Checks shared by the decoders: a batch-1, rank-3 tensor whose length matches its shape, and sane thresholds.</summary>
internal static class DecoderArguments
{
    /// <returns>The two dimensions after the batch dimension.</returns>
    public static (int Rows, int Columns) Validate(
        ReadOnlySpan<float> output,
        IReadOnlyList<int> shape,
        float confidenceThreshold,
        float iouThreshold,
        int maxDetections)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count != 3 || shape[0] != 1 || shape[1] < 0 || shape[2] < 0)
        {
            throw new ArgumentException($"Expected a shape [1,R,C]; got {Format(shape)}.", nameof(shape));
        }

        if ((long)shape[1] * shape[2] != output.Length)
        {
            throw new ArgumentException(
                $"The output holds {output.Length} floats but its shape {Format(shape)} needs {(long)shape[1] * shape[2]}.",
                nameof(output));
        }

        // Ultralytics asserts the same ranges.
        if (!(confidenceThreshold is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceThreshold), confidenceThreshold, "Must be between 0 and 1.");
        }

        if (!(iouThreshold is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "Must be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxDetections);
        return (shape[1], shape[2]);
    }

    public static string Format(IReadOnlyList<int> shape) =>
        "[" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
