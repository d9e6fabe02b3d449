namespace AuditHarness.Engine.Gallery;

/// <summary>
/// The pairs of one model that may still make its report gallery, with their <see cref="GalleryMaterial"/>, collected
/// while the pairs run (from several workers, in any order): a pair is kept while it is among the
/// <see cref="GalleryBuilder.DefaultCount"/> most affected seen so far, ranked as <see cref="GalleryBuilder.MostAffected"/>
/// ranks them (largest artifact score shift first, ties by pair order, at most <see cref="GalleryBuilder.PairsPerBaseImage"/>
/// of one base image: a pair with two better ones of its base image can never be shown). So at the end it holds the material of every
/// pair the gallery shows that this process ran; a pair taken from a resumed journal is replayed instead.
/// </summary>
public sealed class GalleryCandidates(int count = GalleryBuilder.DefaultCount) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(double Shift, int Pair, string PairId, GalleryMaterial Material)> _kept = []; // best first

    /// <summary>
    /// Whether a pair with this shift would rank among the best <c>count</c> so far (then capture its material). The
    /// base-image limit is not applied here (the base is not known yet): <see cref="Add"/> drops what it excludes.
    /// </summary>
    public bool WouldRank(double shift, int pair)
    {
        if (!double.IsFinite(shift) || count <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _kept.Count < count || Before(shift, pair, _kept[^1].Shift, _kept[^1].Pair);
        }
    }

    /// <summary>Keeps a pair's material while it ranks among the best <c>count</c>; disposes what drops out (it, or the last kept).</summary>
    public void Add(int pair, string pairId, double shift, GalleryMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        GalleryMaterial? pushedOut = null;
        lock (_gate)
        {
            int at = _kept.FindIndex(k => Before(shift, pair, k.Shift, k.Pair));
            at = at < 0 ? _kept.Count : at;
            if (!double.IsFinite(shift) || at >= count)
            {
                pushedOut = material; // others ranked above it meanwhile
            }
            else
            {
                _kept.Insert(at, (shift, pair, pairId, material));
                int third = ThirdOfBase(material.BaseImage);
                if (third >= 0)
                {
                    pushedOut = _kept[third].Material;
                    _kept.RemoveAt(third);
                }
                else if (_kept.Count > count)
                {
                    pushedOut = _kept[^1].Material;
                    _kept.RemoveAt(_kept.Count - 1);
                }
            }
        }

        pushedOut?.Dispose();
    }

    /// <summary>The kept material of <paramref name="pairId"/>, handed over to the caller (who disposes it); null when not kept.</summary>
    public GalleryMaterial? Take(string pairId)
    {
        lock (_gate)
        {
            int at = _kept.FindIndex(k => k.PairId == pairId);
            if (at < 0)
            {
                return null;
            }

            GalleryMaterial material = _kept[at].Material;
            _kept.RemoveAt(at);
            return material;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach ((_, _, _, GalleryMaterial material) in _kept)
            {
                material.Dispose();
            }

            _kept.Clear();
        }
    }

    /// <summary>Where the kept list (best first) holds a pair of <paramref name="baseImage"/> below the allowed number; -1 when none.</summary>
    private int ThirdOfBase(string baseImage)
    {
        int seen = 0;
        for (int i = 0; i < _kept.Count; i++)
        {
            if (string.Equals(_kept[i].Material.BaseImage, baseImage, StringComparison.Ordinal) && ++seen > GalleryBuilder.PairsPerBaseImage)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Before(double shift, int pair, double otherShift, int otherPair) =>
        shift > otherShift || (shift == otherShift && pair < otherPair);

}
