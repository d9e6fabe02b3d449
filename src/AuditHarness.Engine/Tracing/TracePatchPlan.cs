using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// What one row of <c>trace.csv</c> patches at a layer: the selection, k, the draw, and the channels (all when null)
/// or, for the region rows, every channel inside or outside the artifact's region of the layer grid.
/// </summary>
/// <param name="Channels">Channels patched, ascending; null for every channel.</param>
/// <param name="Inside">For <see cref="TraceSelection.Region"/> true, <see cref="TraceSelection.Outside"/> false; null otherwise (no spatial restriction).</param>
public sealed record TracePatchPlan(TraceSelection Selection, int K, int Draw, IReadOnlyList<int>? Channels, bool? Inside)
{
    /// <summary>
    /// The rows of one layer, in file order: selective for each k, random for each k and draw, region, outside. k larger
    /// than the layer (and "all") becomes its channel count; ks that become equal give one row.
    /// </summary>
    /// <param name="ranked">Channels by selectivity on the selection half, most selective first (at least the largest k of them).</param>
    public static IReadOnlyList<TracePatchPlan> For(TraceSettings settings, string model, string artifactType, string layer, int channels, IReadOnlyList<int> ranked)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ranked);
        int[] ks = [.. settings.K.Select(k => Math.Min(k, channels)).Distinct().Order()];
        var plans = new List<TracePatchPlan>();
        foreach (int k in ks)
        {
            plans.Add(new TracePatchPlan(TraceSelection.Selective, k, 0, [.. ranked.Take(k).Order()], null));
        }

        foreach (int k in ks)
        {
            for (int draw = 1; draw <= settings.RandomDraws; draw++)
            {
                plans.Add(new TracePatchPlan(TraceSelection.Random, k, draw, RandomChannels(settings.Seed, model, artifactType, layer, k, draw, channels), null));
            }
        }

        plans.Add(new TracePatchPlan(TraceSelection.Region, channels, 0, null, true));
        plans.Add(new TracePatchPlan(TraceSelection.Outside, channels, 0, null, false));
        return plans;
    }

    /// <summary>
    /// k distinct channels of <paramref name="channels"/>, ascending: a partial Fisher-Yates shuffle driven by a
    /// <see cref="SplitMix64"/> seeded per model, artifact type, layer, k and draw, so each draw is the same for every
    /// pair it is measured on and in every run of the spec.
    /// </summary>
    public static IReadOnlyList<int> RandomChannels(int seed, string model, string artifactType, string layer, int k, int draw, int channels)
    {
        var generator = new SplitMix64(StableHash.Of(seed, model, artifactType, layer, k.ToString(System.Globalization.CultureInfo.InvariantCulture), draw.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        int[] order = [.. Enumerable.Range(0, channels)];
        for (int i = 0; i < k; i++)
        {
            int j = i + generator.NextIndex(channels - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return [.. order.Take(k).Order()];
    }
}
