using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Engine.Provenance;
using AuditHarness.Engine.Summary;
using AuditHarness.Results;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// Writes what <c>run SPEC --shard i/n</c> would leave for a dataset of any size without running a model: a manifest
/// of N pairs over S subjects, a copy of the source run's spec that audits it (same models, policy and settings), and
/// k sealed shard journals whose records are the source run's real per-pair records, resampled with a seed, with the
/// pair index, pair id and subject rewritten (in the outcome and in the journaled log rows alike). <c>merge</c> accepts
/// them as a real sharded run, so the merge and finish steps can be measured at 10^6 pairs on one machine.
/// </summary>
/// <remarks>
/// Each simulated pair copies one source pair whole: its manifest row (image, counterfactual, mask, artifact type,
/// label) and every model's record, so the gallery, which re-runs a few pairs, finds the images the records came from.
/// Subjects are drawn uniformly over S, independently of the source pair. A transplanted placebo's host id is kept as
/// the source's (it names a source pair, not a simulated one). A trace section is left out of the spec copy: tracing
/// re-runs the models on every pair, which is what the simulation avoids.
/// </remarks>
public static class ShardJournalGenerator
{
    public const string ManifestFileName = "manifest.csv";

    public const string SpecFileName = "scale.audit.json";

    /// <summary>The folder of shard <paramref name="index"/> inside the scratch folder.</summary>
    public static string ShardFolder(string folder, int index) => Path.Combine(folder, "shards", index.ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>Writes the scenario's manifest, spec copy and shard journals; stops with a one-line error on bad arguments or a source that is no finished run.</summary>
    public static GeneratedShards Generate(ScaleScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Validate(scenario);
        string folder = Path.GetFullPath(scenario.Folder);
        (AuditSpec sourceSpec, PairList sourcePairs, JournalContents source) = ReadSource(scenario.SourceRun);

        // Source pairs with a record of every model (a whole finished run has them all), grouped by pair index.
        int models = sourceSpec.Models.Count;
        PairRecord[][] byPair = [.. source.ReadRecords().GroupBy(r => r.Pair).Where(g => g.Count() == models).OrderBy(g => g.Key).Select(g => g.OrderBy(r => r.Model).ToArray())];
        if (byPair.Length == 0)
        {
            throw new AuditInputException($"bench --finish: the run in '{scenario.SourceRun}' holds no pair with a record of every model; expected a finished run.");
        }

        // The draws: which source pair each simulated pair copies and which subject it shows.
        var random = new Random(scenario.Seed);
        int[] copies = new int[scenario.Pairs];
        int[] subjects = new int[scenario.Pairs];
        for (int i = 0; i < scenario.Pairs; i++)
        {
            copies[i] = random.Next(byPair.Length);
            subjects[i] = random.Next(scenario.Subjects);
        }

        Directory.CreateDirectory(folder);
        string manifest = Path.Combine(folder, ManifestFileName);
        WriteManifest(manifest, scenario.Pairs, i => (ManifestPair)sourcePairs.Pairs[byPair[copies[i]][0].Pair], i => SubjectId(subjects[i], scenario.Subjects));
        string specPath = Path.Combine(folder, SpecFileName);
        WriteSpecCopy(sourceSpec, manifest, Path.Combine(folder, "run"), specPath, scenario.Resamples);
        AuditSpec spec = AuditSpecLoader.Load(specPath);

        DateTime? started = source.Header!.Started;
        var shardFolders = new List<string>();
        long records = 0, recordBytes = 0, journalBytes = 0;
        for (int s = 0; s < scenario.Shards; s++)
        {
            var shard = new ShardSpec(s, scenario.Shards);
            string shardFolder = ShardFolder(folder, s);
            JournalHeader header = JournalHeader.Describe(spec, scenario.Pairs, shard) with { Started = started };
            long headerBytes;
            using (RunJournal journal = RunJournal.Create(shardFolder, header))
            {
                headerBytes = new FileInfo(Path.Combine(shardFolder, RunJournal.PartialFileName)).Length;
                for (int i = s; i < scenario.Pairs; i += scenario.Shards)
                {
                    string pairId = PairId(i);
                    string subject = SubjectId(subjects[i], scenario.Subjects);
                    foreach (PairRecord record in byPair[copies[i]])
                    {
                        journal.Append(Rewrite(record, i, pairId, subject));
                        records++;
                    }
                }

                // A shard lists the files its pairs read (inputs.csv) before its seal; a simulated pair reads its source pair's files.
                PairInputs.Record(spec, Enumerable.Range(0, shard.PairsOf(scenario.Pairs)).Select(j => copies[s + (j * scenario.Shards)]).Distinct().Select(c => sourcePairs.Pairs[byPair[c][0].Pair]), shardFolder);
                journal.Seal();
            }

            long size = new FileInfo(Path.Combine(shardFolder, RunJournal.FileName)).Length;
            journalBytes += size;
            recordBytes += size - headerBytes;
            shardFolders.Add(shardFolder);
        }

        return new GeneratedShards(specPath, manifest, shardFolders, records, recordBytes, journalBytes);
    }

    /// <summary>The simulated pair's id: its 0-based index, zero-padded so ids sort like the pairs.</summary>
    public static string PairId(int index) => "sim" + index.ToString("D7", CultureInfo.InvariantCulture);

    private static string SubjectId(int subject, int subjects) => "subj" + subject.ToString("D" + subjects.ToString(CultureInfo.InvariantCulture).Length.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static void Validate(ScaleScenario scenario)
    {
        if (scenario.Pairs < 1)
        {
            throw new AuditInputException($"bench --finish: the number of pairs must be at least 1; got {scenario.Pairs}.");
        }

        if (scenario.Shards < 1 || scenario.Shards > scenario.Pairs)
        {
            throw new AuditInputException($"bench --finish: --shards must be between 1 and the number of pairs ({scenario.Pairs}); got {scenario.Shards}.");
        }

        if (scenario.Subjects < 1 || scenario.Subjects > scenario.Pairs)
        {
            throw new AuditInputException($"bench --finish: --subjects must be between 1 and the number of pairs ({scenario.Pairs}); got {scenario.Subjects}.");
        }

        if (scenario.Resamples is < 1)
        {
            throw new AuditInputException($"bench --finish: --resamples must be at least 1; got {scenario.Resamples}.");
        }

        string folder = Path.GetFullPath(scenario.Folder);
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            throw new AuditInputException($"bench --finish: scratch folder '{scenario.Folder}' is not empty; give a new or empty folder.");
        }
    }

    /// <summary>The source run's spec, pairs and journal; refuses a folder without a sealed whole-run journal, a moved or changed spec, or an insertion dataset.</summary>
    /// <summary>
    /// The run folder to resample: <paramref name="sourceRun"/> itself when it holds a journal, else its newest run
    /// subfolder with one (a spec's output folder, such as <c>runs/demo-dermoscopy</c>, holds one folder per run).
    /// </summary>
    public static string ResolveSourceRun(string sourceRun)
    {
        ArgumentNullException.ThrowIfNull(sourceRun);
        string folder = Path.GetFullPath(sourceRun);
        if (File.Exists(Path.Combine(folder, RunJournal.FileName)))
        {
            return folder;
        }

        string? newest = Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder)
                .Select(d => new FileInfo(Path.Combine(d, RunJournal.FileName)))
                .Where(f => f.Exists)
                .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.FullName, StringComparer.Ordinal)
                .FirstOrDefault()?.DirectoryName
            : null;
        return newest ?? throw new AuditInputException(
            $"bench --finish: '{sourceRun}' holds no {RunJournal.FileName}, nor does any run folder in it; expected the folder of a finished run or of a spec's runs (e.g. the demo's: run audits/demo-dermoscopy.audit.json).");
    }

    private static (AuditSpec Spec, PairList Pairs, JournalContents Journal) ReadSource(string sourceRun)
    {
        string journalPath = Path.Combine(ResolveSourceRun(sourceRun), RunJournal.FileName);

        JournalContents journal = RunJournal.ReadFile(journalPath, isSealed: true);
        if (journal.Header is { } old && old.SchemaVersion != JournalHeader.CurrentSchemaVersion)
        {
            throw new AuditInputException($"bench --finish: the journal in '{sourceRun}' is of format {old.SchemaVersion} and this harness writes format {JournalHeader.CurrentSchemaVersion}; run its spec again with this build.");
        }

        if (journal.Header is not { } header || header.Shard is not null || journal.Completion is null)
        {
            throw new AuditInputException($"bench --finish: '{sourceRun}' holds {(journal.Header?.Shard is { } shard ? $"shard {shard}" : "an unfinished run")}; expected a finished whole run.");
        }

        if (!File.Exists(header.Spec))
        {
            throw new AuditInputException($"bench --finish: the spec the run in '{sourceRun}' recorded, '{header.Spec}', does not exist.");
        }

        AuditSpec spec = AuditSpecLoader.Load(header.Spec);
        if (spec.Dataset is not ManifestDataset)
        {
            throw new AuditInputException($"bench --finish: the run in '{sourceRun}' draws its pairs by insertion; expected a run of a pair manifest.");
        }

        PairList pairs = AuditRunner.ReadPairs(spec);
        if (header.InputMismatch(JournalHeader.Describe(spec, pairs.Pairs.Count, shard: null)) is { } problem)
        {
            throw new AuditInputException($"bench --finish: the run in '{sourceRun}' no longer matches its spec '{header.Spec}': {problem}.");
        }

        return (spec, pairs, journal);
    }

    private static void WriteManifest(string path, int count, Func<int, ManifestPair> copyOf, Func<int, string> subjectOf)
    {
        using var table = new CsvTableFile(path, ["pair_id", "image", "counterfactual", "mask", "artifact_type", "label", "subject_id"]);
        for (int i = 0; i < count; i++)
        {
            ManifestPair copy = copyOf(i);
            table.Writer.WriteField(PairId(i));
            table.Writer.WriteField(copy.Image);
            table.Writer.WriteField(copy.Counterfactual ?? string.Empty);
            table.Writer.WriteField(copy.Mask);
            table.Writer.WriteField(copy.ArtifactType);
            table.Writer.WriteField(copy.Label ?? string.Empty);
            table.Writer.WriteField(subjectOf(i));
            table.Writer.EndRecord();
        }

        table.Complete();
    }

    /// <summary>The source spec as JSON with every file it names made absolute, the manifest and output replaced, tracing left out and, when given, the bootstrap's resamples set.</summary>
    private static void WriteSpecCopy(AuditSpec source, string manifest, string output, string path, int? resamples)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(source.Source.FullPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new AuditInputException($"bench --finish: spec '{source.Source.FullPath}' is empty.");
        JsonObject spec = root.AsObject();
        if (spec["model"] is not null)
        {
            spec["model"] = source.Models[0].Path.FullPath;
        }

        if (spec["models"] is JsonArray models)
        {
            for (int m = 0; m < models.Count; m++)
            {
                models[m]!["path"] = source.Models[m].Path.FullPath;
            }
        }

        var dataset = (ManifestDataset)source.Dataset;
        JsonObject datasetNode = spec["dataset"]!.AsObject();
        datasetNode["manifest"] = manifest;
        if (dataset.Annotations.Labels is { } labels)
        {
            datasetNode["labels"] = labels.FullPath;
        }

        if (dataset.Annotations.ClassNames is { } classNames)
        {
            datasetNode["classNames"] = classNames.FullPath;
        }

        if (source.Policy.File is { } policy)
        {
            spec["policy"] = policy.FullPath;
        }

        spec["output"] = output;
        if (resamples is int count)
        {
            if (spec["bootstrap"] is not JsonObject bootstrap)
            {
                bootstrap = [];
                spec["bootstrap"] = bootstrap;
            }

            bootstrap["resamples"] = count;
        }

        spec.Remove("trace");
        spec.Remove("$schema");
        File.WriteAllText(path, spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static PairRecord Rewrite(PairRecord record, int index, string pairId, string subject)
    {
        if (record.Failure is { } failure)
        {
            // errors.csv also names the manifest row: the row is formatted again from the rewritten failure.
            PairFailure moved = failure with { PairId = pairId, ManifestRow = index + 2 };
            return new PairRecord(record.Model, index, pairId, new PairLogRows(string.Empty, string.Empty, string.Empty, AuditLog.FormatFailure(moved)), null, moved);
        }

        PairLogRows rows = record.Rows;
        var rewritten = new PairLogRows(
            CsvPairIdRewriter.Rewrite(rows.Pairs, pairId),
            CsvPairIdRewriter.Rewrite(rows.Detections, pairId),
            CsvPairIdRewriter.Rewrite(rows.Layers, pairId),
            CsvPairIdRewriter.Rewrite(rows.Errors, pairId));
        return new PairRecord(record.Model, index, pairId, rewritten, record.Outcome! with { PairId = pairId, SubjectId = subject }, null);
    }
}
