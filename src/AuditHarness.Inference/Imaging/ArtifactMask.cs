using System.Runtime.InteropServices;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Geometry;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// The pixels of an image that belong to an artifact (ruler, marking, watermark), as a binary 8UC1 Mat
/// (255 = artifact, 0 = not) in the image's own pixel coordinates. Immutable; operations return new masks.
/// </summary>
public sealed class ArtifactMask : IDisposable
{
    private readonly Mat _pixels;

    // A managed copy of the same pixels: coverage and placement read single pixels many times, which is
    // cheaper here than through Mat indexers, and it keeps reads valid however callers treat Pixels.
    private readonly byte[] _data;
    private bool _disposed;

    private ArtifactMask(Mat binary)
    {
        _pixels = binary;
        Width = binary.Cols;
        Height = binary.Rows;
        _data = CopyBytes(binary);
        int minX = Width, minY = Height, maxX = -1, maxY = -1, area = 0;
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> row = _data.AsSpan(y * Width, Width);
            int first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            int last = row.LastIndexOfAnyExcept((byte)0);
            minX = Math.Min(minX, first);
            maxX = Math.Max(maxX, last);
            minY = Math.Min(minY, y);
            maxY = y;
            area += row.Length - row.Count((byte)0);
        }

        Area = area;
        BoundingBox = area == 0 ? default : new BoundingBox(minX, minY, maxX + 1, maxY + 1);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The number of artifact pixels.</summary>
    public int Area { get; }

    /// <summary>The artifact's share of the image, in [0, 1].</summary>
    public double AreaShare => (double)Area / ((long)Width * Height);

    /// <summary>The tightest box around the artifact (pixel edges: x2 and y2 are one past the last pixel); all zero when empty.</summary>
    public BoundingBox BoundingBox { get; }

    public bool IsEmpty => Area == 0;

