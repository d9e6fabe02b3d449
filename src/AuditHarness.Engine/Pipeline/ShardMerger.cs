using AuditHarness.Core.IO;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Engine.Tracing;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// Combines the journals of the shards of one run (<see cref="AuditRunner.RunShard"/>) into the output of a whole run:
/// checks (reading each journal through once, without decoding its records) that they belong to the same spec, policy,
/// manifest and models and cover every pair exactly once, then merges their records in the order a whole run journals
/// them (by pair, then model) as it reads them, and journals and finishes them as a whole run does
/// (<see cref="AuditFinisher.Finish"/>), so logs, summary and journal are byte for byte those of a single run.
/// </summary>
public static class ShardMerger
{
    /// <summary>Merges <paramref name="shardFolders"/> into <paramref name="outputFolder"/>.</summary>
    /// <param name="specPath">The spec to judge with; null loads the one the shards recorded (its SHA-256 must match either way).</param>
    public static MergeResult Merge(IReadOnlyList<string> shardFolders, string outputFolder, string? specPath = null)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        ArgumentNullException.ThrowIfNull(outputFolder);
        if (shardFolders.Count == 0)
        {
            throw new AuditInputException("merge: give the folders of every shard (run SPEC --shard i/n).");
        }

        string output = Path.GetFullPath(outputFolder);
        var shards = new List<(string Folder, JournalContents Journal, ShardSpec Shard)>();
        foreach (string given in shardFolders)
        {
            string folder = Path.GetFullPath(given);
            if (string.Equals(folder.TrimEnd(Path.DirectorySeparatorChar), output.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                throw new AuditInputException($"merge: the output folder '{outputFolder}' is also a shard folder; merge into another folder.");
            }

            shards.Add(ReadShard(given, folder));
        }

        JournalHeader first = shards[0].Journal.Header!;
        int count = shards[0].Shard.Count;
        foreach ((string folder, JournalContents journal, ShardSpec shard) in shards.Skip(1))
        {
            if (journal.Header!.InputMismatch(first) is { } problem)
            {
                throw new AuditInputException($"merge: shard '{folder}' and shard '{shards[0].Folder}' are of different runs: '{folder}': {problem}.");
            }

            if (shard.Count != count)
            {
                throw new AuditInputException($"merge: '{folder}' is shard {shard} and '{shards[0].Folder}' is shard {shards[0].Shard}; every shard must split the pairs the same way (n = {count}).");
            }
        }

        foreach (IGrouping<int, (string Folder, JournalContents Journal, ShardSpec Shard)> twice in shards.GroupBy(s => s.Shard.Index).Where(g => g.Count() > 1))
        {
            throw new AuditInputException($"merge: shard {twice.Key}/{count} is given twice: {string.Join(" and ", twice.Select(s => $"'{s.Folder}'"))}.");
        }

        int[] missing = [.. Enumerable.Range(0, count).Except(shards.Select(s => s.Shard.Index))];
        if (missing.Length > 0)
        {
            throw new AuditInputException($"merge: shard{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing; got {shards.Count} of {count} ({string.Join(", ", shards.Select(s => s.Shard.ToString()).Order(StringComparer.Ordinal))}).");
        }

        AuditSpec spec = LoadSpec(specPath ?? first.Spec, specPath is null);
        PairList pairs = AuditRunner.ReadPairs(spec);
        JournalHeader whole = JournalHeader.Describe(spec, pairs.Pairs.Count, shard: null);
        if (first.InputMismatch(whole) is { } changed)
        {
            throw new AuditInputException($"merge: the shards cannot be judged with spec '{spec.Source.FullPath}': {changed}.");
        }

        foreach ((string folder, JournalContents journal, ShardSpec shard) in shards)
        {
            CheckComplete(folder, journal, shard, whole);
        }

        // The merged run started when its first shard did: that is the report's date.
        DateTime? started = shards.Select(s => s.Journal.Header!.Started).Where(t => t is not null).Min();
        whole = whole with { Started = started };
        using ArtifactInserter? inserter = spec.Dataset is InsertionDataset insertion ? AuditRunner.CreateInserter(spec, insertion) : null;
        using RunJournal journalOut = RunJournal.Create(output, whole, flushEachLine: false);
        // Tracing runs when every pair record is known, so a sharded run traces here: this machine needs the models and images.
        using TracePhase? trace = spec.Trace is null ? null : new TracePhase(spec, pairs, inserter, output, resume: true, Environment.ProcessorCount, intraOpThreads: 1);
        using var finisher = new AuditFinisher(spec, pairs, output) { Trace = trace, FlushEachRecord = false };
        MergeRecords(shards, journalOut, finisher);

        // The shards hashed the files their pairs read; their lists are combined, no image is read again here. After
        // every record decoded (the later models' are read from the shards as the finish gets to them), so a shard whose
        // journal does not decode leaves no finished output.
        AuditProvenance CaptureProvenance()
        {
            Provenance.InputListReference inputs = Provenance.InputList.Merge([.. shards.Select(s => ($"shard {s.Shard} in '{s.Folder}'", s.Folder))], output);
            return Provenance.ProvenanceCapture.Capture(spec, pairs.Pairs.Count + pairs.Problems.Count, started, inputs.DatasetDigest);
        }

        // The gallery re-runs a few pairs, so the merge loads each model once, as the single run had it loaded.
        AuditSummary summary = finisher.Finish(journalOut, m => ModelRecords(shards, m), (m, outcomes) =>
        {
            using YoloModel model = YoloModel.Load(spec.Models[m].Path.FullPath, new YoloModelOptions { Taps = AuditRunner.TapsOf(spec) });
            return AuditRunner.RenderGallery(spec, inserter, model, pairs, outcomes);
        }, CaptureProvenance);
        return new MergeResult(spec, summary with { RunId = RunIdentity.Of(output, summary) });
    }

