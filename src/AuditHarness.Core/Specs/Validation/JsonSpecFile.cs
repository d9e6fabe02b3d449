using System.Text.Json;
using System.Text.RegularExpressions;

namespace AuditHarness.Core.Specs.Validation;

/// <summary>Reads a spec or policy file as JSON with comments and trailing commas, turning failures into one-line errors.</summary>
internal static partial class JsonSpecFile
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>The parsed document, or null after adding a critical error to <paramref name="sink"/>.</summary>
    public static JsonDocument? Parse(string fullPath, ValidationSink sink)
    {
        if (Directory.Exists(fullPath))
        {
            sink.CriticalAboutFile("is a folder; expected a JSON file.");
            return null;
        }

        if (!File.Exists(fullPath))
        {
            sink.CriticalAboutFile("does not exist.");
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(fullPath), Options);
        }
        catch (JsonException ex)
        {
            long line = (ex.LineNumber ?? 0) + 1;
            long position = (ex.BytePositionInLine ?? 0) + 1;
            sink.CriticalAboutFile($"is not valid JSON at line {line}, position {position}: {Reason(ex.Message)}");
            return null;
        }
        catch (IOException ex)
        {
            sink.CriticalAboutFile($"cannot be read: {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            sink.CriticalAboutFile($"cannot be read: {ex.Message}");
            return null;
        }
    }

    // System.Text.Json appends "Path: $ | LineNumber: 3 | BytePositionInLine: 4."; the message already says where.
    private static string Reason(string message)
    {
        string reason = LocationSuffix().Replace(message, string.Empty).Trim();
        return reason.EndsWith('.') ? reason : reason + ".";
    }

    [GeneratedRegex(@"\s*(Path: .*?\| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex LocationSuffix();
}
