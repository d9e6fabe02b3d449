using System.Collections.Concurrent;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// Fingerprints of files hashed before a run (its baseline check needs the dataset digest before any pair runs), each
/// with the file's size and last write time taken before it was read. The run's own list (<c>inputs.csv</c>) takes a
/// file's fingerprint from here instead of reading the file again when its size and time are still those, as make and
/// git trust a file's stat; a file written since is hashed again.
/// </summary>
public sealed class FingerprintCache
{
    private readonly ConcurrentDictionary<string, (long Size, DateTime Written, FileFingerprint Fingerprint)> _entries = new(StringComparer.Ordinal);

    /// <summary>Files hashed into the cache so far.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The fingerprint of the regular file at <paramref name="fullPath"/>: the cached one when the file's size and last
    /// write time are unchanged since it was hashed, else hashed now (and kept).
    /// </summary>
    public FileFingerprint Compute(string fullPath)
    {
        var info = new FileInfo(fullPath);
        (long size, DateTime written) = (info.Length, info.LastWriteTimeUtc); // before reading: a write during it shows later
        if (_entries.TryGetValue(fullPath, out var entry) && entry.Size == size && entry.Written == written)
        {
            return entry.Fingerprint;
        }

        FileFingerprint fingerprint = FileDigest.Compute(fullPath);
        _entries[fullPath] = (size, written, fingerprint);
        return fingerprint;
    }
}
