using AuditHarness.Engine.Tracing;

namespace AuditHarness.Tests.Engine.Tracing;

[TestClass]
public sealed class TraceSplitTests
{
    private static readonly (string PairId, string? SubjectId)[] Pairs =
    [
        .. Enumerable.Range(0, 30).Select(i => ($"p{i:00}", (string?)$"S{i / 3:00}")), // 10 subjects of 3 pairs
        .. Enumerable.Range(30, 4).Select(i => ($"p{i:00}", (string?)null)), // 4 pairs without a subject
    ];

    [TestMethod]
    public void TheSameSeedGivesTheSameSplitAndTheOrderOfThePairsDoesNotMatter()
    {
        var first = TraceSplit.Split(Pairs, p => p, 7);
        var again = TraceSplit.Split(Pairs, p => p, 7);
        var reversed = TraceSplit.Split([.. Pairs.Reverse()], p => p, 7);

        CollectionAssert.AreEqual(first.Selection.ToArray(), again.Selection.ToArray());
        CollectionAssert.AreEquivalent(first.Selection.ToArray(), reversed.Selection.ToArray());
        CollectionAssert.AreNotEquivalent(first.Selection.ToArray(), TraceSplit.Split(Pairs, p => p, 8).Selection.ToArray(), "another seed, another split");
    }

    [TestMethod]
    public void HalvesAreDisjointCoverEveryPairAndKeepASubjectsPairsTogether()
    {
        var (selection, measurement) = TraceSplit.Split(Pairs, p => p, 7);

        Assert.IsEmpty(selection.Intersect(measurement));
        CollectionAssert.AreEquivalent(Pairs, selection.Concat(measurement).ToArray());
        foreach (IGrouping<string?, (string PairId, string? SubjectId)> subject in Pairs.Where(p => p.SubjectId is not null).GroupBy(p => p.SubjectId))
        {
            Assert.IsTrue(subject.All(selection.Contains) || subject.All(measurement.Contains), $"subject {subject.Key} is split");
        }

        // 14 clusters (10 subjects, 4 lone pairs): 7 select.
        int clusters = selection.Select(p => p.SubjectId ?? p.PairId).Distinct().Count();
        Assert.AreEqual(7, clusters);
    }

    [TestMethod]
    public void SelectionOrderFollowsTheGivenOrder()
    {
        var (selection, measurement) = TraceSplit.Split(Pairs, p => p, 7);

        CollectionAssert.AreEqual(selection.OrderBy(p => p.PairId, StringComparer.Ordinal).ToArray(), selection.ToArray());
        CollectionAssert.AreEqual(measurement.OrderBy(p => p.PairId, StringComparer.Ordinal).ToArray(), measurement.ToArray());
    }
}
