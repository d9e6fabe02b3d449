namespace AuditHarness.Engine.Pairs;

/// <summary>
/// The seed of one pair's placebo placement: the spec's <c>placebo.seed</c> mixed with the pair id, so a pair's placebo
/// does not depend on which other pairs run (shards, resume, workers) and is the same on every platform.
/// </summary>
public static class PlaceboSeed
{
    public static int Of(string pairId, int specSeed)
    {
        ArgumentNullException.ThrowIfNull(pairId);
        ulong hash = 14695981039346656037UL; // FNV-1a over the id's UTF-16 code units: unlike string.GetHashCode, stable across processes
        foreach (char c in pairId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((int)(hash ^ (ulong)specSeed) ^ (int)(hash >> 32));
    }
}
