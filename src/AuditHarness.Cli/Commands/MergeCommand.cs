using System.CommandLine;
using AuditHarness.Engine.Pipeline;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>merge SHARD_DIR... --out DIR</c>: combines the journals of every shard of a run (<c>run SPEC --shard i/n</c>)
/// into the outputs of a single run (same CSV rows in the same order, summary, exports, manifest) and exits like
/// <c>run</c>: 0 pass or warn, 1 a check failed, 2 shards missing, repeated, unfinished or of different runs, 3 broken
/// (or an export could not be written: the merged folder is then unsealed until the merge is run again).
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<DirectoryInfo[]>("SHARD_DIR")
        {
            Description = "The folder of every shard (each written by run SPEC --shard i/n), in any order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for the merged run's outputs.",
            Required = true,
        };
        var spec = new Option<FileInfo?>("--spec")
        {
            Description = "The spec the shards ran, when it moved since (its SHA-256 must match the one recorded); default: the recorded path.",
        };
        var command = new Command("merge", "Merge the shards of a run into the outputs of a single run (CSV logs, summary, junit.xml, summary.json, report.pdf, run-manifest.json).")
        {
            shards, output, spec,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            [.. parse.GetRequiredValue(shards).Select(d => d.FullName)], parse.GetRequiredValue(output).FullName, parse.GetValue(spec)?.FullName)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> shardFolders, string outputFolder, string? specPath = null)
    {
        AuditPipelineResult merged = AuditPipeline.Merge(shardFolders, outputFolder, specPath, Console.Error);
        Console.WriteLine($"Merged {shardFolders.Count} shards into {merged.Folder}");
        return AuditConclusion.Conclude(merged, finishHint: "run the same merge again");
    }
}
