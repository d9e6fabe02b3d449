namespace AuditHarness.Core.Specs.Validation;

/// <summary>The JSON shape a <see cref="SpecOption"/> accepts (mirrored by the JSON Schema's <c>type</c>).</summary>
public enum SpecValueKind
{
    String,

    /// <summary>A string holding a path, resolved against the folder of the file that contains it.</summary>
    Path,
    Number,
    Integer,
    Boolean,

    /// <summary>A string from <see cref="SpecOption.AllowedValues"/>.</summary>
    Enum,
    StringList,
    Object,
    ObjectList,

    /// <summary>A path to a policy file or the policy object itself.</summary>
    PathOrObject,

    /// <summary>One of a few fixed strings, or an object of numbers (<c>dataset.dicom.window</c>: <c>"file"</c>, <c>"minmax"</c> or <c>{ "center", "width" }</c>).</summary>
    StringOrObject,

    /// <summary>A positive integer or the string <c>"all"</c>.</summary>
    CountOrAll,

    /// <summary>A list of positive integers and the string <c>"all"</c>.</summary>
    CountOrAllList,
}
