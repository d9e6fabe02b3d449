using System.Globalization;
using AuditHarness.Core.Specs;

namespace AuditHarness.Inference.Imaging.Dicom;

/// <summary>
/// How one DICOM file becomes 8-bit pixels: the DCMTK tool, its VOI window options, and the compact description of the
/// window the run's provenance records. DCMTK applies the modality LUT (RescaleSlope/Intercept) before the window and
/// shows MONOCHROME1 inverted (low values white) by itself, so neither needs an option here.
/// </summary>
/// <param name="Tool">dcmj2pnm (uncompressed, RLE, JPEG) or dcml2pnm (JPEG-LS).</param>
/// <param name="WindowArguments">The VOI options given to the tool.</param>
/// <param name="Window">The window used: <c>file c=40 w=400</c>, <c>file voi-lut</c>, <c>minmax</c>, <c>spec c=40 w=400</c>, <c>none</c>.</param>
public sealed record DicomRendering(string Tool, IReadOnlyList<string> WindowArguments, string Window)
{
    /// <summary>The rendering of <paramref name="header"/> under the spec's <paramref name="window"/> (see <see cref="DicomWindow"/>).</summary>
    public static DicomRendering For(DicomHeader header, DicomWindow window)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(window);
        string tool = header.IsJpegLs ? "dcml2pnm" : "dcmj2pnm";
        if (!header.IsMonochrome)
        {
            return new DicomRendering(tool, [], "none (colour)"); // a VOI window applies to grey levels only
        }

        return window.Kind switch
        {
            DicomWindowKind.Explicit => new DicomRendering(tool, ["+Ww", Text(window.Center), Text(window.Width)], $"spec c={Text(window.Center)} w={Text(window.Width)}"),
            DicomWindowKind.MinMax => new DicomRendering(tool, ["+Wm"], "minmax"),
            _ when header.HasWindow => new DicomRendering(tool, ["+Wi", "1"], $"file c={Text(header.WindowCenter!.Value)} w={Text(header.WindowWidth!.Value)}"),
            _ when header.HasVoiLut => new DicomRendering(tool, ["+Wl", "1"], "file voi-lut"),
            // Stored values of at most 8 bits are display values already; wider ones would come out nearly black without a window.
            _ when header.BitsStored <= 8 => new DicomRendering(tool, [], "none"),
            _ => new DicomRendering(tool, ["+Wm"], "minmax (none in file)"),
        };
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
