namespace AuditHarness.Core.IO;

/// <summary>
/// A k-way merge of streams that are each in order into one stream in that order (shards' journals into a whole run's,
/// shards' input lists into one): a priority queue holds each stream's next item, so at most one item per stream is
/// held at a time however long the streams are.
/// </summary>
public static class OrderedMerge
{
    /// <summary>
    /// The items of every source in increasing <paramref name="key"/> (equal keys by source order), each with the index
    /// of its source. Each source is pulled one item at a time, only after its previous item was handed on; the sources
    /// are disposed at the end.
    /// </summary>
    public static IEnumerable<(int Source, T Item)> Merge<T, TKey>(IReadOnlyList<IEnumerable<T>> sources, Func<T, TKey> key, IComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(key);
        IComparer<TKey> keys = comparer ?? Comparer<TKey>.Default;
        var cursors = new List<IEnumerator<T>>(sources.Count);
        try
        {
            var next = new PriorityQueue<int, (TKey Key, int Source)>(
                sources.Count,
                Comparer<(TKey Key, int Source)>.Create((a, b) => keys.Compare(a.Key, b.Key) is var c and not 0 ? c : a.Source.CompareTo(b.Source)));
            foreach (IEnumerable<T> source in sources)
            {
                IEnumerator<T> cursor = source.GetEnumerator();
                cursors.Add(cursor);
                if (cursor.MoveNext())
                {
                    next.Enqueue(cursors.Count - 1, (key(cursor.Current), cursors.Count - 1));
                }
            }

            while (next.TryDequeue(out int source, out _))
            {
                IEnumerator<T> cursor = cursors[source];
                yield return (source, cursor.Current);
                if (cursor.MoveNext())
                {
                    next.Enqueue(source, (key(cursor.Current), source));
                }
            }
        }
        finally
        {
            foreach (IEnumerator<T> cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }

    /// <summary>The items of every source in pair and model order (equal keys by source order): a whole run's journal order.</summary>
    public static IEnumerable<T> ByPairAndModel<T>(IReadOnlyList<IEnumerable<T>> sources, Func<T, (int Pair, int Model)> key) =>
        Merge(sources, key).Select(merged => merged.Item);
}
