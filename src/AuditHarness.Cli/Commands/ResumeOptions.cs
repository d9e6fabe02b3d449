using System.CommandLine;
using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Cli.Commands;

/// <summary>The <c>--resume</c> and <c>--shard</c> options of <c>run</c>: their parsing, and what happens before the run starts.</summary>
public static class ResumeOptions
{
    public static Option<DirectoryInfo?> Resume() => new("--resume")
    {
        Description = "Go on with the run in this folder (killed or unfinished): pairs in its journal are not run again. Refuses a folder of another spec; on a finished run, says so and exits with its code. Starts afresh when the folder holds no journal.",
    };

    public static Option<ShardSpec?> Shard() => new("--shard")
    {
        Description = "Run only shard i of n (0 <= i < n): the pairs whose index modulo n is i; writes only a journal, for 'merge'. 'auto/n' takes i from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN (Slurm array). Default folder: the output folder + '-shard-i-of-n'.",
        CustomParser = result =>
        {
            string? text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            ShardSpec? shard = ShardSpec.Parse(text, Environment.GetEnvironmentVariable, "--shard", out string? error);
            if (error is not null)
            {
                result.AddError(error);
            }

            return shard;
        },
    };

    /// <summary>The folder a shard writes to when no <c>--output</c> is given.</summary>
    public static string DefaultShardFolder(AuditSpec spec, ShardSpec shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{spec.Output.FullPath.TrimEnd(Path.DirectorySeparatorChar)}-shard-{shard.Index}-of-{shard.Count}");

    /// <summary>
    /// Settles the output folder; returns the exit code when there is nothing left to do (a finished run or shard),
    /// null when the run should go ahead.
    /// </summary>
    /// <param name="failOnWarn">The gate of this invocation, applied to a finished run's recorded verdict too.</param>
    public static int? Prepare(AuditSpec spec, ref string? outputFolder, string? resumeFolder, ShardSpec? shard, bool failOnWarn = false)
    {
        if (resumeFolder is null)
        {
            if (shard is not null)
            {
                outputFolder ??= DefaultShardFolder(spec, shard);
            }

            return null;
        }

        if (outputFolder is not null && Path.GetFullPath(outputFolder).TrimEnd('/') != Path.GetFullPath(resumeFolder).TrimEnd('/'))
        {
            throw new AuditInputException($"Options '--output' ('{outputFolder}') and '--resume' ('{resumeFolder}') name different folders; a resumed run goes on in its own folder.");
        }

        outputFolder = resumeFolder;
        JournalContents? journal = Directory.Exists(resumeFolder) ? RunJournal.Read(resumeFolder) : null;
        if (journal?.Header is not { } header)
        {
            Console.Error.WriteLine($"note: '{resumeFolder}' holds no run journal; starting the run from the beginning there.");
            return null;
        }

        string specSha256 = FileDigest.Compute(spec.Source.FullPath).Sha256;
        if (header.SpecSha256 != specSha256)
        {
            throw new AuditInputException($"Option '--resume': '{resumeFolder}' is a run of another spec ('{header.Spec}', sha256 {header.SpecSha256[..12]}…; '{spec.Source.FullPath}' has sha256 {specSha256[..12]}…); resume it with the spec it was started with.");
        }

        bool finished = journal.IsSealed && !File.Exists(Path.Combine(resumeFolder, RunJournal.PartialFileName));
        if (finished && shard is not null && Equals(header.Shard, shard))
        {
            Console.WriteLine($"Shard {shard} in '{resumeFolder}' already finished ({journal.Records.Count} pair results); nothing to redo.");
            return ExitCodes.Success;
        }

        if (finished && shard is null && header.Shard is null && journal.Completion is { } done && ManifestCoversJournal(resumeFolder, journal.Path))
        {
            Console.WriteLine($"Run in '{resumeFolder}' already finished: {(done.Broken ? "BROKEN" : done.Verdict)} ({journal.Records.Count} pair results); nothing to redo. Outputs are as that run left them ('verify' checks them).");
            Verdict verdict = Enum.Parse<Verdict>(done.Verdict, ignoreCase: true);
            return AuditConclusion.ExitCode(verdict, done.Broken, failOnWarn);
        }

        return null;
    }

    /// <summary>
    /// Whether the folder's <c>run-manifest.json</c> was written after this journal was sealed (it records the journal's
    /// SHA-256), so the run got to its very end; a manifest left by an older run in the same folder does not count.
    /// </summary>
    private static bool ManifestCoversJournal(string folder, string journalPath)
    {
        string manifestPath = Path.Combine(folder, RunManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        RunManifest manifest;
        try
        {
            manifest = RunManifestJson.Read(manifestPath);
        }
        catch (AuditInputException)
        {
            return false; // unreadable: finish the run again, which rewrites it
        }

        RecordedOutput? recorded = manifest.Outputs.FirstOrDefault(o => o.Path == RunJournal.FileName);
        return recorded is not null && recorded.Fingerprint == FileDigest.Compute(journalPath);
    }

    /// <summary>Prints what a shard run left and how to merge it; a shard has no verdict of its own, so it exits 0.</summary>
    public static int ReportShard(ShardRunResult part)
    {
        ArgumentNullException.ThrowIfNull(part);
        Console.WriteLine();
        Console.WriteLine($"Shard {part.Shard}: {part.Pairs} pairs, {part.Records} pair results journaled ({part.Failed} failed) in {part.Folder}");
        Console.WriteLine($"When all {part.Shard.Count} shards are done: merge SHARD_DIR... --out DIR");
        return ExitCodes.Success;
    }
}
