using AuditHarness.Core.Detections;

namespace AuditHarness.Core.Comparison;

/// <summary>
/// Greedy IoU matching of original detections to a variant's detections. Same-class pairs are matched first so
/// that a class flip is only recorded when no same-class counterpart overlaps enough.
/// </summary>
public sealed class DetectionMatcher
{
    public const double DefaultMatchIou = 0.5;

    public const double DefaultOnArtifactCoverage = 0.5;

    public DetectionMatcher(double matchIou = DefaultMatchIou, double onArtifactCoverage = DefaultOnArtifactCoverage)
    {
        // IoU 0 would let disjoint boxes match, so the threshold must be strictly positive.
        if (!(matchIou > 0 && matchIou <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(matchIou), matchIou, "matchIou must be in (0, 1].");
        }

        if (!(onArtifactCoverage >= 0 && onArtifactCoverage <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(onArtifactCoverage), onArtifactCoverage, "onArtifactCoverage must be in [0, 1].");
        }

        MatchIou = matchIou;
        OnArtifactCoverage = onArtifactCoverage;
    }

    /// <summary>Minimum IoU (inclusive) for two detections to be a candidate pair.</summary>
    public double MatchIou { get; }

    /// <summary>Minimum share (inclusive) of an original box covered by the artifact for it to count as on-artifact.</summary>
    public double OnArtifactCoverage { get; }

    /// <summary>
    /// Matches <paramref name="original"/> to <paramref name="variant"/>. Candidates are pairs with IoU >= <see cref="MatchIou"/>;
    /// same-class candidates are taken first in descending IoU, then cross-class candidates among the still unmatched
    /// (class flips). Ties go to the lower original index, then the lower variant index, so the result does not depend
    /// on sort stability.
    /// </summary>
    /// <param name="artifactCoverage">
    /// Share of a box (original-image pixels) covered by the artifact mask, in [0, 1]; evaluated on each ORIGINAL box,
    /// because the question is whether the model's original finding sat on the artifact. Pass the artifact mask's
    /// coverage for the placebo variant too, so both variants of a pair split the same detections into on/off artifact
    /// and their off-artifact score means average the same detections.
    /// </param>
    public DetectionMatching Match(
        IReadOnlyList<Detection> original,
        IReadOnlyList<Detection> variant,
        Func<BoundingBox, double> artifactCoverage) => Match(original, variant, artifactCoverage, variantClassScore: null);

    /// <summary>As <see cref="Match(IReadOnlyList{Detection}, IReadOnlyList{Detection}, Func{BoundingBox, double})"/>, with the class-conditional drop.</summary>
    /// <param name="variantClassScore">
    /// The variant's score of an original detection's class at its anchor (NaN when it has none); null when the model's
    /// per-anchor class scores are not known, and then each change's <see cref="DetectionChange.ClassScoreDrop"/> is its matched drop.
    /// </param>
    public DetectionMatching Match(
        IReadOnlyList<Detection> original,
        IReadOnlyList<Detection> variant,
        Func<BoundingBox, double> artifactCoverage,
        Func<Detection, float>? variantClassScore)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(artifactCoverage);

        var sameClass = new List<Candidate>();
        var crossClass = new List<Candidate>();
        for (int i = 0; i < original.Count; i++)
        {
            for (int j = 0; j < variant.Count; j++)
            {
                float iou = original[i].Box.IntersectionOverUnion(variant[j].Box);
                if (iou >= MatchIou)
                {
                    (original[i].ClassId == variant[j].ClassId ? sameClass : crossClass).Add(new Candidate(iou, i, j));
                }
            }
        }

        int[] matchOf = new int[original.Count];
        Array.Fill(matchOf, -1);
        bool[] variantTaken = new bool[variant.Count];
        AssignGreedily(sameClass, matchOf, variantTaken);
        AssignGreedily(crossClass, matchOf, variantTaken);

        var changes = new DetectionChange[original.Count];
        for (int i = 0; i < original.Count; i++)
        {
            Detection o = original[i];
            double coverage = artifactCoverage(o.Box);
            if (double.IsNaN(coverage))
            {
                // A NaN would silently read as "off the artifact" and bias the off-artifact metric.
                throw new InvalidOperationException($"Artifact coverage of original detection {i} ({o.Box}) is NaN.");
            }

            bool onArtifact = coverage >= OnArtifactCoverage;
            Detection? matched = matchOf[i] >= 0 ? variant[matchOf[i]] : null;
            DetectionChange change = matched is null
                ? new DetectionChange(i, o, null, -o.Score, Flipped: false, Lost: true, onArtifact)
                : new DetectionChange(i, o, matched, matched.Score - o.Score, matched.ClassId != o.ClassId, Lost: false, onArtifact);
            changes[i] = variantClassScore is null ? change : change with { ClassScoreDrop = o.Score - variantClassScore(o) };
        }

        var newDetections = new List<Detection>();
        var newIndices = new List<int>();
        for (int j = 0; j < variant.Count; j++)
        {
            if (!variantTaken[j])
            {
                newDetections.Add(variant[j]);
                newIndices.Add(j);
            }
        }

        return new DetectionMatching(changes, newDetections, newIndices);
    }

    private static void AssignGreedily(List<Candidate> candidates, int[] matchOf, bool[] variantTaken)
    {
        candidates.Sort(static (a, b) =>
        {
            int byIou = b.Iou.CompareTo(a.Iou);
            if (byIou != 0)
            {
                return byIou;
            }

            int byOriginal = a.OriginalIndex.CompareTo(b.OriginalIndex);
            return byOriginal != 0 ? byOriginal : a.VariantIndex.CompareTo(b.VariantIndex);
        });

        foreach (Candidate c in candidates)
        {
            if (matchOf[c.OriginalIndex] < 0 && !variantTaken[c.VariantIndex])
            {
                matchOf[c.OriginalIndex] = c.VariantIndex;
                variantTaken[c.VariantIndex] = true;
            }
        }
    }

    private readonly record struct Candidate(float Iou, int OriginalIndex, int VariantIndex);
}
