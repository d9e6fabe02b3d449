using AuditHarness.Core.Pairs;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// The candidate hosts of a transplanted placebo: other images of the dataset that lack the pair's artifact type and
/// show another subject, in an order drawn from the spec's placebo seed and the pair id. Drawn from the WHOLE pair list
/// (not a shard's part), so a pair gets the same host in a single run, a shard, a resume and a gallery replay.
/// </summary>
/// <remarks>
/// Manifest pairs: a host is a pair of another artifact type, and of another <c>subject_id</c> when both rows have one
/// (without subject ids every pair counts as its own subject; a different image is still required). Insertion pairs:
/// every clean original lacks the inserted artifact, so a host is any other original. The order starts at a seeded
/// index among the eligible pairs (manifest order) and walks on from there, so choosing costs one pass over the list.
/// </remarks>
public sealed class PlaceboHosts(IReadOnlyList<AuditPair> pairs, int specSeed)
{
    /// <summary>How many hosts are tried (a host of another size, or one whose files cannot be read, is passed over) before a pair is left without a transplanted control.</summary>
    public const int MaxCandidates = 16;

    // Keeps the host's draw independent of the shifted placement's, which starts from the same pair seed.
    private const ulong HostSalt = 0x686F73745F736565UL;

    private readonly IReadOnlyList<AuditPair> _pairs = pairs ?? throw new ArgumentNullException(nameof(pairs));

    /// <summary>Up to <see cref="MaxCandidates"/> hosts for <paramref name="pair"/>, best first; none when no pair qualifies.</summary>
    public IReadOnlyList<AuditPair> Candidates(AuditPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        // Indexes, not pairs: a manifest's pairs are built per access (ManifestPairTable), and most are eligible.
        var eligible = new List<int>();
        for (int i = 0; i < _pairs.Count; i++)
        {
            if (CanHost(pair, _pairs[i]))
            {
                eligible.Add(i);
            }
        }

        if (eligible.Count == 0)
        {
            return [];
        }

        var random = new SplitMix64(unchecked((ulong)PlaceboSeed.Of(pair.PairId, specSeed)) ^ HostSalt);
        int start = random.NextIndex(eligible.Count);
        return [.. Enumerable.Range(0, Math.Min(MaxCandidates, eligible.Count)).Select(k => _pairs[eligible[(start + k) % eligible.Count]])];
    }

    /// <summary>True when <paramref name="host"/> may lend its image to <paramref name="pair"/>'s transplanted placebo.</summary>
    public static bool CanHost(AuditPair pair, AuditPair host)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(host);
        if (string.Equals(pair.PairId, host.PairId, StringComparison.Ordinal) || string.Equals(pair.Image, host.Image, StringComparison.Ordinal))
        {
            return false;
        }

        return (pair, host) switch
        {
            (ManifestPair p, ManifestPair h) => !string.Equals(p.ArtifactType, h.ArtifactType, StringComparison.Ordinal)
                && (string.IsNullOrEmpty(p.SubjectId) || string.IsNullOrEmpty(h.SubjectId) || !string.Equals(p.SubjectId, h.SubjectId, StringComparison.Ordinal)),
            (InsertionPair, InsertionPair) => true,
            _ => false,
        };
    }
}
