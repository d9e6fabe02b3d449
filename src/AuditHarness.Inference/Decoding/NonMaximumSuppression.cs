using AuditHarness.Core.Detections;

namespace AuditHarness.Inference.Decoding;

/// <summary>
/// Per-class greedy non-maximum suppression with the semantics of Ultralytics <c>non_max_suppression</c>
/// (agnostic=False) over <c>torchvision.ops.nms</c>: highest score first, a box is dropped when its IoU with a kept
/// box of the same class is strictly greater than the threshold.
/// </summary>
/// <remarks>
/// Ultralytics separates classes by shifting boxes by <c>class * 7680</c> before one class-blind NMS. The IoU here is
/// computed on those shifted float32 coordinates too, so rounding matches; classes are then kept apart explicitly, which
/// is the same result whenever coordinates stay within 7680 pixels. Equal scores are ordered by index so the result is
/// deterministic (torch's sort does not promise that).
/// </remarks>
public static class NonMaximumSuppression
{
    /// <summary>Ultralytics' <c>max_nms</c>: only this many highest-scoring candidates enter NMS.</summary>
    public const int MaxCandidates = 30000;

    /// <summary>Ultralytics' <c>max_wh</c>: the per-class box shift.</summary>
    public const float ClassOffset = 7680f;

    /// <summary>The Ultralytics pipeline after the confidence filter: keep the best <see cref="MaxCandidates"/>, NMS, keep <paramref name="maxDetections"/>.</summary>
    /// <returns>The surviving detections, highest score first.</returns>
    public static IReadOnlyList<RawDetection> Apply(IReadOnlyList<RawDetection> candidates, float iouThreshold, int maxDetections = 300)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDetections);

        int count = candidates.Count;
        int[] order = ScoreOrder(count, i => candidates[i].Score);
        int considered = Math.Min(count, MaxCandidates);
        var boxes = new BoundingBox[considered];
        var scores = new float[considered];
        var classIds = new int[considered];
        for (int k = 0; k < considered; k++)
        {
            RawDetection candidate = candidates[order[k]];
            boxes[k] = candidate.Box;
            scores[k] = candidate.Score;
            classIds[k] = candidate.ClassId;
        }

        IReadOnlyList<int> kept = KeepIndices(boxes, scores, classIds, iouThreshold, maxDetections);
        var result = new RawDetection[kept.Count];
        for (int k = 0; k < kept.Count; k++)
        {
            result[k] = candidates[order[kept[k]]];
        }

        return result;
    }

    /// <summary>Greedy per-class NMS over parallel arrays (no candidate cap).</summary>
    /// <returns>Indices of the kept boxes, highest score first (equal scores: lower index first), at most <paramref name="maxDetections"/>.</returns>
    public static IReadOnlyList<int> KeepIndices(
        ReadOnlySpan<BoundingBox> boxes,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<int> classIds,
        float iouThreshold,
        int maxDetections = int.MaxValue)
    {
        int count = boxes.Length;
        if (scores.Length != count || classIds.Length != count)
        {
            throw new ArgumentException(
                $"Expected as many scores and class ids as boxes ({count}); got {scores.Length} and {classIds.Length}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxDetections);
        if (count == 0 || maxDetections == 0)
        {
            return [];
        }

        float[] scoreCopy = scores.ToArray();
        int[] order = ScoreOrder(count, i => scoreCopy[i]);

        var shifted = new BoundingBox[count];
        var areas = new float[count];
        var byClass = new Dictionary<int, List<int>>();
        foreach (int index in order)
        {
            // Float32 arithmetic exactly as torch does it: shift, then area without clamping.
            float offset = classIds[index] * ClassOffset;
            BoundingBox box = boxes[index];
            shifted[index] = new BoundingBox(box.X1 + offset, box.Y1 + offset, box.X2 + offset, box.Y2 + offset);
            areas[index] = (shifted[index].X2 - shifted[index].X1) * (shifted[index].Y2 - shifted[index].Y1);
            if (!byClass.TryGetValue(classIds[index], out List<int>? members))
            {
                byClass[classIds[index]] = members = [];
            }

            members.Add(index);
        }

        var suppressed = new bool[count];
        foreach (List<int> members in byClass.Values)
        {
            SuppressWithinClass(members, shifted, areas, suppressed, iouThreshold);
        }

        var kept = new List<int>(Math.Min(count, maxDetections));
        foreach (int index in order)
        {
            if (!suppressed[index])
            {
                kept.Add(index);
                if (kept.Count == maxDetections)
                {
                    break;
                }
            }
        }

        return kept;
    }

    private static void SuppressWithinClass(List<int> members, BoundingBox[] boxes, float[] areas, bool[] suppressed, float iouThreshold)
    {
        for (int a = 0; a < members.Count; a++)
        {
            int keptIndex = members[a];
            if (suppressed[keptIndex])
            {
                continue;
            }

            BoundingBox kept = boxes[keptIndex];
            for (int b = a + 1; b < members.Count; b++)
            {
                int other = members[b];
                if (suppressed[other])
                {
                    continue;
                }

                BoundingBox box = boxes[other];
                float width = MathF.Max(0f, MathF.Min(kept.X2, box.X2) - MathF.Max(kept.X1, box.X1));
                float height = MathF.Max(0f, MathF.Min(kept.Y2, box.Y2) - MathF.Max(kept.Y1, box.Y1));
                float intersection = width * height;
                float iou = intersection / (areas[keptIndex] + areas[other] - intersection);
                if (iou > iouThreshold)
                {
                    suppressed[other] = true;
                }
            }
        }
    }

    /// <summary>Indices 0..count-1 by score descending; equal scores keep index order.</summary>
    private static int[] ScoreOrder(int count, Func<int, float> score)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int byScore = score(b).CompareTo(score(a));
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        return order;
    }
}
