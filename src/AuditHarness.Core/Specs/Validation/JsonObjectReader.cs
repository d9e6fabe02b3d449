using System.Text.Json;
using AuditHarness.Core.Text;

namespace AuditHarness.Core.Specs.Validation;

/// <summary>
/// Reads the properties of one JSON object by <see cref="SpecOption"/>, recording every problem (wrong type,
/// missing required field, value outside an enum, duplicate or unknown property) instead of stopping at the
/// first, and falling back to the option's default so reading can go on. Range checks belong to the validators.
/// </summary>
internal sealed class JsonObjectReader
{
    private const string SchemaProperty = "$schema";

    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly ValidationSink _sink;
    private readonly string _prefix;

    private JsonObjectReader(JsonElement element, string prefix, ValidationSink sink)
    {
        _sink = sink;
        _prefix = prefix;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!_properties.TryAdd(property.Name, property.Value))
            {
                sink.Critical(FieldOf(property.Name), $"{FieldOf(property.Name)} appears more than once.");
                continue;
            }

            _order.Add(property.Name);
        }
    }

    /// <summary>A reader over <paramref name="element"/>, or null (with an error) when it is not an object.</summary>
    /// <param name="field">The element's own field path; empty for the document root.</param>
    public static JsonObjectReader? Open(JsonElement element, string field, ValidationSink sink)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            string what = field.Length == 0 ? "The document" : field;
            sink.Critical(field, $"{what} must be an object; got {Describe(element)}.");
            return null;
        }

        return new JsonObjectReader(element, field.Length == 0 ? string.Empty : field + ".", sink);
    }

    public ValidationSink Sink => _sink;

    public string FieldOf(string name) => _prefix + name;

    /// <summary>Accepts a <c>$schema</c> property (editor support) and ignores its value.</summary>
    public void AllowSchemaProperty() => _asked.Add(SchemaProperty);

    public bool Has(string name)
    {
        _asked.Add(name);
        return _properties.ContainsKey(name);
    }

    public JsonElement? Raw(SpecOption option)
    {
        _asked.Add(option.Name);
        if (_properties.TryGetValue(option.Name, out JsonElement value))
        {
            return value;
        }

        if (option.IsRequired)
        {
            _sink.Critical(FieldOf(option.Name), $"{FieldOf(option.Name)} is required: {Lower(option.Description)}");
        }

        return null;
    }

    public string? String(SpecOption option)
    {
        JsonElement? value = Raw(option);
        if (value is null)
        {
            return (string?)option.Default;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            WrongType(option, "a string", value.Value);
            return (string?)option.Default;
        }

        string text = value.Value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            _sink.Critical(FieldOf(option.Name), $"{FieldOf(option.Name)} must not be empty.");
            return (string?)option.Default;
        }

        return text;
    }

    public double Number(SpecOption option)
    {
        JsonElement? value = Raw(option);
        if (value is null)
        {
            return option.Default is double d ? d : double.NaN;
        }

        if (value.Value.ValueKind != JsonValueKind.Number)
        {
            WrongType(option, "a number", value.Value);
            return option.Default is double fallback ? fallback : double.NaN;
        }

        return value.Value.GetDouble();
    }

    public int Integer(SpecOption option)
    {
        JsonElement? value = Raw(option);
        if (value is null)
        {
            return option.Default is int i ? i : 0;
        }

        if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetInt32(out int result))
        {
            WrongType(option, "an integer", value.Value);
            return option.Default is int fallback ? fallback : 0;
        }

        return result;
    }

    public bool Boolean(SpecOption option)
    {
        JsonElement? value = Raw(option);
        if (value is null)
        {
            return option.Default is true;
        }

        if (value.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            WrongType(option, "true or false", value.Value);
            return option.Default is true;
        }

        return value.Value.GetBoolean();
    }

    /// <summary>The enum member named by the field; the option's default when absent; null when invalid or required and absent.</summary>
    public TEnum? Enum<TEnum>(SpecOption option)
        where TEnum : struct, Enum
    {
        JsonElement? value = Raw(option);
        if (value is null)
        {
            return option.Default is string d && SpecEnum.TryParse(d, out TEnum parsed) ? parsed : null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            _sink.Critical(FieldOf(option.Name), $"{FieldOf(option.Name)} must be one of {option.AllowedList}; got {Describe(value.Value)}.");
            return null;
        }

        string text = value.Value.GetString()!;
        if (!SpecEnum.TryParse(text, out TEnum result))
        {
            _sink.Critical(FieldOf(option.Name), $"{FieldOf(option.Name)} '{text}' is not one of {option.AllowedList}.");
            return null;
        }

        return result;
    }

    public IReadOnlyList<string> StringList(SpecOption option)
    {
        JsonElement? value = Raw(option);
        IReadOnlyList<string> fallback = option.Default as IReadOnlyList<string> ?? [];
        if (value is null)
        {
            return fallback;
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            WrongType(option, "a list of strings", value.Value);
            return fallback;
        }

        List<string> items = [];
        int index = 0;
        foreach (JsonElement item in value.Value.EnumerateArray())
        {
            string field = $"{FieldOf(option.Name)}[{index}]";
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                _sink.Critical(field, $"{field} must be a non-empty string; got {Describe(item)}.");
            }
            else
            {
                items.Add(item.GetString()!);
            }

            index++;
        }

        return items;
    }

    public JsonObjectReader? Object(SpecOption option)
    {
        JsonElement? value = Raw(option);
        return value is null ? null : Open(value.Value, FieldOf(option.Name), _sink);
    }

    /// <summary>Readers for the elements of a list of objects; null when the field is absent or not a list.</summary>
    public IReadOnlyList<JsonObjectReader?>? ObjectList(SpecOption option)
    {
        JsonElement? value = Raw(option);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            WrongType(option, "a list of objects", value.Value);
            return null;
        }

        return [.. value.Value.EnumerateArray().Select((item, index) => Open(item, $"{FieldOf(option.Name)}[{index}]", _sink))];
    }

    /// <summary>Reports every property that was never asked for: typos must not pass silently.</summary>
    public void RejectUnknownProperties()
    {
        foreach (string name in _order.Where(n => !_asked.Contains(n)))
        {
            string[] names = [.. _asked.Where(a => a != SchemaProperty).Order(StringComparer.Ordinal)];
            string known = string.Join(", ", names);
            // The likely intended name first, so a typo's fix is read before the whole list.
            string suggestion = NearestName.Find(name, names) is { } near ? $" did you mean '{near}'?" : string.Empty;
            _sink.Critical(FieldOf(name), $"{FieldOf(name)} is not a known property;{suggestion} expected one of {known}.");
        }
    }

    public static string Describe(JsonElement element)
    {
        string raw = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            _ => element.GetRawText(),
        };
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private void WrongType(SpecOption option, string expected, JsonElement value)
        => _sink.Critical(FieldOf(option.Name), $"{FieldOf(option.Name)} must be {expected}; got {Describe(value)}.");

    private static string Lower(string sentence)
        => sentence.Length == 0 ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..];
}
