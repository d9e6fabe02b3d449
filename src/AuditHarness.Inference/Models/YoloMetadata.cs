using System.Collections.ObjectModel;
using System.Globalization;
using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Models;

/// <summary>
/// What an Ultralytics export says about itself in its ONNX <c>metadata_props</c>: class names, input size,
/// stride, task and whether the head is end-to-end. Absent fields are null (names: empty).
/// </summary>
public sealed record YoloMetadata
{
    public const string DetectTask = "detect";

    private static readonly IReadOnlyDictionary<int, string> NoNames = new ReadOnlyDictionary<int, string>(new Dictionary<int, string>());
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    /// <summary>The name used for the model in messages, e.g. its file name.</summary>
    public string ModelDisplayName { get; init; } = "model";

    /// <summary>Class names by class id, from <c>names</c>; empty when the model has none.</summary>
    public IReadOnlyDictionary<int, string> Names { get; init; } = NoNames;

    /// <summary>Input height from <c>imgsz</c> (<c>[h, w]</c>, or one number for both).</summary>
    public int? ImageHeight { get; init; }

    public int? ImageWidth { get; init; }

    /// <summary>Largest stride from <c>stride</c>.</summary>
    public int? Stride { get; init; }

    /// <summary><c>task</c>: detect, segment, classify, pose or obb.</summary>
    public string? Task { get; init; }

    /// <summary><c>end2end</c>: whether the head already removed duplicates (YOLO26, YOLOv10), so no NMS is needed.</summary>
    public bool? EndToEnd { get; init; }

    public string? Description { get; init; }

    public string? Version { get; init; }

    public string? Date { get; init; }

    /// <summary>Every metadata property as stored.</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = NoProperties;

