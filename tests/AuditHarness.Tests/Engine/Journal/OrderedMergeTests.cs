using AuditHarness.Core.IO;
using AuditHarness.Core.Comparison;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.Journal;

/// <summary>The k-way merge of shard journals into a whole run's order, holding one record per shard at a time.</summary>
[TestClass]
public sealed class OrderedMergeTests
{
    [TestMethod]
    public void UnevenShardsOfTenPairsMergeIntoPairThenModelOrder()
    {
        using var folder = new TempFolder();
        const int pairs = 10, count = 3; // shards of 4, 3 and 3 pairs
        var header = new JournalHeader(
            JournalHeader.CurrentSchemaVersion, "/specs/a.audit.json", new string('a', 64), null, null,
            [new JournalModel("a", new string('c', 64)), new JournalModel("b", new string('d', 64))], pairs, null);
        for (int index = 0; index < count; index++)
        {
            using RunJournal journal = RunJournal.Create(Path.Combine(folder.Path, $"shard-{index}"), header with { Shard = new ShardSpec(index, count) });
            for (int pair = index; pair < pairs; pair += count)
            {
                journal.Append(Record(pair, 0));
                journal.Append(Record(pair, 1));
            }

            journal.Seal();
        }

        // Given in another order than their index, as merge accepts them.
        JournalReader[] readers = [.. new[] { 2, 0, 1 }.Select(i => JournalReader.Open(Path.Combine(folder.Path, $"shard-{i}", RunJournal.FileName), isSealed: true))];
        try
        {
            JournalEntry[] merged = [.. OrderedMerge.ByPairAndModel([.. readers.Select(r => r.Entries())], e => (e.Pair, e.Model))];

            (int, int)[] expected = [.. Enumerable.Range(0, pairs).SelectMany(p => new[] { (p, 0), (p, 1) })];
            CollectionAssert.AreEqual(expected, merged.Select(e => (e.Pair, e.Model)).ToArray());
            CollectionAssert.AreEqual(expected.Select(k => $"m{k.Item2},p{k.Item1}\n").ToArray(), merged.Select(e => e.Decode().Rows.Pairs).ToArray());
            CollectionAssert.AreEqual(new[] { 6, 8, 6 }, readers.Select(r => r.RecordCount).ToArray(), "every shard read to its end");
        }
        finally
        {
            foreach (JournalReader reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    [TestMethod]
    public void TheMergeHoldsAtMostOneItemPerSourceWhateverTheirLength()
    {
        const int sources = 4, pairs = 1003;
        int pulled = 0, handedOn = 0, mostHeld = 0;
        IEnumerable<(int Pair, int Model)> Shard(int index)
        {
            for (int pair = index; pair < pairs; pair += sources)
            {
                for (int model = 0; model < 2; model++)
                {
                    pulled++;
                    yield return (pair, model);
                }
            }
        }

        var order = new List<(int Pair, int Model)>();
        foreach ((int Pair, int Model) item in OrderedMerge.ByPairAndModel([.. Enumerable.Range(0, sources).Select(Shard)], k => k))
        {
            handedOn++;
            mostHeld = Math.Max(mostHeld, pulled - handedOn + 1); // the one being handed on counts as held
            order.Add(item);
        }

        Assert.AreEqual(pairs * 2, handedOn);
        Assert.AreEqual(sources, mostHeld, "one item per source, never more");
        CollectionAssert.AreEqual(Enumerable.Range(0, pairs).SelectMany(p => new[] { (p, 0), (p, 1) }).ToArray(), order.ToArray());
    }

    [TestMethod]
    public void TakingTheFirstItemPullsOnlyTheSourcesFirstItemsAndDisposesThem()
    {
        int pulled = 0, disposed = 0;
        IEnumerable<(int, int)> Source(int start)
        {
            try
            {
                for (int pair = start; ; pair += 2)
                {
                    pulled++;
                    yield return (pair, 0);
                }
            }
            finally
            {
                disposed++;
            }
        }

        (int, int) first = OrderedMerge.ByPairAndModel([Source(1), Source(0)], k => k).First();

        Assert.AreEqual((0, 0), first);
        Assert.AreEqual(2, pulled, "endless sources: only their first items were pulled");
        Assert.AreEqual(2, disposed);
    }

    private static PairRecord Record(int pair, int model)
    {
        var delta = new PredictionDelta(1, -0.5, 1, -0.5, 0, 0, 0, 0);
        var outcome = new PairOutcome($"p{pair}", "ink", delta, [], [new LayerChange("model.4", 0.25, 0.75, 0.5, 0.125, 0.375, [2f, 0.5f])], []);
        return new PairRecord(model, pair, $"p{pair}", new PairLogRows($"m{model},p{pair}\n", string.Empty, string.Empty, string.Empty), outcome, null);
    }
}
