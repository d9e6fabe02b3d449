using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// Work on many independent items (files to hash) at most a given number at a time, with the results by position: the
/// caller builds its messages in the items' own order, so what it prints does not depend on which thread finished first.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>Items held at once by <see cref="MapStream"/>: a list of millions of files is never read whole.</summary>
    public const int BatchSize = 4096;

    /// <summary>
    /// <paramref name="work"/> of every item, in the items' order. Items are handed out one at a time (a few large files
    /// among many small ones keep every thread busy), the costliest first when <paramref name="cost"/> is given. When
    /// items fail, the exception of the first failing one (by position) is thrown, as a loop would have thrown it.
    /// </summary>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int degree, Func<TItem, long>? cost = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degree);
        var results = new TResult[items.Count];
        var errors = new Exception?[items.Count];
        int[] order = [.. Enumerable.Range(0, items.Count)];
        if (cost is not null)
        {
            long[] costs = [.. items.Select(cost)];
            order = [.. order.OrderByDescending(i => costs[i]).ThenBy(i => i)];
        }

        Parallel.ForEach(
            Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = degree },
            i =>
            {
                try
                {
                    results[i] = work(items[i]);
                }
                catch (Exception ex)
                {
                    errors[i] = ex; // kept, so the first item's failure is the one thrown, whichever thread saw it first
                }
            });
        if (Array.Find(errors, e => e is not null) is { } first)
        {
            ExceptionDispatchInfo.Capture(first).Throw();
        }

        return results;
    }

    /// <summary>
    /// <see cref="Map"/> over a stream of items, <see cref="BatchSize"/> at a time, yielding each item with its result
    /// in the stream's order. When the stream itself throws (a malformed row), the items read before it are yielded first,
    /// then its exception is thrown, as a loop over the stream would do.
    /// </summary>
    public static IEnumerable<(TItem Item, TResult Result)> MapStream<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> work, int degree)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        using IEnumerator<TItem> source = items.GetEnumerator();
        var batch = new List<TItem>(BatchSize);
        while (true)
        {
            ExceptionDispatchInfo? failure = Fill(source, batch);
            TResult[] results = Map(batch, work, degree);
            for (int i = 0; i < batch.Count; i++)
            {
                yield return (batch[i], results[i]);
            }

            failure?.Throw();
            if (batch.Count < BatchSize)
            {
                yield break;
            }

            batch.Clear();
        }
    }

    /// <summary>Reads up to <see cref="BatchSize"/> items into <paramref name="batch"/>; the stream's exception, if it threw.</summary>
    private static ExceptionDispatchInfo? Fill<TItem>(IEnumerator<TItem> source, List<TItem> batch)
    {
        try
        {
            while (batch.Count < BatchSize && source.MoveNext())
            {
                batch.Add(source.Current);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ExceptionDispatchInfo.Capture(ex);
        }
    }
}
