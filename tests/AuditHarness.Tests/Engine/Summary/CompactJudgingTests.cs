using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Engine.Gallery;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Summary;

/// <summary>
/// The finish step judges from compact per-pair columns, not from the outcomes: on random outcomes (several types,
/// subjects and none, no/one/two placebos shifted or transplanted, taps missing on some pairs, pairs without values)
/// its checks and profiles must equal, bit for bit, a straightforward computation over the outcome list.
/// </summary>
[TestClass]
public sealed class CompactJudgingTests
{
    private static readonly BootstrapSettings Bootstrap = new(500, 11, 0.9);
    private static readonly string[] Types = ["ruler", "ink", "dark_corners"];
    private static readonly string[] Taps = ["model.9", "model.2", "raw_tensor"];

    private static readonly PolicyCheck[] Checks =
    [
        Check("shift", MetricKind.ScoreShift, null, "*"),
        Check("flip", MetricKind.FlipRate, null, "*"),
        Check("lost", MetricKind.LostRate, null, "ruler"),
        Check("new", MetricKind.NewRate, null, "ink"),
        Check("on", MetricKind.OnArtifactRate, null, "*"),
        Check("rel9", MetricKind.LayerRelativeChange, "model.9", "*") with { Direction = ThresholdDirection.Min },
        Check("in2", MetricKind.LayerInsideShare, "model.2", "*"),
        Check("absent", MetricKind.ScoreShift, null, "watermark"),
        Check("untapped", MetricKind.LayerRelativeChange, "model.99", "ruler"),
    ];

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void ChecksFromColumnsEqualChecksComputedOverTheOutcomesBitForBit(int seed)
    {
        PairOutcome[] outcomes = RandomOutcomes(new Random(seed), 400);
        var policy = new Policy("p", null, Checks);

        IReadOnlyList<CheckResult> judged = SummaryBuilder.Judge("m", policy, outcomes, Bootstrap);
        CheckResult[] expected = [.. ReferenceJudge(policy, outcomes)];

        Assert.HasCount(expected.Length, judged);
        for (int i = 0; i < expected.Length; i++)
        {
            CheckResult a = judged[i], e = expected[i];
            string what = $"{e.Check.Id}/{e.ArtifactType}";
            Assert.AreEqual(e.ArtifactType, a.ArtifactType, what);
            Assert.AreEqual(e.Pairs, a.Pairs, what);
            Assert.AreEqual(e.Clusters, a.Clusters, what);
            Assert.AreEqual(e.ResampledUnit, a.ResampledUnit, what);
            Assert.AreEqual(e.Controls, a.Controls, what);
            Assert.AreEqual(e.Verdict, a.Verdict, what);
            Assert.AreEqual(e.Note, a.Note, what);
            foreach ((double x, double y, string name) in new[]
            {
                (e.Estimate, a.Estimate, "estimate"), (e.Low, a.Low, "low"), (e.High, a.High, "high"),
                (e.ArtifactEffect, a.ArtifactEffect, "artifact"), (e.PlaceboEffect, a.PlaceboEffect, "placebo"), (e.PValue, a.PValue, "p"), (e.HolmPValue, a.HolmPValue, "holm"),
            })
            {
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(y), $"{what} {name}: {x:R} vs {y:R}");
            }
        }