    /// <summary>
    /// The shards' records in a whole run's order (pair by pair, model by model), by a k-way merge of their journals
    /// read one line at a time, so the merge holds one record per shard whatever the number of pairs: each is copied to
    /// the merged journal as its shard wrote it (the same bytes a single run writes) and the first model's are decoded
    /// (on every core, <see cref="ParallelRecordDecoder"/>) and fed to the finisher. The later models' are decoded only
    /// when the finish gets to them (<see cref="ModelRecords"/>), so every record is decoded once.
    /// </summary>
    private static void MergeRecords(List<(string Folder, JournalContents Journal, ShardSpec Shard)> shards, RunJournal journalOut, AuditFinisher finisher)
    {
        // A damaged record stops the merge where it stands, naming its shard's file and line.
        foreach ((JournalEntry entry, PairRecord? record) in ParallelRecordDecoder.Decode(ShardEntries(shards, model: null), e => e.Model == 0))
        {
            journalOut.Append(entry);
            if (record is not null)
            {
                finisher.Add(record);
            }
        }

        // The logs first: the journal holding every record is how a watcher (bench --finish) tells this step has ended.
        finisher.FlushLogs();
        journalOut.Flush();
    }

    /// <summary>One later model's records from the shards, merged into pair order and decoded on every core.</summary>
    private static IEnumerable<PairRecord> ModelRecords(List<(string Folder, JournalContents Journal, ShardSpec Shard)> shards, int model) =>
        ParallelRecordDecoder.DecodeAll(ShardEntries(shards, model));

    /// <summary>
    /// The entries of every shard (of one model, or of all) in pair and model order, read one line at a time; at the end
    /// each shard must have held as many records as when it was first read through.
    /// </summary>
    private static IEnumerable<JournalEntry> ShardEntries(List<(string Folder, JournalContents Journal, ShardSpec Shard)> shards, int? model)
    {
        var readers = new List<JournalReader>(shards.Count);
        try
        {
            foreach ((_, JournalContents journal, _) in shards)
            {
                readers.Add(JournalReader.Open(journal.Path, journal.IsSealed));
            }

            IEnumerable<JournalEntry>[] sources = [.. readers.Select(r => model is { } m ? r.Entries(m) : r.Entries())];
            foreach (JournalEntry entry in OrderedMerge.ByPairAndModel(sources, e => (e.Pair, e.Model)))
            {
                yield return entry;
            }

            for (int s = 0; s < shards.Count; s++)
            {
                if (readers[s].RecordCount != shards[s].Journal.RecordCount)
                {
                    throw new AuditInputException($"merge: the journal of shard {shards[s].Shard} in '{shards[s].Folder}' changed while it was merged ({shards[s].Journal.RecordCount} pair results, then {readers[s].RecordCount}); merge again.");
                }
            }
        }
        finally
        {
            foreach (JournalReader reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static (string Folder, JournalContents Journal, ShardSpec Shard) ReadShard(string given, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new AuditInputException(File.Exists(folder) ? $"merge: shard folder '{given}' is a file; expected the output folder of run --shard i/n." : $"merge: shard folder '{given}' does not exist.");
        }

        JournalContents? journal = RunJournal.Read(folder);
        if (journal is null)
        {
            throw new AuditInputException($"merge: '{given}' holds no {RunJournal.FileName}; expected the folder of a shard run (run SPEC --shard i/n --output '{given}').");
        }

        if (journal.Header?.Shard is not { } shard)
        {
            throw new AuditInputException(journal.Header is null
                ? $"merge: the journal in '{given}' has no whole header line; run that shard again."
                : $"merge: '{given}' holds a whole run, not a shard; merge takes the folders of run --shard i/n.");
        }

        if (!journal.IsSealed)
        {
            throw new AuditInputException($"merge: shard {shard} in '{given}' is not finished ({journal.RecordCount} pair results journaled); finish it with run SPEC --shard {shard} --resume '{given}'.");
        }

        if (!File.Exists(Path.Combine(folder, Provenance.InputList.FileName)))
        {
            throw new AuditInputException($"merge: shard {shard} in '{given}' has no {Provenance.InputList.FileName} (the SHA-256 of the files its pairs read, written when a shard finishes); run that shard again into an empty folder.");
        }

        return (given, journal, shard);
    }

    private static void CheckComplete(string folder, JournalContents journal, ShardSpec shard, JournalHeader whole)
    {
        int expected = shard.PairsOf(whole.Pairs) * whole.Models.Count;
        if (journal.RecordCount != expected)
        {
            // Records are checked in order and in the shard when read, so a wrong count means pairs are missing.
            throw new AuditInputException($"merge: shard {shard} in '{folder}' holds {journal.RecordCount} pair results; expected {expected} ({shard.PairsOf(whole.Pairs)} pairs x {whole.Models.Count} models); run it again with --resume.");
        }
    }

    private static AuditSpec LoadSpec(string path, bool recorded)
    {
        if (recorded && !File.Exists(path))
        {
            throw new AuditInputException($"merge: the spec the shards recorded, '{path}', does not exist; pass it with --spec.");
        }

        return AuditSpecLoader.Load(path);
    }
}
