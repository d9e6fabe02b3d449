namespace AuditHarness.Engine.Tracing;

/// <summary>
/// A 64-bit hash of a seed and some strings that is the same in every process and on every platform (FNV-1a over the
/// UTF-16 code units, fields separated, then SplitMix64's finalizer to spread the bits): unlike string.GetHashCode, a
/// split or a random draw made from it repeats in a resumed run, a shard merge and on another machine.
/// </summary>
public static class StableHash
{
    public static ulong Of(int seed, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ulong hash = 14695981039346656037UL;
        hash = (hash ^ unchecked((uint)seed)) * 1099511628211UL;
        foreach (string part in parts)
        {
            hash = (hash ^ 0x1F) * 1099511628211UL; // a separator, so ("ab", "c") and ("a", "bc") differ
            foreach (char c in part)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
        }

        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
