namespace AuditHarness.Results;

/// <summary>
/// An audited model as the report identifies it: the spec's name, the file's name and its SHA-256 (lower-case hex),
/// and what the export says about itself (classes, input size, task, the rest of its ONNX metadata).
/// </summary>
public sealed record ModelFingerprint(string Model, string FileName, string Sha256)
{
    /// <summary>Class names by class id, from the export's <c>names</c>; empty when it has none.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Input width and height from the export's <c>imgsz</c>; null when it does not say.</summary>
    public int? InputWidth { get; init; }

    public int? InputHeight { get; init; }

    /// <summary>The export's <c>task</c> (detect, ...); null when it does not say.</summary>
    public string? Task { get; init; }

    /// <summary>The export's other metadata properties (author, date, version, licence, ...), sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExportMetadata { get; init; } = [];

    /// <summary>The spec's <c>models[].modelCard</c> link; null when not given.</summary>
    public string? ModelCard { get; init; }
}
