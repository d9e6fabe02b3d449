using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging.Dicom;

/// <summary>
/// Reads DICOM files through DCMTK: <c>dcmdump</c> for the tags (and the pixel limit, checked before decoding), then
/// <c>dcmj2pnm</c> or <c>dcml2pnm</c> to render the first frame as an 8-bit PGM (grey) or PPM (colour) on stdout, which
/// OpenCV decodes. Two processes per image, no temporary files.
/// </summary>
public static class DicomImage
{
    /// <summary>
    /// A file is read as DICOM when it has the <c>DICM</c> marker after the 128-byte preamble (whatever its name), or when
    /// its name ends in <c>.dcm</c> or <c>.dicom</c> (a bare data set without the preamble, which DCMTK also reads).
    /// </summary>
    public static bool IsDicom(string path, ReadOnlySpan<byte> bytes) =>
        (bytes.Length >= 132 && bytes.Slice(128, 4).SequenceEqual("DICM"u8))
        || Path.GetExtension(path).Equals(".dcm", StringComparison.OrdinalIgnoreCase)
        || Path.GetExtension(path).Equals(".dicom", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Decodes <paramref name="path"/> into a new Mat of <paramref name="mode"/> (colour: BGR 8UC3; grayscale: 8UC1;
    /// unchanged: 8UC1 for grey images, BGR for colour ones) that the caller disposes.
    /// </summary>
    /// <param name="checkSize">Given Columns and Rows before decoding, a message to refuse the file with, or null.</param>
    /// <exception cref="AuditInputException">DCMTK is missing, the file is above the pixel limit, or DCMTK cannot read or decode it.</exception>
    public static Mat Decode(
        string path, string name, ImreadModes mode, long maxPixels, DicomWindow window, DcmtkTools tools, Func<long, long, string?>? checkSize = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        DicomHeader header = DicomHeader.Read(path, name, tools);
        long pixels = (long)header.Rows * header.Columns;
        if (checkSize?.Invoke(header.Columns, header.Rows) is string refusal)
        {
            throw new AuditInputException(refusal);
        }

        if (pixels > maxPixels)
        {
            throw new AuditInputException(
                $"{name} is {Count(header.Columns)}x{Count(header.Rows)} ({Count(pixels)} pixels), above the limit of {Count(maxPixels)} (dataset.maxPixels); it was not decoded.");
        }

        DicomRendering rendering = DicomRendering.For(header, window);
        // +op: binary 8-bit PGM/PPM; -O: pixel data only, no overlay graphics burnt in; frame 1 is the default.
        string[] arguments = ["+op", "-O", .. rendering.WindowArguments, Path.GetFullPath(path)];
        ToolRun run = tools.Run(rendering.Tool, arguments, name);
        if (run.ExitCode == 0 && MissingPixels(run.Stderr) is string missing)
        {
            throw new AuditInputException($"{name} is a DICOM file whose pixel data is shorter than its Rows x Columns declare ({missing}); DCMTK would pad it, so it was not used.");
        }

        Mat? image = null;
        try
        {
            if (run.ExitCode == 0 && run.Stdout.Length > 0)
            {
                image = Cv2.ImDecode(run.Stdout, mode == ImreadModes.Unchanged ? ImreadModes.Unchanged : mode);
            }
        }
        catch (OpenCVException)
        {
            // Unreadable output is reported below like a failed decode.
        }

        if (image is null || image.Empty())
        {
            image?.Dispose();
            string reason = run.ExitCode == 0 ? "the decoded image was empty" : run.Reason();
            throw new AuditInputException($"{name} is a DICOM file ({header.TransferSyntaxName}) DCMTK could not decode: {reason}");
        }

        if (image.Width != header.Columns || image.Height != header.Rows)
        {
            string got = $"{image.Width}x{image.Height}";
            image.Dispose();
            throw new AuditInputException($"{name}: DCMTK decoded {got} pixels, but the file declares {header.Columns}x{header.Rows}.");
        }

        return image;
    }

    /// <summary>What the run's provenance records of a DICOM input: modality, transfer syntax and the window used.</summary>
    /// <exception cref="AuditInputException">DCMTK is missing or cannot read the file.</exception>
    public static DicomInputSummary Describe(string path, DicomWindow window, DcmtkTools tools)
    {
        DicomHeader header = DicomHeader.Read(path, $"Image '{path}'", tools);
        return new DicomInputSummary(header.Modality, header.TransferSyntax, DicomRendering.For(header, window).Window);
    }

    /// <summary>
    /// DCMTK's warning that the pixel data holds fewer pixels than the header declares (it then pads with zeros and
    /// exits 0), as <c>computed N and stored M</c>; null when there is no such warning or the data holds enough.
    /// </summary>
    private static string? MissingPixels(string stderr)
    {
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(stderr, @"computed \((\d+)\) and stored \((\d+)\) pixel count differ");
        return match.Success && long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) < long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            ? $"{match.Groups[2].Value} pixels stored of {match.Groups[1].Value}"
            : null;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
