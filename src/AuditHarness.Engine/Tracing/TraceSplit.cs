using AuditHarness.Results;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// Splits the pairs of one artifact type into a selection half (channels are ranked on it) and a measurement half
/// (recovered shares are measured on it), so the channels are never judged on the pairs that chose them. Whole
/// resampling clusters go to one half (<see cref="ResamplingClusters.Key"/>: a subject's pairs stay together, a pair
/// without a subject is its own cluster); clusters are ordered by <see cref="StableHash"/> of the seed and their key, and
/// the first half of them (rounded down) selects. The split depends only on the seed and the clusters present.
/// </summary>
public static class TraceSplit
{
    /// <summary>The halves, each in the order given.</summary>
    /// <param name="pairs">The pairs: their id and subject (null when none).</param>
    public static (IReadOnlyList<T> Selection, IReadOnlyList<T> Measurement) Split<T>(IReadOnlyList<T> pairs, Func<T, (string PairId, string? SubjectId)> identify, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(identify);
        string[] keys = [.. pairs.Select(p => { (string id, string? subject) = identify(p); return ResamplingClusters.Key(subject, id); })];
        string[] ordered = [.. keys.Distinct(StringComparer.Ordinal).OrderBy(k => StableHash.Of(seed, k)).ThenBy(k => k, StringComparer.Ordinal)];
        var selecting = new HashSet<string>(ordered.Take(ordered.Length / 2), StringComparer.Ordinal);
        var selection = new List<T>();
        var measurement = new List<T>();
        for (int i = 0; i < pairs.Count; i++)
        {
            (selecting.Contains(keys[i]) ? selection : measurement).Add(pairs[i]);
        }

        return (selection, measurement);
    }
}
