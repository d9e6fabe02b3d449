using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging.Dicom;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Reads image files the way Ultralytics does (<c>cv2.imdecode</c> of the file bytes), and is the one place every image
/// the harness reads goes through (images, masks, counterfactuals, originals, logos, <c>predict</c> sources; DICOM files
/// through DCMTK, see <see cref="DicomImage"/>): only a
/// regular file (after following links) no larger than the pixel limit allows is read, and only an image whose header
/// declares at most <c>maxPixels</c> pixels is decoded, so a device, a FIFO or a decompression bomb is an error naming
/// the file, not a hang or an exhausted memory.
/// </summary>
public static class ImageFile
{
    /// <summary>Bytes per pixel allowed to a file, beyond <see cref="MetadataBytes"/>: an uncompressed 8-bit BGRA image.</summary>
    private const long BytesPerPixel = 4;

    /// <summary>Room for metadata (EXIF, ICC profiles, thumbnails) in a file beyond its pixels.</summary>
    private const long MetadataBytes = 16L << 20;

    /// <summary>Decodes <paramref name="path"/> into a new BGR 8UC3 Mat the caller disposes.</summary>
    /// <exception cref="AuditInputException">The file is missing, not a regular file, too large, unreadable or not a decodable image.</exception>
    public static Mat Read(string path, int maxPixels = AuditSpecOptions.DefaultMaxPixels) => Read(path, maxPixels, out _);

    /// <summary>Decodes <paramref name="path"/> into a new BGR 8UC3 Mat, turned by the file's EXIF orientation, which <paramref name="orientation"/> returns.</summary>
    /// <exception cref="AuditInputException">The file is missing, not a regular file, too large, unreadable or not a decodable image.</exception>
    public static Mat Read(string path, int maxPixels, out ExifOrientation orientation) => Read(path, maxPixels, DicomWindow.File, out orientation);

    /// <summary>As the overload above, a DICOM file rendered with <paramref name="dicomWindow"/> (<c>dataset.dicom.window</c>).</summary>
    /// <exception cref="AuditInputException">The file is missing, not a regular file, too large, unreadable or not a decodable image.</exception>
    public static Mat Read(string path, int maxPixels, DicomWindow dicomWindow, out ExifOrientation orientation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(path, $"Image '{path}'", ImreadModes.Color, maxPixels, checkSize: null, dicomWindow, out orientation)
            ?? throw new AuditInputException($"Image '{path}' could not be decoded (expected a JPEG, PNG, BMP, TIFF, WebP or DICOM file).");
    }

    /// <summary>
    /// Decodes <paramref name="path"/> with <paramref name="mode"/> into a new Mat the caller disposes, or null when the
    /// bytes are not a decodable image (the caller words that). <paramref name="name"/> starts every message
    /// (<c>Mask 'x.png'</c>); <paramref name="checkSize"/>, given the header's width and height as shown (after the EXIF
    /// orientation) and that orientation before decoding, returns a message to refuse the file with, or null.
    /// </summary>
    /// <exception cref="AuditInputException">The file is missing, a folder, not a regular file, too large, above the pixel limit, refused by <paramref name="checkSize"/> or unreadable.</exception>
    public static Mat? Decode(string path, string name, ImreadModes mode, long maxPixels, Func<long, long, ExifOrientation, string?>? checkSize = null) =>
        Decode(path, name, mode, maxPixels, checkSize, out _);

    /// <summary>
    /// As the overload above; the decoded pixels are turned by the file's EXIF orientation (one rule for every file and
    /// read mode: OpenCV itself turns only colour reads), which <paramref name="orientation"/> returns.
    /// </summary>
    /// <exception cref="AuditInputException">The file is missing, a folder, not a regular file, too large, above the pixel limit, refused by <paramref name="checkSize"/> or unreadable.</exception>
    public static Mat? Decode(string path, string name, ImreadModes mode, long maxPixels, Func<long, long, ExifOrientation, string?>? checkSize, out ExifOrientation orientation) =>
        Decode(path, name, mode, maxPixels, checkSize, DicomWindow.File, out orientation);