    /// <summary>The binary 8UC1 Mat (0 or 255). Owned by this mask: read it, never write to it or dispose it.</summary>
    public Mat Pixels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pixels;
        }
    }

    /// <summary>
    /// Loads a mask file (any 8-bit PNG/BMP/TIFF; nonzero in any colour channel marks the artifact) and checks it
    /// against the size of the image it belongs to.
    /// </summary>
    /// <param name="imagePath">The image the mask belongs to, named in the size-mismatch message when given.</param>
    /// <param name="imageOrientation">The EXIF orientation the image was turned by, named in the size-mismatch message when it swapped the sides.</param>
    /// <exception cref="AuditInputException">Missing, undecodable, not 8-bit, of another size than its image, or empty.</exception>
    public static ArtifactMask Load(string path, int expectedWidth, int expectedHeight, string? imagePath = null, ExifOrientation imageOrientation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedHeight);
        // The mask must match its image, so its header is checked against the image's size before anything is decoded.
        string image = imagePath is null ? "its image" : $"its image '{imagePath}'";
        using Mat decoded = ImageFile.Decode(
            path,
            $"Mask '{path}'",
            ImreadModes.Unchanged,
            (long)expectedWidth * expectedHeight,
            (width, height, orientation) => width == expectedWidth && height == expectedHeight
                ? null
                : ExifOrientation.SizeMismatch($"Mask '{path}'", width, height, orientation, image, expectedWidth, expectedHeight, imageOrientation))
            ?? throw new AuditInputException($"Mask '{path}' could not be decoded (expected an 8-bit PNG with the artifact's pixels marked 255).");
        if (decoded.Depth() != MatType.CV_8U)
        {
            throw new AuditInputException(
                $"Mask '{path}' is not 8-bit (OpenCV depth {decoded.Depth()}); expected an 8-bit PNG with the artifact's pixels marked 255.");
        }

        if (decoded.Cols != expectedWidth || decoded.Rows != expectedHeight)
        {
            throw new AuditInputException(
                $"Mask '{path}' is {decoded.Cols}x{decoded.Rows}; {image} is {expectedWidth}x{expectedHeight}.");
        }

        var mask = FromMat(decoded);
        if (mask.IsEmpty)
        {
            mask.Dispose();
            throw new AuditInputException(
                $"Mask '{path}' is empty (every pixel is 0); expected the artifact's pixels non-zero (255 by convention).");
        }

        return mask;
    }

    /// <summary>
    /// A mask from an 8-bit Mat with 1, 3 or 4 channels: a pixel is artifact when any of its first three channels
    /// is nonzero (alpha is ignored). The Mat is copied; the caller keeps ownership of it.
    /// </summary>
    public static ArtifactMask FromMat(Mat mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Empty() || mask.Dims != 2 || mask.Depth() != MatType.CV_8U)
        {
            throw new ArgumentException("Expected a non-empty 2-D 8-bit Mat.", nameof(mask));
        }

        if (mask.Channels() == 1)
        {
            // The threshold reads the one channel as it is; no copy of it first.
            return new ArtifactMask(Binary(mask));
        }

        using var single = new Mat();
        switch (mask.Channels())
        {
            case 3:
            case 4:
                // Any colour channel counts, so a red-on-black mask is not lost to a grey conversion's weights.
                Mat[] planes = mask.Split();
                try
                {
                    Cv2.Max(planes[0], planes[1], single);
                    Cv2.Max(single, planes[2], single);
                }
                finally
                {
                    foreach (Mat plane in planes)
                    {
                        plane.Dispose();
                    }
                }

                break;
            default:
                throw new ArgumentException($"Expected 1, 3 or 4 channels; got {mask.Channels()}.", nameof(mask));
        }

        return new ArtifactMask(Binary(single));
    }

    /// <summary>A mask from row-major bytes (nonzero = artifact), such as one drawn from an annotation file. The bytes are copied.</summary>
    public static ArtifactMask FromBytes(byte[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"Expected {width}x{height} bytes; got {pixels.Length}.", nameof(pixels));
        }

        using Mat wrapped = Mat.FromPixelData(height, width, MatType.CV_8UC1, pixels);
        return new ArtifactMask(Binary(wrapped));
    }

    private static Mat Binary(Mat single)
    {
        var binary = new Mat();
        Cv2.Threshold(single, binary, 0, 255, ThresholdTypes.Binary);
        return binary;
    }

    /// <summary>The share of <paramref name="box"/>'s area (clipped to the image) that is artifact, counting partial pixels exactly.</summary>
    /// <returns>A value in [0, 1]; 0 for a box with no area inside the image.</returns>
    public double Coverage(BoundingBox box)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        BoundingBox clipped = box.ClipTo(Width, Height);
        double area = (double)clipped.Width * clipped.Height;
        if (!(area > 0))
        {
            return 0;
        }

        int firstColumn = (int)Math.Floor(clipped.X1);
        int lastColumn = (int)Math.Ceiling(clipped.X2) - 1;
        int firstRow = (int)Math.Floor(clipped.Y1);
        int lastRow = (int)Math.Ceiling(clipped.Y2) - 1;
        double covered = 0;
        for (int y = firstRow; y <= lastRow; y++)
        {
            double rowHeight = Math.Min(y + 1, clipped.Y2) - Math.Max(y, clipped.Y1);
            ReadOnlySpan<byte> row = _data.AsSpan(y * Width, Width);
            double rowCovered = 0;
            for (int x = firstColumn; x <= lastColumn; x++)
            {
                if (row[x] != 0)
                {
                    rowCovered += Math.Min(x + 1, clipped.X2) - Math.Max(x, clipped.X1);
                }
            }

            covered += rowHeight * rowCovered;
        }

        return Math.Min(1.0, covered / area);
    }

    /// <summary>The artifact grown by <paramref name="pixels"/> in every direction (elliptical element, so roughly by Euclidean distance).</summary>
    public ArtifactMask Dilate(int pixels)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(pixels);
        var grown = new Mat(Height, Width, MatType.CV_8UC1, Scalar.All(0));
        if (!IsEmpty)
        {
            using Mat window = DilatedWindow(pixels, out Rect where);
            using var target = new Mat(grown, where);
            window.CopyTo(target);
        }

        return new ArtifactMask(grown);
    }

    /// <summary>
    /// The part of <see cref="Dilate"/>'s result that can be set: the bounding box grown by <paramref name="pixels"/>
    /// (clipped to the image), as a new Mat the caller disposes, with <paramref name="window"/> its place in the image.
    /// Outside it the dilated mask is 0, so dilating just the window gives the whole image's bytes at a fraction of
    /// the cost; the placebo search marks its keep-out zones from it without building a whole mask. Not empty masks only.
    /// </summary>
    internal Mat DilatedWindow(int pixels, out Rect window)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(pixels);
        if (IsEmpty)
        {
            throw new InvalidOperationException("An empty mask has no window to dilate.");
        }

        int x1 = Math.Max(0, (int)BoundingBox.X1 - pixels), y1 = Math.Max(0, (int)BoundingBox.Y1 - pixels);
        int x2 = Math.Min(Width, (int)BoundingBox.X2 + pixels), y2 = Math.Min(Height, (int)BoundingBox.Y2 + pixels);
        window = new Rect(x1, y1, x2 - x1, y2 - y1);
        using var source = new Mat(_pixels, window);
        var grown = new Mat();
        if (pixels == 0)
        {
            source.CopyTo(grown);
            return grown;
        }

        // BORDER_ISOLATED: the window's own edge is the border (constant, so it adds nothing), not the pixels beyond it.
        using Mat element = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * pixels + 1, 2 * pixels + 1));
        Cv2.Dilate(source, grown, element, borderType: BorderTypes.Constant | BorderTypes.Isolated);
        return grown;
    }

    /// <summary>The same shape moved by (dx, dy) in an image of the same size; pixels moved off the image are dropped.</summary>
    public ArtifactMask Shift(int dx, int dy)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var moved = new Mat(Height, Width, MatType.CV_8UC1, Scalar.All(0));
        var source = new Rect(Math.Max(0, -dx), Math.Max(0, -dy), Width - Math.Abs(dx), Height - Math.Abs(dy));
        if (source.Width > 0 && source.Height > 0)
        {
            var target = new Rect(Math.Max(0, dx), Math.Max(0, dy), source.Width, source.Height);
            using Mat from = new(_pixels, source);
            using Mat to = new(moved, target);
            from.CopyTo(to);
        }

        return new ArtifactMask(moved);
    }

    /// <summary>Whether any pixel is artifact in both masks.</summary>
    public bool Overlaps(ArtifactMask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireSameSize(other);
        for (int i = 0; i < _data.Length; i++)
        {
            if (_data[i] != 0 && other._data[i] != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether pixel (x, y) is artifact.</summary>
    public bool Contains(int x, int y) =>
        x >= 0 && y >= 0 && x < Width && y < Height && _data[y * Width + x] != 0;

    /// <summary>A row-major copy of the pixels (0 or 255), the form <see cref="LayerGridMask"/> reads.</summary>
    public byte[] ToArray() => (byte[])_data.Clone();

    /// <summary>The artifact's weight per cell of a layer grid, through <paramref name="letterbox"/>: see <see cref="LayerGridMask.Map"/>.</summary>
    public float[] ToLayerGrid(LetterboxGeometry letterbox, int gridHeight, int gridWidth)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return LayerGridMask.Map(_data, Width, Height, letterbox, gridHeight, gridWidth);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _pixels.Dispose();
        }
    }

    internal ReadOnlySpan<byte> Data => _data;

    internal void RequireSameSize(ArtifactMask other)
    {
        if (other.Width != Width || other.Height != Height)
        {
            throw new ArgumentException($"The masks differ in size: {Width}x{Height} and {other.Width}x{other.Height}.", nameof(other));
        }
    }

    private static byte[] CopyBytes(Mat binary)
    {
        int rows = binary.Rows;
        int columns = binary.Cols;
        var data = new byte[rows * columns];
        if (binary.IsContinuous())
        {
            Marshal.Copy(binary.Data, data, 0, data.Length);
        }
        else
        {
            for (int y = 0; y < rows; y++)
            {
                Marshal.Copy(binary.Ptr(y), data, y * columns, columns);
            }
        }

        return data;
    }
}