        // The random data reach every branch the comparison is about.
        Assert.IsTrue(judged.Any(r => r.ResampledUnit == CheckResult.MixedUnit && r.Clusters < r.Pairs));
        Assert.IsTrue(judged.Any(r => r.Controls.Shifted > 0 && r.Controls.Transplant > 0));
        Assert.IsTrue(judged.Any(r => r.Pairs == 0));
    }

    [TestMethod]
    public void ProfilesFromColumnsEqualProfilesComputedOverTheOutcomes()
    {
        PairOutcome[] outcomes = RandomOutcomes(new Random(5), 300);

        IReadOnlyList<ArtifactTypeProfile> profiles = ProfileBuilder.Build(outcomes, Bootstrap);

        CollectionAssert.AreEqual(Types.Order(StringComparer.Ordinal).ToArray(), profiles.Select(p => p.ArtifactType).ToArray());
        foreach (ArtifactTypeProfile profile in profiles)
        {
            PairOutcome[] ofType = [.. outcomes.Where(o => o.ArtifactType == profile.ArtifactType)];
            double[] shifts = [.. ofType.Select(o => PairMetrics.Effects(o, MetricKind.ScoreShift, null).Artifact).Where(double.IsFinite)];
            Assert.AreEqual(ofType.Length, profile.Pairs);
            CollectionAssert.AreEqual(shifts, profile.ScoreShiftArtifact.ToArray());
            Assert.AreEqual(BoxSummary.Describe(shifts), profile.ScoreShiftArtifactBox);

            // Taps by depth: model.2, model.9, then the raw tensor; each a subject-cluster bootstrap of the finite per-pair values.
            CollectionAssert.AreEqual(new[] { "model.2", "model.9", "raw_tensor" }, profile.Layers.Select(l => l.Tap).ToArray());
            foreach (LayerProfile layer in profile.Layers)
            {
                // Summed per subject (clusters in order of first appearance; a pair without one is its own cluster).
                var clusters = ofType
                    .Select((o, i) => (Key: o.SubjectId ?? $"pair {i}", Value: PairMetrics.Effects(o, MetricKind.LayerInsideShare, layer.Tap).Placebo))
                    .Where(v => double.IsFinite(v.Value))
                    .GroupBy(v => v.Key, StringComparer.Ordinal)
                    .ToArray();
                Interval expected = ClusterBootstrap.Ratio([.. clusters.Select(c => c.Sum(v => v.Value))], [.. clusters.Select(c => (double)c.Count())], Bootstrap.Confidence, Bootstrap.Resamples, Bootstrap.Seed);
                Assert.AreEqual(expected, layer.InsideShareExcessPlacebo, $"{profile.ArtifactType} {layer.Tap}");
            }
        }
    }

    [TestMethod]
    public void AProfileKeepsOrderStatisticsOfItsPointsButBoxesEveryValue()
    {
        // 5000 pairs with artifact drops 4999, 4998, ..., 0 in pair order: the box is over all of them, the points
        // 1991 order statistics, the smallest and the largest included.
        PairOutcome[] outcomes = [.. Enumerable.Range(0, 5000).Select(i => Outcome($"p{i}", "ruler", i - 4999, -1))];

        ArtifactTypeProfile profile = ProfileBuilder.Build(outcomes, Bootstrap).Single();

        Assert.AreEqual(5000, profile.ScoreShiftArtifactBox.Count);
        Assert.AreEqual(4999, profile.ScoreShiftArtifactBox.Max);
        Assert.AreEqual(2499.5, profile.ScoreShiftArtifactBox.Median);
        Assert.HasCount(1991, profile.ScoreShiftArtifact);
        // Rank round(k * 4999 / 1990), ascending: 4999 / 1990 = 2.512..., so 0, 3 (2.51), 5 (5.02), 8 (7.54), 10 (10.05).
        CollectionAssert.AreEqual(new[] { 0.0, 3, 5, 8, 10 }, profile.ScoreShiftArtifact.Take(5).ToArray());
        Assert.AreEqual(4999.0, profile.ScoreShiftArtifact[^1], "the largest drop is kept, though it is the first pair");
        Assert.AreEqual(5000, profile.ScoreShiftPlaceboBox.Count);
        CollectionAssert.AreEqual(new[] { 1.0 }, profile.ScoreShiftPlacebo.Distinct().ToArray());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void TheGalleryShortlistLeadsToTheSameChoiceAsEveryOutcome(int seed)
    {
        // Few base images and many tied shifts, so the per-base limit and the tie order both decide.
        var random = new Random(seed);
        PairOutcome[] outcomes = [.. Enumerable.Range(0, 300).Select(i => Outcome($"p{i:D3}", "ruler", random.Next(4) == 0 ? double.NaN : -random.Next(6) / 5.0, 0))];
        string BaseOf(PairOutcome o) => "img" + (int.Parse(o.PairId[1..], System.Globalization.CultureInfo.InvariantCulture) % 7);
        var shortlist = new GalleryShortlist();

        for (int i = 0; i < outcomes.Length; i++)
        {
            shortlist.Offer(i, BaseOf(outcomes[i]), outcomes[i]);
        }

        IReadOnlyList<PairOutcome> kept = shortlist.InPairOrder();
        Assert.IsLessThanOrEqualTo(GalleryBuilder.DefaultCount, kept.Count);
        CollectionAssert.AreEqual(
            GalleryBuilder.MostAffected(outcomes, GalleryBuilder.DefaultCount, BaseOf).Select(o => o.PairId).ToArray(),
            GalleryBuilder.MostAffected(kept, GalleryBuilder.DefaultCount, BaseOf).Select(o => o.PairId).ToArray());
    }

    /// <summary>
    /// The checks computed directly over the outcomes, as the summary did before it kept columns: per check and type the
    /// pairs with a value, clusters keyed by subject (or pair) string, the ratio bootstrap and the Wilcoxon test.
    /// </summary>
    private static IEnumerable<CheckResult> ReferenceJudge(Policy policy, PairOutcome[] outcomes)
    {
        string[] typesInData = [.. outcomes.Select(o => o.ArtifactType).Distinct().Order(StringComparer.Ordinal)];
        var results = new List<CheckResult>();
        foreach (PolicyCheck check in policy.Checks)
        {
            foreach (string type in check.ArtifactTypes.Contains(PolicyCheck.AllArtifactTypes) ? typesInData : check.ArtifactTypes)
            {
                results.Add(ReferenceOne(check, type, [.. outcomes.Where(o => o.ArtifactType == type)]));
            }
        }

        double[] holm = HolmAdjustment.Adjust([.. results.Select(r => r.PValue)]);
        return results.Select((r, i) => r with { HolmPValue = holm[i] });
    }

    private static CheckResult ReferenceOne(PolicyCheck check, string type, PairOutcome[] ofType)
    {
        PairOutcome[] valued = [.. ofType.Where(o =>
        {
            (double a, double p) = PairMetrics.Effects(o, check);
            (double pa, double pp, double w) = PairMetrics.Pooled(o, check.Metric, check.Layer);
            return double.IsFinite(a) && double.IsFinite(p) && w > 0 && double.IsFinite(pa) && double.IsFinite(pp);
        })];
        if (valued.Length == 0)
        {
            string reason = ofType.Length == 0 ? $"no pair of type '{type}' was processed"
                : ofType.Any(o => o.Placebos.Count == 0) ? $"no pair of type '{type}' has both effects for {check.Metric.Definition().Name}: no placebo control fits this artifact"
                : $"no pair of type '{type}' has a value for {check.Metric.Definition().Name}";
            return new CheckResult("m", type, check, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Inconclusive, $"{reason}; nothing was judged, so the check cannot pass");
        }

        var clusterOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var sums = new List<double[]>(); // artifact, placebo, reliance, weight
        foreach (PairOutcome o in valued)
        {
            string key = ResamplingClusters.Key(o.SubjectId, o.PairId);
            if (!clusterOf.TryGetValue(key, out int c))
            {
                clusterOf.Add(key, c = sums.Count);
                sums.Add(new double[4]);
            }

            (double a, double p, double w) = PairMetrics.Pooled(o, check.Metric, check.Layer);
            sums[c][0] += a;
            sums[c][1] += p;
            sums[c][2] += a - p;
            sums[c][3] += w;
        }

        double[] reliance = [.. sums.Select(s => s[2])], weight = [.. sums.Select(s => s[3])];
        Interval interval = ClusterBootstrap.Ratio(reliance, weight, Bootstrap.Confidence, Bootstrap.Resamples, Bootstrap.Seed);
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        Alternative alternative = check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
        double[] perCluster = [.. reliance.Zip(weight, (r, w) => r / w)];
        double pValue = WilcoxonSignedRank.Test(perCluster, new double[perCluster.Length], alternative).PValue;
        int withoutSubject = valued.Count(o => o.SubjectId is null);
        var notes = new List<string>();
        if (ofType.Length > valued.Length)
        {
            notes.Add($"{ofType.Length - valued.Length} of {ofType.Length} pairs left out (no placebo or no value)");
        }

        string unit = ResamplingClusters.Unit(valued.Length, withoutSubject);
        if (unit == CheckResult.MixedUnit)
        {
            notes.Add($"{withoutSubject} of {valued.Length} pairs have no subject_id and were resampled as their own clusters");
        }

        double counted = weight.Sum();
        return new CheckResult("m", type, check, valued.Length, interval.Estimate, low, high, sums.Sum(s => s[0]) / counted, sums.Sum(s => s[1]) / counted, pValue,
            PolicyEvaluator.Evaluate(check, new CheckEstimate(interval.Estimate, low, high)), notes.Count == 0 ? null : string.Join("; ", notes))
        {
            ResampledUnit = unit,
            Clusters = sums.Count,
            Controls = new PlaceboControlCounts(valued.Count(o => o.PlaceboControl == PlaceboControls.Shifted), valued.Count(o => o.PlaceboControl == PlaceboControls.Transplant)),
        };
    }

    private static PairOutcome[] RandomOutcomes(Random random, int count)
    {
        var outcomes = new PairOutcome[count];
        for (int i = 0; i < count; i++)
        {
            int originals = random.Next(5); // 0: no value for the detection metrics
            PredictionDelta Delta(int trials) => new(
                trials, -random.NextDouble(), trials, -random.NextDouble(), random.Next(trials + 1), random.Next(trials + 1), random.Next(3), random.Next(trials + 1),
                random.NextDouble(), random.Next(trials + 1), random.NextDouble() - 0.3);
            int placebos = random.Next(4) == 0 ? 0 : random.Next(1, 3);
            bool transplant = placebos > 0 && random.Next(3) == 0;
            PredictionDelta[] placeboDeltas = [.. Enumerable.Range(0, placebos).Select(_ => Delta(transplant ? random.Next(4) : originals))];
            LayerChange[] Layers() => [.. Taps.Where(_ => random.Next(5) > 0).Select(tap => new LayerChange(tap, random.NextDouble(), 0.5, random.NextDouble(), 0.2, random.NextDouble() - 0.5, []))];
            string? subject = random.Next(5) == 0 ? null : $"S{random.Next(count / 3)}";
            outcomes[i] = new PairOutcome($"pair{i}", Types[random.Next(Types.Length)], Delta(originals), placeboDeltas, Layers(), [.. placeboDeltas.Select(_ => (IReadOnlyList<LayerChange>)Layers())])
            {
                SubjectId = subject,
                PlaceboHost = transplant ? $"host{i}" : null,
            };
        }

        return outcomes;
    }

    private static PairOutcome Outcome(string id, string type, double artifactDelta, double placeboDelta)
    {
        PredictionDelta Delta(double delta) => new(1, delta, 1, delta, 0, 0, 0, 0, 0 - delta, 1, 0 - delta);
        return new PairOutcome(id, type, Delta(artifactDelta), [Delta(placeboDelta)], [], [[]]);
    }

    private static PolicyCheck Check(string id, MetricKind metric, string? layer, string type) =>
        new(id, metric, [type], layer, 0.05, ThresholdDirection.Max, "test check");
}
