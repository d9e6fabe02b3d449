using System.Text.RegularExpressions;

namespace AuditHarness.Core.Specs;

/// <summary>
/// The one rule for names that end up in file names, CSV cells and <c>history.csv</c> keys: model and audit names in a
/// spec, pair ids and artifact types in a manifest. Starting with a letter or digit and using no separator of any
/// file the harness writes, such a name can neither break a file nor read as a spreadsheet formula.
/// </summary>
public static partial class NameRule
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Allowed = "must start with a letter or digit and use only letters, digits, '.', '_' and '-'";

    public static bool IsValid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Pattern().IsMatch(name);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Pattern();
}
