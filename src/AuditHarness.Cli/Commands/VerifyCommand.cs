using System.CommandLine;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>verify RUN_DIR</c>: recomputes every SHA-256 in the run's <c>run-manifest.json</c> and prints one line per file
/// that changed, went missing or was added, then a final line. A mismatch is a failed check (exit 1), so CI and
/// schedulers treat a tampered run like a failed audit; a folder without a readable manifest is bad input (exit 2).
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var runFolder = new Argument<DirectoryInfo>("RUN_DIR")
        {
            Description = $"A run folder holding the {RunManifest.FileName} that run wrote.",
        };
        var inputBase = new Option<DirectoryInfo?>("--input-base")
        {
            Description = "Folder the recorded input paths are relative to, when spec and data moved together (default: the spec's folder at run time, as recorded).",
        };
        var command = new Command("verify", "Check that no output or input of a run changed since it ran (exit 0 intact, 1 changed or missing, 2 no readable manifest).")
        {
            runFolder,
            inputBase,
        };
        command.SetAction(parse => CommandGuard.Run(
            parse.GetValue(CommonOptions.Verbose),
            () => Execute(parse.GetRequiredValue(runFolder).FullName, parse.GetValue(inputBase)?.FullName)));
        return command;
    }

    public static int Execute(string runFolder, string? inputBase)
    {
        RunVerification result = RunVerifier.Verify(runFolder, inputBase);
        foreach (VerificationProblem problem in result.Problems)
        {
            Console.WriteLine(problem.ToString());
        }

        int files = result.OutputCount + result.InputCount;
        string counted = $"{result.OutputCount} outputs and {result.InputCount} inputs of audit '{result.Manifest.AuditName}'";
        string manifest = $"{RunManifest.FileName} sha256 {result.ManifestFingerprint.Sha256}";
        if (result.IsIntact)
        {
            Console.WriteLine($"verified: {counted} match {manifest}");
            return ExitCodes.Success;
        }

        Console.WriteLine($"FAILED: {result.Problems.Count} problem(s) in {files} recorded files ({counted}); {manifest}");
        return ExitCodes.ChecksFailed;
    }
}
