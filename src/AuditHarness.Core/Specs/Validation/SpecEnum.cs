using System.Text.Json;

namespace AuditHarness.Core.Specs.Validation;

/// <summary>Spells enum members the way spec files do: kebab-case (<c>InpaintTelea</c> is <c>inpaint-telea</c>).</summary>
public static class SpecEnum
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> Names<TEnum>()
        where TEnum : struct, Enum
        => [.. Enum.GetValues<TEnum>().Select(Name)];

    /// <summary>Exact, case-sensitive match against the kebab-case names.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (TEnum candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
