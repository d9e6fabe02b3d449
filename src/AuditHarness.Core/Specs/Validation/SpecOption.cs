using System.Globalization;

namespace AuditHarness.Core.Specs.Validation;

/// <summary>
/// One field of a spec or policy file: its JSON path, shape, default, description and limits. Parsers take
/// defaults and allowed values from here and validators take limits from here, so help text, the JSON Schema
/// (checked by a test) and error messages cannot drift apart.
/// </summary>
/// <param name="Field">Dotted JSON path; list elements are written <c>models[].name</c>.</param>
/// <param name="Kind">The JSON shape accepted.</param>
/// <param name="Description">One sentence for help text and the schema.</param>
public sealed record SpecOption(string Field, SpecValueKind Kind, string Description)
{
    /// <summary>The value used when the field is absent; null when there is none.</summary>
    public object? Default { get; init; }

    public bool IsRequired { get; init; }

    /// <summary>For <see cref="SpecValueKind.Enum"/>: the accepted strings, in the order messages list them.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>Inclusive lower limit for numbers.</summary>
    public double? Minimum { get; init; }

    /// <summary>Exclusive lower limit for numbers (a value must be greater), for fields where the limit itself is meaningless.</summary>
    public double? ExclusiveMinimum { get; init; }

    /// <summary>Inclusive upper limit for numbers.</summary>
    public double? Maximum { get; init; }

    /// <summary>The property name inside its object (the last segment of <see cref="Field"/>).</summary>
    public string Name => Field[(Field.LastIndexOf('.') + 1)..];

    /// <summary>The allowed values as a message lists them: <c>a, b, c</c>.</summary>
    public string AllowedList => string.Join(", ", AllowedValues);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
