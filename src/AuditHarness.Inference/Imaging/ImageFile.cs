using AuditHarness.Core.Errors;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>Reads image files the way Ultralytics does (<c>cv2.imdecode</c> of the file bytes, IMREAD_COLOR).</summary>
public static class ImageFile
{
    /// <summary>Decodes <paramref name="path"/> into a new BGR 8UC3 Mat the caller disposes.</summary>
    /// <exception cref="AuditInputException">The file is missing, unreadable or not a decodable image.</exception>
    public static Mat Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new AuditInputException($"Image '{path}' does not exist.");
        }

        byte[] bytes;
        try
        {
            // Decoding from bytes, as Ultralytics does, keeps non-ASCII paths working on every platform.
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"Image '{path}' could not be read: {e.Message}", e);
        }

        Mat? image = null;
        try
        {
            image = bytes.Length == 0 ? null : Cv2.ImDecode(bytes, ImreadModes.Color);
        }
        catch (OpenCVException)
        {
            // A decoder that rejects the bytes by throwing means the same as one returning an empty Mat.
        }

        if (image is null || image.Empty())
        {
            image?.Dispose();
            throw new AuditInputException(
                $"Image '{path}' could not be decoded (expected a JPEG, PNG, BMP, TIFF or WebP file).");
        }

        return image;
    }
}
