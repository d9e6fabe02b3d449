using AuditHarness.Core.Detections;

namespace AuditHarness.Inference.Decoding;

/// <summary>Decodes <c>[1,A,5+nc]</c> outputs of YOLOv5-repository exports: rows cx, cy, w, h, objectness, nc class scores.</summary>
/// <remarks>
/// As YOLOv5 <c>non_max_suppression</c> with multi_label=False: a row is a candidate when objectness is strictly above
/// the threshold; class scores are multiplied by objectness (float32); the best class is kept when its product is
/// strictly above the threshold; then per-class NMS.
/// </remarks>
public sealed class YoloV5Decoder : IOutputDecoder
{
    public const int LeadingValues = 5;

    public OutputFamily Family => OutputFamily.YoloV5;

    public IReadOnlyList<RawDetection> Decode(
        ReadOnlySpan<float> output,
        IReadOnlyList<int> shape,
        float confidenceThreshold,
        float iouThreshold,
        int maxDetections = 300)
    {
        (int rows, int rowLength) = DecoderArguments.Validate(output, shape, confidenceThreshold, iouThreshold, maxDetections);
        int classCount = rowLength - LeadingValues;
        if (classCount < 1)
        {
            throw new ArgumentException($"Expected [1,A,5+nc] with nc >= 1; got {DecoderArguments.Format(shape)}.", nameof(shape));
        }

        var candidates = new List<RawDetection>();
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> values = output.Slice(row * rowLength, rowLength);
            float objectness = values[4];
            if (!(objectness > confidenceThreshold))
            {
                continue;
            }

            int bestClass = 0;
            float bestScore = values[LeadingValues] * objectness;
            for (int classId = 1; classId < classCount; classId++)
            {
                float score = values[LeadingValues + classId] * objectness;
                if (score > bestScore)
                {
                    bestScore = score;
                    bestClass = classId;
                }
            }

            if (bestScore > confidenceThreshold)
            {
                candidates.Add(new RawDetection(bestClass, bestScore, BoundingBox.FromCenter(values[0], values[1], values[2], values[3]), row));
            }
        }

        return NonMaximumSuppression.Apply(candidates, iouThreshold, maxDetections);
    }
}