    /// <exception cref="AuditInputException">A field is present but malformed; the message names the model and the field.</exception>
    public static YoloMetadata Parse(IReadOnlyDictionary<string, string> metadataProps, string modelDisplayName)
    {
        ArgumentNullException.ThrowIfNull(metadataProps);
        ArgumentNullException.ThrowIfNull(modelDisplayName);

        (int Height, int Width)? imageSize = ParseImageSize(metadataProps, modelDisplayName);
        return new YoloMetadata
        {
            ModelDisplayName = modelDisplayName,
            Names = ParseNames(metadataProps, modelDisplayName),
            ImageHeight = imageSize?.Height,
            ImageWidth = imageSize?.Width,
            Stride = ParseStride(metadataProps, modelDisplayName),
            Task = Text(metadataProps, "task"),
            EndToEnd = ParseEndToEnd(metadataProps, modelDisplayName),
            Description = Text(metadataProps, "description"),
            Version = Text(metadataProps, "version"),
            Date = Text(metadataProps, "date"),
            Raw = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(metadataProps, StringComparer.Ordinal)),
        };
    }

    /// <summary>The class name for <paramref name="classId"/>, or "class N" when the metadata does not name it.</summary>
    public string ClassName(int classId) =>
        Names.TryGetValue(classId, out string? name) ? name : string.Create(CultureInfo.InvariantCulture, $"class {classId}");

    /// <exception cref="UnsupportedModelException">The metadata names a task other than detection.</exception>
    public void EnsureDetector()
    {
        if (Task is not null && !string.Equals(Task, DetectTask, StringComparison.Ordinal))
        {
            throw new UnsupportedModelException(
                $"Model '{ModelDisplayName}' has task '{Task}'; the harness audits detection models (task '{DetectTask}').");
        }
    }

    private static string? Text(IReadOnlyDictionary<string, string> props, string key) =>
        props.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static IReadOnlyDictionary<int, string> ParseNames(IReadOnlyDictionary<string, string> props, string model)
    {
        const string Field = "names";
        const string Expected = "a Python dict of class id to name like {0: 'person', 1: 'bicycle'}";
        string? text = Text(props, Field);
        if (text is null)
        {
            return NoNames;
        }

        object? literal = ParseLiteral(text, model, Field, Expected);
        var names = new SortedDictionary<int, string>();
        switch (literal)
        {
            case List<KeyValuePair<object?, object?>> entries:
                foreach ((object? key, object? value) in entries)
                {
                    if (key is not long id || id < 0 || id > int.MaxValue || value is not string name)
                    {
                        throw Malformed(model, Field, Expected, $"found the entry {Show(key)}: {Show(value)}");
                    }

                    // A repeated key keeps its last value, as in Python.
                    names[(int)id] = name;
                }

                break;

            // Older exports wrote names as a list; its positions are the class ids.
            case List<object?> list:
                for (int id = 0; id < list.Count; id++)
                {
                    names[id] = list[id] as string ?? throw Malformed(model, Field, Expected, $"item {id} is {Show(list[id])}");
                }

                break;

            default:
                throw Malformed(model, Field, Expected, $"found {Show(literal)}");
        }

        return new ReadOnlyDictionary<int, string>(new Dictionary<int, string>(names));
    }

    private static (int Height, int Width)? ParseImageSize(IReadOnlyDictionary<string, string> props, string model)
    {
        const string Field = "imgsz";
        const string Expected = "[height, width], [size] or size, positive integers";
        string? text = Text(props, Field);
        if (text is null)
        {
            return null;
        }

        List<int> sizes = PositiveIntegers(ParseLiteral(text, model, Field, Expected), model, Field, Expected);
        return sizes.Count switch
        {
            1 => (sizes[0], sizes[0]),
            2 => (sizes[0], sizes[1]),
            _ => throw Malformed(model, Field, Expected, $"found {sizes.Count} numbers"),
        };
    }

    private static int? ParseStride(IReadOnlyDictionary<string, string> props, string model)
    {
        const string Field = "stride";
        const string Expected = "a positive integer or a list of them like [8, 16, 32]";
        string? text = Text(props, Field);
        if (text is null)
        {
            return null;
        }

        List<int> strides = PositiveIntegers(ParseLiteral(text, model, Field, Expected), model, Field, Expected);
        return strides.Count > 0 ? strides.Max() : throw Malformed(model, Field, Expected, "found an empty list");
    }

    private static bool? ParseEndToEnd(IReadOnlyDictionary<string, string> props, string model)
    {
        const string Field = "end2end";
        string? text = Text(props, Field);
        if (text is null)
        {
            return null;
        }

        // Ultralytics writes str(bool); lower case is accepted for hand-made metadata.
        return text.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw Malformed(model, Field, "True or False", $"found '{text}'"),
        };
    }

    private static object? ParseLiteral(string text, string model, string field, string expected)
    {
        try
        {
            return PythonLiteralParser.Parse(text);
        }
        catch (FormatException e)
        {
            throw Malformed(model, field, expected, e.Message);
        }
    }

    private static List<int> PositiveIntegers(object? literal, string model, string field, string expected)
    {
        IEnumerable<object?> items = literal is List<object?> list ? list : [literal];
        var numbers = new List<int>();
        foreach (object? item in items)
        {
            long? number = item switch
            {
                long integer => integer,
                double real when real == Math.Floor(real) && Math.Abs(real) < int.MaxValue => (long)real,
                _ => null,
            };
            if (number is not long positive || positive <= 0 || positive > int.MaxValue)
            {
                throw Malformed(model, field, expected, $"found {Show(item)}");
            }

            numbers.Add((int)positive);
        }

        return numbers;
    }

    private static AuditInputException Malformed(string model, string field, string expected, string detail) =>
        new($"Model '{model}' has malformed metadata '{field}': expected {expected}; {detail}.");

    private static string Show(object? value) => value switch
    {
        null => "None",
        string text => $"'{text}'",
        bool flag => flag ? "True" : "False",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        List<object?> => "a list",
        List<KeyValuePair<object?, object?>> => "a dict",
        _ => value.ToString() ?? "?",
    };
}
