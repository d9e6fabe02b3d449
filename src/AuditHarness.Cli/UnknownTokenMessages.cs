using System.CommandLine;
using System.CommandLine.Parsing;
using AuditHarness.Core.Text;

namespace AuditHarness.Cli;

/// <summary>
/// Turns the parser's "unrecognized" errors into one line per mistyped word that names the nearest known option or
/// command (<see cref="NearestName"/>): <c>unknown option '--ouput'; did you mean '--out'?</c>. The word right after
/// an unknown option is taken to be its value, not a second mistake, and a required option that is missing because it was
/// mistyped is not reported again, so one typo gives one line.
/// </summary>
internal static class UnknownTokenMessages
{
    public static IReadOnlyList<string> Lines(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        IReadOnlyList<string> unmatched = parse.UnmatchedTokens;
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<string>();
        bool afterUnknownOption = false;
        foreach (string token in unmatched)
        {
            bool isOption = token.StartsWith('-') && token.Length > 1 && !double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _);
            if (!isOption && afterUnknownOption)
            {
                handled.Add(token);
                afterUnknownOption = false;
                continue;
            }

            afterUnknownOption = isOption;
            if (isOption)
            {
                string name = token.Split('=', 2)[0];
                handled.Add(token);
                string? near = NearestName.Find(name, OptionNames(parse));
                if (near is not null)
                {
                    // "Option '--source' is required" is the same typo seen from the other side.
                    handled.Add(near);
                }

                lines.Add($"unknown option '{name}' for '{CommandPath(parse)}'{(near is null ? string.Empty : $"; did you mean '{near}'?")} (see --help)");
            }
            else if (NearestName.Find(token, parse.CommandResult.Command.Subcommands.Select(c => c.Name)) is { } command)
            {
                handled.Add(token);
                lines.Add($"unknown command '{token}'; did you mean '{command}'? (see --help)");
            }
        }

        foreach (ParseError error in parse.Errors)
        {
            // The parser's own line for a token handled above would repeat it without the suggestion.
            if (!handled.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            {
                lines.Add($"{error.Message} (see --help)");
            }
        }

        return lines;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            if (command.Command is not RootCommand)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        return names.Count == 0 ? "audit-harness" : string.Join(' ', names);
    }

    /// <summary>The options the command accepts: its own, and the recursive ones of the commands above it (--verbose, --help).</summary>
    private static IEnumerable<string> OptionNames(ParseResult parse)
    {
        bool own = true;
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            foreach (Option option in command.Command.Options.Where(o => own || o.Recursive))
            {
                yield return option.Name;
                foreach (string alias in option.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
                {
                    yield return alias;
                }
            }

            own = false;
        }
    }
}
