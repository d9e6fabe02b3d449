using System.Globalization;
using System.Text.Json;
using AuditHarness.Core.Errors;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// The JSON form of <see cref="RunManifest"/>: keys in ordinal order at every level, two-space indent, LF line ends,
/// no timestamp unless one was given, so the same run gives the same bytes on every machine.
/// </summary>
public static class RunManifestJson
{
    // The relaxed encoder keeps '+' in versions and non-ASCII file names readable; the file is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(RunManifest manifest, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("auditName", manifest.AuditName);
        if (manifest.CreatedUtc is { } created)
        {
            json.WriteString("createdUtc", created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (manifest.InputList is { } list)
        {
            json.WriteString("datasetDigest", list.DatasetDigest);
        }

        if (manifest.FailedExports.Count > 0)
        {
            json.WriteStartArray("failedExports");
            foreach (FailedExport failed in manifest.FailedExports)
            {
                json.WriteStartObject();
                json.WriteString("error", failed.Error);
                json.WriteString("file", failed.File);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("harness");
        json.WriteString("gitCommit", manifest.GitCommit);
        json.WriteString("version", manifest.HarnessVersion);
        json.WriteEndObject();
        json.WriteString("inputBase", manifest.InputBase);
        if (manifest.InputList is { } inputList)
        {
            json.WriteStartObject("inputList");
            json.WriteString("file", inputList.File);
            json.WriteNumber("files", inputList.Files);
            WriteFingerprint(json, inputList.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteStartArray("inputs");
        foreach (RecordedInput input in manifest.Inputs)
        {
            json.WriteStartObject();
            if (input.Dicom is { } dicom)
            {
                json.WriteStartObject("dicom");
                json.WriteString("modality", dicom.Modality);
                json.WriteString("transferSyntax", dicom.TransferSyntax);
                json.WriteString("window", dicom.Window);
                json.WriteEndObject();
            }

            json.WriteString("path", input.Path);
            json.WriteStartArray("roles");
            foreach (string role in input.Roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            WriteFingerprint(json, input.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("outputs");
        foreach (RecordedOutput output in manifest.Outputs)
        {
            json.WriteStartObject();
            json.WriteString("path", output.Path);
            WriteFingerprint(json, output.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("schemaVersion", manifest.SchemaVersion);
        json.WriteStartObject("tools");
        foreach ((string name, string version) in manifest.Tools.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, version);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads and checks a manifest; anything but a readable manifest of schema 1 or 2 is an <see cref="AuditInputException"/>.</summary>
    public static RunManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"'{path}' does not exist; expected the {RunManifest.FileName} that run writes into its output folder.");
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            return Parse(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"'{path}' is not a run manifest of schema {RunManifest.InlineInputsSchemaVersion} or {RunManifest.CurrentSchemaVersion}: {ex.Message}", ex);
        }
    }

    private static void WriteFingerprint(Utf8JsonWriter json, FileFingerprint? fingerprint)
    {
        if (fingerprint is null)
        {
            json.WriteNull("sha256");
            json.WriteNull("size");
            return;
        }

        json.WriteString("sha256", fingerprint.Sha256);
        json.WriteNumber("size", fingerprint.Size);
    }

    private static RunManifest Parse(JsonElement root)
    {
        int schema = root.GetProperty("schemaVersion").GetInt32();
        if (schema is not (RunManifest.CurrentSchemaVersion or RunManifest.InlineInputsSchemaVersion))
        {
            throw new FormatException($"schemaVersion is {schema}; this harness reads {RunManifest.InlineInputsSchemaVersion} and {RunManifest.CurrentSchemaVersion}.");
        }

        JsonElement harness = root.GetProperty("harness");
        return new RunManifest
        {
            SchemaVersion = schema,
            AuditName = Text(root, "auditName"),
            HarnessVersion = Text(harness, "version"),
            GitCommit = Text(harness, "gitCommit"),
            Tools = root.GetProperty("tools").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal),
            CreatedUtc = root.TryGetProperty("createdUtc", out JsonElement created) ? created.GetDateTimeOffset() : null,
            FailedExports = root.TryGetProperty("failedExports", out JsonElement failed)
                ? [.. failed.EnumerateArray().Select(e => new FailedExport(Text(e, "file"), e.GetProperty("error").GetString() ?? string.Empty))]
                : [],
            InputBase = Text(root, "inputBase"),
            InputList = root.TryGetProperty("inputList", out JsonElement list)
                ? new InputListReference(
                    OutputPath(Text(list, "file")),
                    Fingerprint(list, allowNull: false)!,
                    list.GetProperty("files").GetInt32(),
                    Sha256(Text(root, "datasetDigest")))
                : null,
            Inputs = [.. root.GetProperty("inputs").EnumerateArray().Select(e => new RecordedInput(
                Text(e, "path"),
                [.. e.GetProperty("roles").EnumerateArray().Select(r => r.GetString() ?? string.Empty)],
                Fingerprint(e, allowNull: true))
            {
                Dicom = e.TryGetProperty("dicom", out JsonElement dicom)
                    ? new Inference.Imaging.Dicom.DicomInputSummary(Text(dicom, "modality"), Text(dicom, "transferSyntax"), Text(dicom, "window"))
                    : null,
            })],
            Outputs = [.. root.GetProperty("outputs").EnumerateArray().Select(e => new RecordedOutput(
                OutputPath(Text(e, "path")),
                Fingerprint(e, allowNull: false)!))],
        };
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() is { Length: > 0 } text ? text : throw new FormatException($"'{name}' is empty.");

    private static FileFingerprint? Fingerprint(JsonElement element, bool allowNull)
    {
        JsonElement sha = element.GetProperty("sha256");
        if (sha.ValueKind == JsonValueKind.Null && allowNull)
        {
            return null;
        }

        string hex = Sha256(sha.GetString() ?? string.Empty);
        long size = element.GetProperty("size").GetInt64();
        return size < 0 ? throw new FormatException($"size {size} is negative.") : new FileFingerprint(hex, size);
    }

    private static string Sha256(string hex) =>
        hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower) ? hex : throw new FormatException($"sha256 '{hex}' is not 64 lowercase hex digits.");

    /// <summary>An output path must stay inside the run folder, or verify could be pointed at any file on the machine.</summary>
    private static string OutputPath(string path)
    {
        if (Path.IsPathRooted(path) || path.Split('/', '\\').Contains(".."))
        {
            throw new FormatException($"output path '{path}' leaves the run folder.");
        }

        return path;
    }
}
