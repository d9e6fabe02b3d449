using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// Decodes journal entries on every core and hands them back in their order: one thread pulls the entries (reading the
/// files, merging shards) and cuts them into batches, each batch is decoded on the thread pool, and the caller takes
/// the batches in order while the next ones are read and decoded. At most a few batches per core are in flight, so the
/// memory stays flat however long the journal. Decoding is the bulk of reading a journal back (base64, inflate, the
/// record's fields); the entries' order is the journal's, so whatever consumes them writes the same bytes.
/// </summary>
/// <remarks>
/// A damaged record, or a line the reader refuses, is thrown where it stands in the order: every entry before it is
/// handed back first, as a one-at-a-time reader would. Leaving the enumeration early stops the reading thread and waits
/// for it, so the sources can be disposed once the loop is left.
/// </remarks>
internal static class ParallelRecordDecoder
{
    /// <summary>Entries per batch: a few hundred KB of lines, large enough that handing a batch over costs nothing beside decoding it.</summary>
    private const int BatchSize = 128;

    /// <summary>
    /// The entries in order, each with its record when <paramref name="decode"/> says it is to be decoded (null
    /// otherwise, when the line is only copied).
    /// </summary>
    /// <param name="entries">The entries in the order to hand them back; enumerated on another thread.</param>
    /// <param name="decode">Which entries to decode.</param>
    public static IEnumerable<(JournalEntry Entry, PairRecord? Record)> Decode(IEnumerable<JournalEntry> entries, Func<JournalEntry, bool> decode)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(decode);
        return Ordered(entries, decode, Math.Max(2, 2 * Environment.ProcessorCount));
    }

    /// <summary>The records of <paramref name="entries"/>, every one decoded, in order.</summary>
    public static IEnumerable<PairRecord> DecodeAll(IEnumerable<JournalEntry> entries) =>
        Decode(entries, _ => true).Select(decoded => decoded.Record!);

    private static IEnumerable<(JournalEntry Entry, PairRecord? Record)> Ordered(IEnumerable<JournalEntry> entries, Func<JournalEntry, bool> decode, int inFlight)
    {
        using var batches = new BlockingCollection<Task<DecodedBatch>>(inFlight);
        using var stop = new CancellationTokenSource();
        Task reading = Task.Factory.StartNew(() => Read(entries, decode, batches, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (Task<DecodedBatch> pending in batches.GetConsumingEnumerable())
            {
                DecodedBatch batch = pending.GetAwaiter().GetResult(); // a failure of the reading thread comes as a failed batch, in its place
                for (int i = 0; i < batch.Count; i++)
                {
                    yield return (batch.Entries[i], batch.Records[i]);
                }

                batch.Failure?.Throw();
            }
        }
        finally
        {
            stop.Cancel();
            reading.Wait(); // Read never throws: it posts its failure as a batch
        }
    }

    /// <summary>Pulls the entries into batches and starts decoding each; a failure is posted as the last batch.</summary>
    private static void Read(IEnumerable<JournalEntry> entries, Func<JournalEntry, bool> decode, BlockingCollection<Task<DecodedBatch>> batches, CancellationToken stop)
    {
        try
        {
            var batch = new List<JournalEntry>(BatchSize);
            foreach (JournalEntry entry in entries)
            {
                batch.Add(entry);
                if (batch.Count == BatchSize)
                {
                    Post(batches, Decoding(batch, decode), stop);
                    batch = new List<JournalEntry>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                Post(batches, Decoding(batch, decode), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return; // the consumer left early
        }
        catch (Exception ex)
        {
            try
            {
                Post(batches, Task.FromResult(new DecodedBatch([], [], 0, ExceptionDispatchInfo.Capture(ex))), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }

        batches.CompleteAdding();
    }

    private static void Post(BlockingCollection<Task<DecodedBatch>> batches, Task<DecodedBatch> batch, CancellationToken stop) => batches.Add(batch, stop);

    private static Task<DecodedBatch> Decoding(List<JournalEntry> entries, Func<JournalEntry, bool> decode) => Task.Run(() =>
    {
        var records = new PairRecord?[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            try
            {
                records[i] = decode(entries[i]) ? entries[i].Decode() : null;
            }
            catch (Exception ex)
            {
                return new DecodedBatch(entries, records, i, ExceptionDispatchInfo.Capture(ex));
            }
        }

        return new DecodedBatch(entries, records, entries.Count, null);
    });

    /// <summary>A batch's entries and records; the first <see cref="Count"/> are good, then <see cref="Failure"/> (if any) stops the order.</summary>
    private sealed record DecodedBatch(IReadOnlyList<JournalEntry> Entries, PairRecord?[] Records, int Count, ExceptionDispatchInfo? Failure);
}
