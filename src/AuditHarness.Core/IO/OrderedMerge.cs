namespace AuditHarness.Engine.Journal;

/// <summary>
/// A k-way merge of streams that are each in pair and model order into one stream in that order (shards' journals into
/// a whole run's): a priority queue holds each stream's next item, so at most one item per stream is held at a time
/// however long the streams are.
/// </summary>
public static class OrderedMerge
{
    /// <summary>
    /// The items of every source in increasing <paramref name="key"/> (equal keys by source order). Each source is
    /// pulled one item at a time, only after its previous item was handed on; the sources are disposed at the end.
    /// </summary>
    public static IEnumerable<T> ByPairAndModel<T>(IReadOnlyList<IEnumerable<T>> sources, Func<T, (int Pair, int Model)> key)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(key);
        var cursors = new List<IEnumerator<T>>(sources.Count);
        try
        {
            var next = new PriorityQueue<int, ((int Pair, int Model) Key, int Source)>(sources.Count);
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
                yield return cursor.Current;
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
}
