using System.Globalization;
using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Imaging.Dicom;

/// <summary>
/// The tags of a DICOM file that decide how it is decoded, read with <c>dcmdump</c> without loading the pixel data, so
/// an image above the pixel limit is refused from its Rows and Columns before anything decodes it.
/// </summary>
public sealed record DicomHeader
{
    public required string Modality { get; init; }

    public required string PhotometricInterpretation { get; init; }

    public required int SamplesPerPixel { get; init; }

    public required int BitsAllocated { get; init; }

    public required int BitsStored { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public int Frames { get; init; } = 1;

    /// <summary>The first WindowCenter and WindowWidth, when the file has both (a valid width is at least 1).</summary>
    public double? WindowCenter { get; init; }

    public double? WindowWidth { get; init; }

    /// <summary>The file has a VOI LUT Sequence (0028,3010).</summary>
    public bool HasVoiLut { get; init; }

    public double RescaleSlope { get; init; } = 1;

    public double RescaleIntercept { get; init; }

    /// <summary>The TransferSyntaxUID of the file meta header, or the syntax dcmdump detected for a bare data set.</summary>
    public required string TransferSyntax { get; init; }

    /// <summary>A monochrome image (MONOCHROME1 or MONOCHROME2), to which a window applies.</summary>
    public bool IsMonochrome => PhotometricInterpretation.StartsWith("MONOCHROME", StringComparison.Ordinal);

    /// <summary>The file's own window, when it has a usable one.</summary>
    public bool HasWindow => WindowCenter is not null && WindowWidth is >= 1;

    /// <summary>A readable name of <see cref="TransferSyntax"/> for messages; the UID itself when it is not a common one.</summary>
    public string TransferSyntaxName => TransferSyntax switch
    {
        "1.2.840.10008.1.2" => "Implicit VR Little Endian",
        "1.2.840.10008.1.2.1" => "Explicit VR Little Endian",
        "1.2.840.10008.1.2.1.99" => "Deflated Explicit VR Little Endian",
        "1.2.840.10008.1.2.2" => "Explicit VR Big Endian",
        "1.2.840.10008.1.2.4.50" => "JPEG Baseline",
        "1.2.840.10008.1.2.4.51" => "JPEG Extended",
        "1.2.840.10008.1.2.4.57" => "JPEG Lossless",
        "1.2.840.10008.1.2.4.70" => "JPEG Lossless SV1",
        "1.2.840.10008.1.2.4.80" => "JPEG-LS Lossless",
        "1.2.840.10008.1.2.4.81" => "JPEG-LS Near-Lossless",
        "1.2.840.10008.1.2.4.90" => "JPEG 2000 Lossless",
        "1.2.840.10008.1.2.4.91" => "JPEG 2000",
        "1.2.840.10008.1.2.5" => "RLE Lossless",
        _ => TransferSyntax,
    };

    /// <summary>JPEG-LS, which DCMTK decodes with dcml2pnm rather than dcmj2pnm.</summary>
    internal bool IsJpegLs => TransferSyntax is "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81";

    /// <summary>Runs <c>dcmdump</c> on <paramref name="path"/> and reads the tags.</summary>
    /// <exception cref="AuditInputException">DCMTK is missing, or the file is not a DICOM file dcmdump can read, or lacks a tag an image needs.</exception>
    public static DicomHeader Read(string path, string subject, DcmtkTools tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        // -M leaves long values (the pixel data) unloaded; -Un prints UIDs as numbers. DCMTK has no "--": a full path
        // cannot be taken for an option.
        ToolRun run = tools.Run("dcmdump", ["-M", "-Un", Path.GetFullPath(path)], subject);
        if (run.ExitCode != 0)
        {
            throw new AuditInputException($"{subject} is not a DICOM file DCMTK can read: {run.Reason()}");
        }

        return Parse(System.Text.Encoding.UTF8.GetString(run.Stdout), subject);
    }

    /// <summary>Reads the top-level tags from dcmdump's text (nested sequence items are indented and ignored).</summary>
    internal static DicomHeader Parse(string dump, string subject)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string usedSyntax = string.Empty;
        foreach (string raw in dump.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("# Used TransferSyntax: ", StringComparison.Ordinal))
            {
                usedSyntax = line["# Used TransferSyntax: ".Length..].Trim();
            }

            if (line.Length < 15 || line[0] != '(' || line[10] != ')')
            {
                continue;
            }

            string tag = line[1..10].ToUpperInvariant();
            string value = line[15..];
            int hash = value.LastIndexOf(" #", StringComparison.Ordinal);
            value = (hash >= 0 ? value[..hash] : value).Trim();
            if (value.StartsWith('[') && value.IndexOf(']') is int close and > 0)
            {
                value = value[1..close];
            }

            tags.TryAdd(tag, line.Substring(12, 2) == "SQ" ? "sequence" : value);
        }

        string? Tag(string tag) => tags.TryGetValue(tag, out string? v) && !v.StartsWith("(no value", StringComparison.Ordinal) ? v.Trim() : null;
        int Required(string tag, string name)
        {
            string? text = First(Tag(tag));
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : throw new AuditInputException($"{subject} is a DICOM file without a valid {name} ({tag}); expected an image.");
        }

        if (Tag("7FE0,0010") is null && !tags.ContainsKey("7FE0,0010"))
        {
            throw new AuditInputException($"{subject} is a DICOM file without pixel data (7FE0,0010); expected an image.");
        }

        return new DicomHeader
        {
            Modality = Tag("0008,0060") ?? "unknown",
            PhotometricInterpretation = Tag("0028,0004")
                ?? throw new AuditInputException($"{subject} is a DICOM file without a PhotometricInterpretation (0028,0004); expected an image."),
            SamplesPerPixel = Required("0028,0002", "SamplesPerPixel"),
            BitsAllocated = Required("0028,0100", "BitsAllocated"),
            BitsStored = int.TryParse(First(Tag("0028,0101")), NumberStyles.Integer, CultureInfo.InvariantCulture, out int stored) && stored > 0 ? stored : Required("0028,0100", "BitsAllocated"),
            Rows = Required("0028,0010", "Rows"),
            Columns = Required("0028,0011", "Columns"),
            Frames = int.TryParse(First(Tag("0028,0008")), NumberStyles.Integer, CultureInfo.InvariantCulture, out int frames) && frames > 0 ? frames : 1,
            WindowCenter = Number(First(Tag("0028,1050"))),
            WindowWidth = Number(First(Tag("0028,1051"))),
            HasVoiLut = tags.ContainsKey("0028,3010"),
            RescaleSlope = Number(First(Tag("0028,1053"))) ?? 1,
            RescaleIntercept = Number(First(Tag("0028,1052"))) ?? 0,
            TransferSyntax = Tag("0002,0010") ?? (usedSyntax.Length > 0 ? usedSyntax : "unknown"),
        };
    }

    /// <summary>The first of a multi-valued element's values (<c>40\400</c>).</summary>
    private static string? First(string? value) => value?.Split('\\')[0].Trim();

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;
}
