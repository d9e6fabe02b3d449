using System.CommandLine;
using AuditHarness.Core.Policies;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Cli.Commands;

/// <summary>The <c>--resume</c> and <c>--shard</c> options of <c>run</c>: their parsing, and what is printed when a shard ends or a resumed run had already finished.</summary>
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

    /// <summary>Prints that the resumed run or shard had already finished; exits with the run's recorded verdict under this invocation's gate (a shard: 0).</summary>
    /// <param name="failOnWarn">The gate of this invocation, applied to a finished run's recorded verdict too.</param>
    public static int ReportFinished(FinishedRun finished, bool failOnWarn = false)
    {
        ArgumentNullException.ThrowIfNull(finished);
        if (finished.Shard is { } shard)
        {
            Console.WriteLine($"Shard {shard} in '{finished.Folder}' already finished ({finished.PairResults} pair results); nothing to redo.");
            return ExitCodes.Success;
        }

        JournalCompletion done = finished.Completion!;
        Console.WriteLine($"Run in '{finished.Folder}' already finished: {(done.Broken ? VerdictText.Broken : done.Verdict)} ({finished.PairResults} pair results); nothing to redo. Outputs are as that run left them ('verify' checks them).");
        return AuditConclusion.ExitCode(finished.Verdict!.Value, done.Broken, failOnWarn);
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
