using System.CommandLine;
using AuditHarness.Cli.Commands;

namespace AuditHarness.Cli;

/// <summary>The command tree and the one place where parse errors become the bad-input exit code.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("AuditHarness: audits YOLO detectors for reliance on spurious features (rulers, ink, watermarks).");
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(LayersCommand.Create());
        root.Subcommands.Add(AblateCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        return root;
    }

    public static int Run(string[] args)
    {
        ParseResult parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem, no usage dump: the message names the option and what it expects, and a
            // mistyped option or command the nearest known one.
            foreach (string line in UnknownTokenMessages.Lines(parse))
            {
                Console.Error.WriteLine($"error: {line}");
            }

            return ExitCodes.BadInput;
        }

        return parse.Invoke();
    }
}