    /// <summary>As the overload above, a DICOM file rendered with <paramref name="dicomWindow"/> (DICOM has no EXIF orientation).</summary>
    /// <exception cref="AuditInputException">As above, and a DICOM file DCMTK is missing for or cannot decode (the message gives DCMTK's reason).</exception>
    public static Mat? Decode(
        string path, string name, ImreadModes mode, long maxPixels, Func<long, long, ExifOrientation, string?>? checkSize, DicomWindow dicomWindow, out ExifOrientation orientation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        ArgumentNullException.ThrowIfNull(dicomWindow);
        byte[] bytes = ReadBytes(path, name, maxPixels);
        orientation = ExifOrientation.None;
        if (DicomImage.IsDicom(path, bytes))
        {
            return DicomImage.Decode(path, name, mode, maxPixels, dicomWindow, DcmtkTools.Default, checkSize is null ? null : (w, h) => checkSize(w, h, ExifOrientation.None));
        }

        if (!ImageHeader.TryReadSize(bytes, out long storedWidth, out long storedHeight))
        {
            return null; // not a format whose size can be checked first, so not decoded at all
        }

        orientation = ImageHeader.ReadOrientation(bytes);
        (long width, long height) = orientation.Shown(storedWidth, storedHeight);
        if (checkSize?.Invoke(width, height, orientation) is string refusal)
        {
            throw new AuditInputException(refusal);
        }

        if (width * height > maxPixels)
        {
            throw new AuditInputException(
                $"{name} is {Count(width)}x{Count(height)} ({Count(width * height)} pixels), above the limit of {Count(maxPixels)} (dataset.maxPixels); it was not decoded.");
        }

        Mat? image = null;
        try
        {
            // OpenCV's own turning is off (it applies to some modes and formats only); the orientation read above is applied below.
            ImreadModes unturned = mode == ImreadModes.Unchanged ? mode : mode | ImreadModes.IgnoreOrientation;
            image = bytes.Length == 0 ? null : Cv2.ImDecode(bytes, unturned);
        }
        catch (OpenCVException)
        {
            // A decoder that rejects the bytes by throwing means the same as one returning an empty Mat.
        }

        if (image is null || image.Empty())
        {
            image?.Dispose();
            return null;
        }

        return orientation.Apply(image);
    }

    /// <summary>
    /// Whether <paramref name="path"/> exists and is a regular file after following links, checked without opening it,
    /// so callers that hash or read whole files (provenance) skip a device or a FIFO instead of hanging on it.
    /// </summary>
    public static bool IsRegularFile(string path) => File.Exists(path) && UnixFileType.IsRegularFile(path) != false;

    private static byte[] ReadBytes(string path, string name, long maxPixels)
    {
        if (Directory.Exists(path))
        {
            throw new AuditInputException($"{name} is a folder; expected an image file.");
        }

        if (!File.Exists(path))
        {
            throw new AuditInputException($"{name} does not exist.");
        }

        if (UnixFileType.IsRegularFile(path) == false)
        {
            throw new AuditInputException($"{name} is not a regular file (a device, FIFO or socket); expected an image file.");
        }

        long limit = (maxPixels * BytesPerPixel) + MetadataBytes;
        try
        {
            // Decoding from bytes, as Ultralytics does, keeps non-ASCII paths working on every platform.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (!stream.CanSeek)
            {
                throw new AuditInputException($"{name} is not a regular file (a device, FIFO or socket); expected an image file.");
            }

            if (stream.Length > limit)
            {
                throw new AuditInputException(
                    $"{name} is {Count(stream.Length)} bytes; expected at most {Count(limit)} for an image of up to {Count(maxPixels)} pixels (dataset.maxPixels).");
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{name} could not be read: {e.Message}", e);
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
