using System.Globalization;
using AuditHarness.Core.Detections;

namespace AuditHarness.Inference.Decoding;

/// <summary>
/// Decodes <c>[1,N,6]</c> end-to-end outputs (YOLO26, YOLOv10): rows x1, y1, x2, y2, score, class in input pixels,
/// already de-duplicated by the head, so no NMS.
/// </summary>
/// <remarks>
/// Ultralytics keeps <c>pred[pred[:, 4] &gt; conf_thres][:max_det]</c> (ultralytics/utils/nms.py, end2end branch):
/// strictly above the threshold. The head emits rows by score already; the stable sort here only makes that a
/// guarantee, and leaves the head's order alone for equal scores. <paramref name="iouThreshold"/> is checked but unused.
/// </remarks>
public sealed class EndToEndDecoder : IOutputDecoder
{
    public const int RowLength = 6;

    public OutputFamily Family => OutputFamily.EndToEnd;

    public IReadOnlyList<RawDetection> Decode(
        ReadOnlySpan<float> output,
        IReadOnlyList<int> shape,
        float confidenceThreshold,
        float iouThreshold,
        int maxDetections = 300)
    {
        (int rows, int columns) = DecoderArguments.Validate(output, shape, confidenceThreshold, iouThreshold, maxDetections);
        if (columns != RowLength)
        {
            throw new ArgumentException($"Expected rows of {RowLength} values [1,N,{RowLength}]; got {DecoderArguments.Format(shape)}.", nameof(shape));
        }

        var kept = new List<RawDetection>();
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> values = output.Slice(row * RowLength, RowLength);
            float score = values[4];
            if (score > confidenceThreshold)
            {
                // Converting NaN or an out-of-range value to int gives a valid-looking class, so refuse it first.
                if (!float.IsFinite(values[5]) || values[5] < 0 || values[5] > int.MaxValue)
                {
                    throw new InvalidModelOutputException(string.Create(CultureInfo.InvariantCulture, $"row {row} of the output has the class value {values[5]}; expected a class id."));
                }

                var box = new BoundingBox(values[0], values[1], values[2], values[3]);
                kept.Add(new RawDetection((int)MathF.Round(values[5]), score, box, row));
            }
        }

        // List.Sort is not stable; OrderByDescending is.
        return kept.OrderByDescending(detection => detection.Score).Take(maxDetections).ToArray();
    }
}
