using System.Runtime.ExceptionServices;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// Decodes journal entries on every core and hands them back in their order: one thread pulls the entries (reading the
/// files, merging shards) and cuts them into batches, each batch is decoded by one of a thread per core, and the caller takes
/// the batches in order while the next ones are read and decoded. At most a few batches per core are in flight, so the
/// memory stays flat however long the journal. Decoding is the bulk of reading a journal back (base64, inflate, the
/// record's fields); the entries' order is the journal's, so whatever consumes them writes the same bytes.
/// </summary>
/// <remarks>
/// A damaged record, or a line the reader refuses, is thrown where it stands in the order: every entry before it is
/// handed back first, as a one-at-a-time reader would. Leaving the enumeration early stops the reading thread and waits
/// for it, so the sources can be disposed once the loop is left. Waiting threads block at once rather than spin: on a
/// machine of two cores a spinning consumer takes the time the decoding needs.
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
        return Ordered(entries, decode, Environment.ProcessorCount, Math.Max(2, 2 * Environment.ProcessorCount));
    }

    /// <summary>The records of <paramref name="entries"/>, every one decoded, in order.</summary>
    public static IEnumerable<PairRecord> DecodeAll(IEnumerable<JournalEntry> entries) =>
        Decode(entries, _ => true).Select(decoded => decoded.Record!);

    private static IEnumerable<(JournalEntry Entry, PairRecord? Record)> Ordered(IEnumerable<JournalEntry> entries, Func<JournalEntry, bool> decode, int decoders, int inFlight)
    {
        // Decoding threads of their own, which block between batches, rather than the thread pool's workers, which spin
        // for work after each batch and so take time from the decoding on a machine of two cores.
        var queue = new BatchQueue(inFlight);
        var work = new BatchQueue(inFlight);
        var reading = new Thread(() => Read(entries, decode, queue, work)) { IsBackground = true, Name = "journal reader" };
        Thread[] decoding = [.. Enumerable.Range(0, decoders).Select(d => new Thread(() => DecodeBatches(work, decode)) { IsBackground = true, Name = "journal decoder" })];
        foreach (Thread thread in decoding)
        {
            thread.Start();
        }

        reading.Start();
        try
        {
            while (queue.Take() is { } batch)
            {
                batch.Wait(); // a failure of the reading thread comes as a failed batch, in its place
                for (int i = 0; i < batch.Count; i++)
                {
                    yield return (batch.Entries[i], batch.Records[i]);
                }

                batch.Failure?.Throw();
            }
        }
        finally
        {
            queue.Stop();
            reading.Join(); // Read never throws: it posts its failure as a batch
            work.Stop();
            foreach (Thread thread in decoding)
            {
                thread.Join();
            }
        }
    }

    /// <summary>A decoding thread: decodes the batches it takes until the reading ends or the consumer leaves.</summary>
    private static void DecodeBatches(BatchQueue work, Func<JournalEntry, bool> decode)
    {
        while (work.Take() is { } batch)
        {
            batch.Run(decode);
        }
    }

    /// <summary>Pulls the entries into batches and starts decoding each; a failure is posted as the last batch.</summary>
    private static void Read(IEnumerable<JournalEntry> entries, Func<JournalEntry, bool> decode, BatchQueue queue, BatchQueue work)
    {
        try
        {
            var batch = new List<JournalEntry>(BatchSize);
            foreach (JournalEntry entry in entries)
            {
                batch.Add(entry);
                if (batch.Count == BatchSize)
                {
                    if (!Post(new DecodedBatch(batch), queue, work))
                    {
                        return; // the consumer left early
                    }

                    batch = new List<JournalEntry>(BatchSize);
                }
            }

            if (batch.Count > 0 && !Post(new DecodedBatch(batch), queue, work))
            {
                return;
            }
        }
        catch (Exception ex)
        {
            queue.Add(DecodedBatch.Failed(ExceptionDispatchInfo.Capture(ex)));
        }

        queue.Complete();
        work.Complete();
    }

    /// <summary>Hands a batch to the consumer (in order) and to the decoding threads; false when the consumer left.</summary>
    private static bool Post(DecodedBatch batch, BatchQueue queue, BatchQueue work) => queue.Add(batch) && work.Add(batch);

    /// <summary>A batch's entries and records, decoded on a decoding thread; the first <see cref="Count"/> are good, then <see cref="Failure"/> (if any) stops the order.</summary>
    private sealed class DecodedBatch
    {
        private readonly ManualResetEventSlim _done = new(initialState: false, spinCount: 0);

        public DecodedBatch(IReadOnlyList<JournalEntry> entries)
        {
            Entries = entries;
            Records = new PairRecord?[entries.Count];
        }

        public IReadOnlyList<JournalEntry> Entries { get; }

        public PairRecord?[] Records { get; }

        public int Count { get; private set; }

        public ExceptionDispatchInfo? Failure { get; private set; }

        public static DecodedBatch Failed(ExceptionDispatchInfo failure)
        {
            var batch = new DecodedBatch([]) { Failure = failure };
            batch._done.Set();
            return batch;
        }

        /// <summary>Blocks until the batch is decoded.</summary>
        public void Wait()
        {
            _done.Wait();
            _done.Dispose();
        }

        /// <summary>Decodes the batch (on a decoding thread) and wakes the consumer waiting for it.</summary>
        public void Run(Func<JournalEntry, bool> decode)
        {
            try
            {
                for (; Count < Entries.Count; Count++)
                {
                    JournalEntry entry = Entries[Count];
                    Records[Count] = decode(entry) ? entry.Decode() : null;
                }
            }
            catch (Exception ex)
            {
                Failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                _done.Set();
            }
        }
    }

    /// <summary>Batches in order between the reading thread and the consumer, at most a bound of them; waits block on a monitor.</summary>
    private sealed class BatchQueue(int bound)
    {
        private readonly Queue<DecodedBatch> _batches = new();
        private bool _complete, _stopped;

        /// <summary>Adds a batch, waiting while the queue is full; false when the consumer stopped.</summary>
        public bool Add(DecodedBatch batch)
        {
            lock (_batches)
            {
                while (_batches.Count >= bound && !_stopped)
                {
                    Monitor.Wait(_batches);
                }

                if (_stopped)
                {
                    return false;
                }

                _batches.Enqueue(batch);
                Monitor.PulseAll(_batches);
                return true;
            }
        }

        /// <summary>The next batch, waiting for one; null once the reading thread completed and every batch was taken, or once stopped.</summary>
        public DecodedBatch? Take()
        {
            lock (_batches)
            {
                while (_batches.Count == 0 && !_complete && !_stopped)
                {
                    Monitor.Wait(_batches);
                }

                if (_batches.Count == 0 || _stopped)
                {
                    return null;
                }

                DecodedBatch batch = _batches.Dequeue();
                Monitor.PulseAll(_batches);
                return batch;
            }
        }

        /// <summary>No batch follows (the reading thread's end).</summary>
        public void Complete()
        {
            lock (_batches)
            {
                _complete = true;
                Monitor.PulseAll(_batches);
            }
        }

        /// <summary>The consumer left: the reading thread stops at its next batch, the decoding threads at theirs.</summary>
        public void Stop()
        {
            lock (_batches)
            {
                _stopped = true;
                Monitor.PulseAll(_batches);
            }
        }
    }
}
