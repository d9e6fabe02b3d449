using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// Draws a spec's <see cref="ArtifactInsertion"/> onto clean originals with <see cref="ArtifactPainter"/>: the same
/// artifact, at the same place, for every image, so pairs differ only in the scene. Painting is deterministic (no
/// randomness), so a rerun paints the same pixels. Owns the logo image; dispose it after the run.
/// </summary>
/// <remarks>
/// Positions map onto the painter's placements: watermark and logo use the named corner or the centre; a ruler lies
/// along an edge, so <c>top-left</c> and <c>top-right</c> put it along the top edge and <c>bottom-left</c> and
/// <c>bottom-right</c> along the bottom (the spec validator refuses <c>center</c> for a ruler).
/// </remarks>
public sealed class ArtifactInserter : IDisposable
{
    private readonly ArtifactInsertion _artifact;
    private readonly Mat? _logo;

    private ArtifactInserter(ArtifactInsertion artifact, Mat? logo)
    {
        _artifact = artifact;
        _logo = logo;
    }

    /// <summary>Prepares to draw <paramref name="artifact"/>; reads the logo once, so a bad logo stops the run before any pair.</summary>
    /// <exception cref="AuditInputException">The logo is missing or not a decodable 8-bit image.</exception>
    /// <param name="maxPixels">The spec's <c>dataset.maxPixels</c>: a larger logo is refused from its header.</param>
    public static ArtifactInserter Create(ArtifactInsertion artifact, int maxPixels = AuditSpecOptions.DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Type != InsertedArtifactType.Logo)
        {
            return new ArtifactInserter(artifact, null);
        }

        SpecPath path = artifact.Logo ?? throw new AuditInputException("dataset.insertion.artifact.logo is required for type logo.");
        return new ArtifactInserter(artifact, ReadLogo(path, maxPixels));
    }

    /// <summary>Paints the artifact onto a copy of <paramref name="clean"/> (8-bit BGR, left unchanged).</summary>
    /// <param name="imagePath">The clean image's file, named when the artifact does not fit it.</param>
    /// <exception cref="AuditInputException">The artifact does not fit the image, or drawing it changes no pixel.</exception>
    public PaintedArtifact Paint(Mat clean, string imagePath)
    {
        ArgumentNullException.ThrowIfNull(clean);
        try
        {
            return _artifact.Type switch
            {
                InsertedArtifactType.Watermark => ArtifactPainter.PaintWatermark(clean, _artifact.Text!, _artifact.FontScale, _artifact.Opacity, CornerOf(_artifact.Position)),
                InsertedArtifactType.Ruler => ArtifactPainter.PaintRuler(clean, EdgeOf(_artifact.Position), _artifact.Opacity, labelScale: _artifact.FontScale),
                InsertedArtifactType.Logo => ArtifactPainter.PaintLogo(clean, _logo!, _artifact.Opacity, CornerOf(_artifact.Position)),
                _ => throw new ArgumentOutOfRangeException(nameof(clean), _artifact.Type, "Unknown artifact type."),
            };
        }
        catch (ArgumentException ex)
        {
            // The painter refuses artifacts that do not fit or leave the image unchanged: a property of this image, so one error row.
            throw new AuditInputException($"Cannot draw the {SpecEnum.Name(_artifact.Type)} on '{imagePath}' ({clean.Cols}x{clean.Rows}): {FirstSentence(ex.Message)}", ex);
        }
    }

    public void Dispose() => _logo?.Dispose();

    private static Corner CornerOf(ArtifactPosition position) => position switch
    {
        ArtifactPosition.TopLeft => Corner.TopLeft,
        ArtifactPosition.TopRight => Corner.TopRight,
        ArtifactPosition.BottomLeft => Corner.BottomLeft,
        ArtifactPosition.BottomRight => Corner.BottomRight,
        _ => Corner.Center,
    };

    private static RulerEdge EdgeOf(ArtifactPosition position) => position switch
    {
        ArtifactPosition.TopLeft or ArtifactPosition.TopRight => RulerEdge.Top,
        ArtifactPosition.BottomLeft or ArtifactPosition.BottomRight => RulerEdge.Bottom,
        _ => throw new AuditInputException("dataset.insertion.artifact.position center does not apply to a ruler, which lies along an edge."),
    };

    private static Mat ReadLogo(SpecPath path, int maxPixels)
    {
        const string field = "dataset.insertion.artifact.logo";

        // Unchanged keeps a PNG's alpha channel, which the painter uses as the logo's coverage.
        Mat? logo = ImageFile.Decode(path.FullPath, $"{field} '{path.Text}'", ImreadModes.Unchanged, maxPixels);
        if (logo is null || logo.Empty() || logo.Depth() != MatType.CV_8U || logo.Channels() is not (1 or 3 or 4))
        {
            logo?.Dispose();
            throw new AuditInputException($"{field} '{path.Text}' could not be decoded as an 8-bit image (expected a PNG, JPEG or BMP; PNG alpha is the logo's shape).");
        }

        if (logo.Channels() == 1)
        {
            var colour = new Mat();
            Cv2.CvtColor(logo, colour, ColorConversionCodes.GRAY2BGR);
            logo.Dispose();
            return colour;
        }

        return logo;
    }

    private static string FirstSentence(string message)
    {
        // ArgumentException appends " (Parameter 'x')"; the log wants the painter's sentence only.
        int parameter = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
