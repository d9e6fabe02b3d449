namespace AuditHarness.Results;

/// <summary>
/// Where a traced layer's selective channels beat random ones by the most: the k whose selective interval's lower end
/// lies furthest above the highest upper end of that k's random draws (<see cref="Gap"/>; positive means no random draw's
/// interval reaches the selective one). The report tabulates that k and <c>ablate --from</c> ablates it by default, so
/// both read the trace by one rule.
/// </summary>
/// <param name="Selective">The selective row at <paramref name="K"/>.</param>
/// <param name="Random">The random rows (draws) at <paramref name="K"/>, in file order.</param>
/// <param name="Gap">Selective <c>ci_low</c> minus the largest random <c>ci_high</c>; NaN when an interval is missing.</param>
public sealed record TraceGap(string ArtifactType, string Layer, int K, TraceRow Selective, IReadOnlyList<TraceRow> Random, double Gap)
{
    /// <summary>Selective channels beat every random draw at this k: their intervals do not overlap.</summary>
    public bool BeatsRandom => Gap > 0;

    /// <summary>The random draw with the median recovered share (the lower of the two middle ones): a real row to quote.</summary>
    public TraceRow MedianRandom => Random.OrderBy(r => r.RecoveredShare).ThenBy(r => r.Draw).ElementAt((Random.Count - 1) / 2);

    /// <summary>
    /// The largest-gap k of one artifact type and layer among <paramref name="rows"/> (one model's): ties and missing
    /// intervals (NaN gaps, ranked last) go to the smaller k; the layer's full width (known from its region / outside
    /// rows) is no candidate. Null when no k has both a selective and a random row.
    /// </summary>
    public static TraceGap? Largest(IEnumerable<TraceRow> rows, string artifactType, string layer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        TraceRow[] mine = [.. rows.Where(r => r.ArtifactType == artifactType && r.Layer == layer)];

        // At k = the layer's width (the region / outside rows' k) "random" channels are every channel, the selective
        // set itself: no control, so that k never counts as beating or failing to beat random.
        int width = mine.Where(r => r.Selection is TraceSelection.Region or TraceSelection.Outside).Select(r => r.K).DefaultIfEmpty(int.MaxValue).Max();
        var candidates = new List<TraceGap>();
        foreach (TraceRow selective in mine.Where(r => r.Selection == TraceSelection.Selective && r.K < width).OrderBy(r => r.K))
        {
            TraceRow[] random = [.. mine.Where(r => r.Selection == TraceSelection.Random && r.K == selective.K)];
            if (random.Length > 0)
            {
                candidates.Add(new TraceGap(artifactType, layer, selective.K, selective, random, selective.CiLow - random.Max(r => r.CiHigh)));
            }
        }

        return candidates.OrderByDescending(c => double.IsNaN(c.Gap) ? double.NegativeInfinity : c.Gap).ThenBy(c => c.K).FirstOrDefault();
    }

    /// <summary>The largest-gap k over every layer of one artifact type (ties to the earlier layer in <paramref name="rows"/>, then the smaller k).</summary>
    public static TraceGap? Largest(IEnumerable<TraceRow> rows, string artifactType)
    {
        ArgumentNullException.ThrowIfNull(rows);
        TraceRow[] all = [.. rows];
        return all.Where(r => r.ArtifactType == artifactType).Select(r => r.Layer).Distinct(StringComparer.Ordinal)
            .Select(layer => Largest(all, artifactType, layer))
            .OfType<TraceGap>()
            .OrderByDescending(c => double.IsNaN(c.Gap) ? double.NegativeInfinity : c.Gap)
            .FirstOrDefault();
    }
}
