using AuditHarness.Core.Detections;

namespace AuditHarness.Core.Geometry;

/// <summary>
/// Where a source image lands inside a letterboxed network input, computed exactly as Ultralytics
/// <c>LetterBox(auto=False, scaleFill=False, scaleup=True, center=True)</c>, and the maps between the two
/// coordinate systems.
/// </summary>
/// <remarks>
/// Two paddings exist in Ultralytics and they can differ by one pixel: the raster padding
/// (<see cref="PadLeft"/>, <see cref="PadTop"/>) derived from the rounded resized size, and the padding that
/// <c>scale_boxes</c> derives from the unrounded <c>size * gain</c>. Box maps (<see cref="ToSource"/>,
/// <see cref="ToInput"/>) follow <c>scale_boxes</c> so boxes match Ultralytics' own predictions; point maps
/// (<see cref="SourceToInput"/>, <see cref="InputToSource"/>) follow the raster, because that is where the
/// pixels of a mask actually land.
/// </remarks>
public sealed record LetterboxGeometry(
    int SourceWidth,
    int SourceHeight,
    int InputWidth,
    int InputHeight,
    double Scale,
    int ResizedWidth,
    int ResizedHeight,
    int PadLeft,
    int PadTop)
{
    /// <summary>Whether the source must be resized (Ultralytics skips <c>cv2.resize</c> when the size is unchanged).</summary>
    public bool NeedsResize => ResizedWidth != SourceWidth || ResizedHeight != SourceHeight;

    public int PadRight => InputWidth - ResizedWidth - PadLeft;

    public int PadBottom => InputHeight - ResizedHeight - PadTop;

    public static LetterboxGeometry Compute(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputHeight);

        double scale = Math.Min((double)inputHeight / sourceHeight, (double)inputWidth / sourceWidth);

        // Math.Round defaults to half-to-even, as Python's round().
        int resizedWidth = (int)Math.Round(sourceWidth * scale);
        int resizedHeight = (int)Math.Round(sourceHeight * scale);
        double dw = (inputWidth - resizedWidth) / 2.0;
        double dh = (inputHeight - resizedHeight) / 2.0;
        int padLeft = (int)Math.Round(dw - 0.1);
        int padTop = (int)Math.Round(dh - 0.1);

        return new LetterboxGeometry(
            sourceWidth, sourceHeight, inputWidth, inputHeight, scale, resizedWidth, resizedHeight, padLeft, padTop);
    }

    /// <summary>Maps a box from input pixels to source pixels and clips it to the source, as Ultralytics <c>scale_boxes</c>.</summary>
    public BoundingBox ToSource(BoundingBox inputBox)
    {
        (double padX, double padY) = BoxPadding();
        var box = new BoundingBox(
            (float)((inputBox.X1 - padX) / Scale),
            (float)((inputBox.Y1 - padY) / Scale),
            (float)((inputBox.X2 - padX) / Scale),
            (float)((inputBox.Y2 - padY) / Scale));
        return box.ClipTo(SourceWidth, SourceHeight);
    }

    /// <summary>Maps a box from source pixels to input pixels: the inverse of <see cref="ToSource"/> (without clipping).</summary>
    public BoundingBox ToInput(BoundingBox sourceBox)
    {
        (double padX, double padY) = BoxPadding();
        return new BoundingBox(
            (float)(sourceBox.X1 * Scale + padX),
            (float)(sourceBox.Y1 * Scale + padY),
            (float)(sourceBox.X2 * Scale + padX),
            (float)(sourceBox.Y2 * Scale + padY));
    }

    /// <summary>
    /// Maps a point (continuous pixel coordinates, 0 at the left/top edge) from the source image to the input
    /// tensor, following where the resized raster was actually placed.
    /// </summary>
    public (double X, double Y) SourceToInput(double x, double y) =>
        (x * ResizedWidth / SourceWidth + PadLeft, y * ResizedHeight / SourceHeight + PadTop);

    /// <summary>The inverse of <see cref="SourceToInput"/>; points in the padding map outside the source.</summary>
    public (double X, double Y) InputToSource(double x, double y) =>
        ((x - PadLeft) * SourceWidth / ResizedWidth, (y - PadTop) * SourceHeight / ResizedHeight);

    private (double X, double Y) BoxPadding() => (
        Math.Round((InputWidth - SourceWidth * Scale) / 2.0 - 0.1),
        Math.Round((InputHeight - SourceHeight * Scale) / 2.0 - 0.1));
}
