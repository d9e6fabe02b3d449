using AuditHarness.Core.Pairs;
using AuditHarness.Core.Statistics;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Tests.Engine.Pairs;

/// <summary>
/// The host of a transplanted placebo lacks the pair's artifact type, shows another subject and another image, and is
/// drawn from the seed and the pair id alone, so every process (shard, resume, replay) picks the same one.
/// </summary>
[TestClass]
public sealed class PlaceboHostsTests
{
    private static readonly ManifestPair[] Pairs =
    [
        Pair("c1", "dark_corners", "S1"),
        Pair("c2", "dark_corners", "S2"),
        Pair("r1", "ruler", "S1"), // the subject of c1
        Pair("r2", "ruler", "S3"),
        Pair("i1", "ink", "S4"),
        Pair("w1", "watermark", null),
    ];

    [TestMethod]
    public void AHostHasAnotherArtifactTypeAnotherSubjectAndAnotherImage()
    {
        IReadOnlyList<AuditPair> candidates = new PlaceboHosts(Pairs, 7).Candidates(Pairs[0]);

        // c2 has the same artifact type, r1 the same subject; w1 has no subject id, so only its image tells it apart.
        CollectionAssert.AreEquivalent(new[] { "r2", "i1", "w1" }, candidates.Select(c => c.PairId).ToArray());
        Assert.IsFalse(PlaceboHosts.CanHost(Pairs[0], Pairs[0] with { PairId = "copy" }), "the same image under another id");
    }

    [TestMethod]
    public void TheOrderStartsAtTheSeededIndexAndWalksOnInManifestOrder()
    {
        // Eligible for c1, in manifest order: r2, i1, w1. The start is SplitMix64 seeded with the pair seed and the salt.
        string[] eligible = ["r2", "i1", "w1"];
        int start = new SplitMix64(unchecked((ulong)PlaceboSeed.Of("c1", 7)) ^ 0x686F73745F736565UL).NextIndex(3);
        string[] expected = [.. Enumerable.Range(0, 3).Select(k => eligible[(start + k) % 3])];

        CollectionAssert.AreEqual(expected, new PlaceboHosts(Pairs, 7).Candidates(Pairs[0]).Select(c => c.PairId).ToArray());
    }

    [TestMethod]
    public void TheChoiceDependsOnTheListAndSeedOnlyNotOnTheCallOrder()
    {
        var hosts = new PlaceboHosts(Pairs, 7);
        string[] first = [.. hosts.Candidates(Pairs[1]).Select(c => c.PairId)];
        _ = hosts.Candidates(Pairs[0]);
        string[] again = [.. new PlaceboHosts([.. Pairs], 7).Candidates(Pairs[1]).Select(c => c.PairId)];

        CollectionAssert.AreEqual(first, again);
    }

    [TestMethod]
    public void SeedsSpreadThePairsOverDifferentHosts()
    {
        // 40 pairs of one type, 40 hosts of another, each its own subject: the first choices must not all coincide.
        ManifestPair[] many = [.. Enumerable.Range(0, 40).Select(i => Pair($"a{i}", "dark_corners", $"A{i}")), .. Enumerable.Range(0, 40).Select(i => Pair($"h{i}", "ruler", $"H{i}"))];
        var hosts = new PlaceboHosts(many, 7);

        int distinct = many.Take(40).Select(p => hosts.Candidates(p)[0].PairId).Distinct().Count();

        Assert.IsGreaterThan(15, distinct);
        Assert.HasCount(PlaceboHosts.MaxCandidates, hosts.Candidates(many[0]));
    }

    [TestMethod]
    public void AnInsertionPairIsHostedByAnotherCleanOriginal()
    {
        InsertionPair a = new("a", "/o/a.jpg", "ruler"), b = new("b", "/o/b.jpg", "ruler");

        Assert.IsTrue(PlaceboHosts.CanHost(a, b), "every clean original lacks the inserted artifact");
        Assert.IsFalse(PlaceboHosts.CanHost(a, a));
    }

    [TestMethod]
    public void NoEligiblePairGivesNoHost()
    {
        ManifestPair[] oneType = [Pair("c1", "dark_corners", "S1"), Pair("c2", "dark_corners", "S2")];

        Assert.IsEmpty(new PlaceboHosts(oneType, 7).Candidates(oneType[0]));
    }

    private static ManifestPair Pair(string id, string type, string? subject) =>
        new(1, id, $"/data/{id}.jpg", $"/data/cf/{id}.jpg", $"/data/masks/{id}.png", type, "nevus", subject);
}
