using System.Buffers;
using AuditHarness.Core.Detections;

namespace AuditHarness.Inference.Decoding;

/// <summary>
/// Decodes <c>[1,4+nc,A]</c> outputs (YOLOv8, YOLO11): for each anchor column cx, cy, w, h then nc class scores,
/// channel-major (value c of anchor a at <c>c*A + a</c>).
/// </summary>
/// <remarks>
/// As Ultralytics <c>non_max_suppression</c> with multi_label=False: an anchor is a candidate when its best class score
/// is strictly above the threshold (<c>prediction[:, 4:mi].amax(1) &gt; conf_thres</c>); it takes that class (the lowest
/// id on a tie, as torch's max); boxes go from centre-size to corners; then per-class NMS.
/// </remarks>
public sealed class AnchorGridDecoder : IOutputDecoder
{
    public const int BoxChannels = 4;

    public OutputFamily Family => OutputFamily.AnchorGrid;

    public IReadOnlyList<RawDetection> Decode(
        ReadOnlySpan<float> output,
        IReadOnlyList<int> shape,
        float confidenceThreshold,
        float iouThreshold,
        int maxDetections = 300)
    {
        (int channels, int anchors) = DecoderArguments.Validate(output, shape, confidenceThreshold, iouThreshold, maxDetections);
        int classCount = channels - BoxChannels;
        if (classCount < 1)
        {
            throw new ArgumentException($"Expected [1,4+nc,A] with nc >= 1; got {DecoderArguments.Format(shape)}.", nameof(shape));
        }

        float[] bestScores = ArrayPool<float>.Shared.Rent(anchors);
        int[] bestClasses = ArrayPool<int>.Shared.Rent(anchors);
        try
        {
            // Class-major passes read the tensor in memory order, which matters at 80 x 8400.
            output.Slice(BoxChannels * anchors, anchors).CopyTo(bestScores);
            Array.Clear(bestClasses, 0, anchors);
            for (int classId = 1; classId < classCount; classId++)
            {
                ReadOnlySpan<float> scores = output.Slice((BoxChannels + classId) * anchors, anchors);
                for (int anchor = 0; anchor < anchors; anchor++)
                {
                    if (scores[anchor] > bestScores[anchor])
                    {
                        bestScores[anchor] = scores[anchor];
                        bestClasses[anchor] = classId;
                    }
                }
            }

            var candidates = new List<RawDetection>();
            for (int anchor = 0; anchor < anchors; anchor++)
            {
                float score = bestScores[anchor];
                if (score > confidenceThreshold)
                {
                    var box = BoundingBox.FromCenter(
                        output[anchor], output[anchors + anchor], output[2 * anchors + anchor], output[3 * anchors + anchor]);
                    candidates.Add(new RawDetection(bestClasses[anchor], score, box, anchor));
                }
            }

            return NonMaximumSuppression.Apply(candidates, iouThreshold, maxDetections);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(bestClasses);
            ArrayPool<float>.Shared.Return(bestScores);
        }
    }
}
