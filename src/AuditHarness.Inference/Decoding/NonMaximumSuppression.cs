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

        // OrderByDescending is stable, so equal scores keep their order into KeepIndices' tie-break.
        RawDetection[] considered = candidates.Count > MaxCandidates
            ? [.. candidates.OrderByDescending(candidate => candidate.Score).Take(MaxCandidates)]
            : [.. candidates];
        var boxes = new BoundingBox[considered.Length];
        var scores = new float[considered.Length];
        var classIds = new int[considered.Length];
        for (int k = 0; k < considered.Length; k++)
        {
            boxes[k] = considered[k].Box;
            scores[k] = considered[k].Score;
            classIds[k] = considered[k].ClassId;
        }

        IReadOnlyList<int> kept = KeepIndices(boxes, scores, classIds, iouThreshold, maxDetections);
        return [.. kept.Select(index => considered[index])];
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

        float[] scoreOf = scores.ToArray();
        int[] order = [.. Enumerable.Range(0, count)];
        Array.Sort(order, (a, b) =>
        {
            int byScore = scoreOf[b].CompareTo(scoreOf[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });

        var shifted = new BoundingBox[count];
        var byClass = new Dictionary<int, List<int>>();
        foreach (int index in order)
        {
            // Shifted in float32 as torch does, so IoUs round the same way.
            float offset = classIds[index] * ClassOffset;
            BoundingBox box = boxes[index];
            shifted[index] = new BoundingBox(box.X1 + offset, box.Y1 + offset, box.X2 + offset, box.Y2 + offset);
            if (!byClass.TryGetValue(classIds[index], out List<int>? members))
            {
                byClass[classIds[index]] = members = [];
            }

            members.Add(index);
        }

        var suppressed = new bool[count];
        foreach (List<int> members in byClass.Values)
        {
            SuppressWithinClass(members, shifted, suppressed, iouThreshold);
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

    /// <param name="members">One class's indices, highest score first.</param>
    private static void SuppressWithinClass(List<int> members, BoundingBox[] boxes, bool[] suppressed, float iouThreshold)
    {
        for (int a = 0; a < members.Count; a++)
        {
            if (suppressed[members[a]])
            {
                continue;
            }

            BoundingBox kept = boxes[members[a]];
            for (int b = a + 1; b < members.Count; b++)
            {
                int other = members[b];
                if (!suppressed[other] && kept.IntersectionOverUnion(boxes[other]) > iouThreshold)
                {
                    suppressed[other] = true;
                }
            }
        }
    }
}
