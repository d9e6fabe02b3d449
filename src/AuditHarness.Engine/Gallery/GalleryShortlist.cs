using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Gallery;

/// <summary>
/// The outcomes of one model that may still make its gallery, kept as the pairs come (in pair order) so the model's
/// other outcomes need not be: at most <c>count</c>, ranked as <see cref="GalleryBuilder.MostAffected(IReadOnlyList{PairOutcome}, int, Func{PairOutcome, string})"/>
/// ranks them (largest artifact score shift first, ties by pair order, at most <see cref="GalleryBuilder.PairsPerBaseImage"/>
/// of one base image). A pair dropped here can never be chosen later: either <c>count</c> better pairs are kept, or two
/// better ones of its base image. So <see cref="InPairOrder"/> gives <c>MostAffected</c> the same choice as every outcome would.
/// </summary>
public sealed class GalleryShortlist(int count = GalleryBuilder.DefaultCount)
{
    private readonly List<(double Shift, int Pair, string BaseImage, PairOutcome Outcome)> _kept = []; // best first

    /// <summary>Offers the next pair (pair indexes increasing) with its base image.</summary>
    public void Offer(int pair, string baseImage, PairOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        double shift = GalleryBuilder.RankingShift(outcome);
        if (!double.IsFinite(shift) || count <= 0)
        {
            return;
        }

        int at = _kept.FindIndex(k => shift > k.Shift || (shift == k.Shift && pair < k.Pair));
        at = at < 0 ? _kept.Count : at;
        if (at >= count)
        {
            return;
        }

        _kept.Insert(at, (shift, pair, baseImage, outcome));
        int seen = 0;
        for (int i = 0; i < _kept.Count; i++)
        {
            if (string.Equals(_kept[i].BaseImage, baseImage, StringComparison.Ordinal) && ++seen > GalleryBuilder.PairsPerBaseImage)
            {
                _kept.RemoveAt(i); // a third of its base image: two better ones will always be chosen first
                return;
            }
        }

        if (_kept.Count > count)
        {
            _kept.RemoveAt(_kept.Count - 1);
        }
    }

    /// <summary>The kept outcomes in pair order, as the gallery takes a model's outcomes.</summary>
    public IReadOnlyList<PairOutcome> InPairOrder() => [.. _kept.OrderBy(k => k.Pair).Select(k => k.Outcome)];
}
