using System.Buffers.Binary;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// The pixel size an encoded image declares in its header (PNG IHDR, JPEG SOF, BMP, TIFF first IFD, WebP VP8/VP8L/VP8X),
/// read from the bytes without decoding, so an image too large to decode can be refused first (OpenCV has no
/// header-only API). Sizes are the stored ones, before any EXIF rotation, which leaves the pixel count unchanged;
/// <see cref="ReadOrientation"/> gives the EXIF orientation tag of a JPEG (APP1), PNG (eXIf) or WebP (EXIF chunk).
/// </summary>
internal static class ImageHeader
{
    /// <summary>The declared width and height, or false when the bytes are not one of the formats above or are cut short.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> bytes, out long width, out long height)
    {
        width = height = 0;
        try
        {
            return TryPng(bytes, ref width, ref height)
                || TryJpeg(bytes, ref width, ref height)
                || TryBmp(bytes, ref width, ref height)
                || TryWebP(bytes, ref width, ref height)
                || TryTiff(bytes, ref width, ref height);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A header cut short: not a size we can trust.
            width = height = 0;
            return false;
        }
    }

    /// <summary>The EXIF orientation the bytes declare before their pixel data; <see cref="ExifOrientation.None"/> when none or unreadable.</summary>
    public static ExifOrientation ReadOrientation(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return ExifOrientation.FromTag(JpegExifOrientation(bytes) ?? PngExifOrientation(bytes) ?? WebPExifOrientation(bytes) ?? 1);
        }
        catch (ArgumentOutOfRangeException)
        {
            return ExifOrientation.None; // an EXIF block cut short: no orientation we can trust
        }
    }

    private static int? JpegExifOrientation(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8)
        {
            return null;
        }

        int at = 2;
        while (at + 3 < b.Length && b[at] == 0xFF)
        {
            byte marker = b[at + 1];
            if (marker == 0xFF || marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += marker == 0xFF ? 1 : 2;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // EXIF comes before the scan data
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(b[(at + 2)..]);
            if (marker == 0xE1 && length >= 8 && b.Slice(at + 4, 6).SequenceEqual("Exif\0\0"u8))
            {
                return TiffOrientation(b.Slice(at + 10, Math.Min(length - 8, b.Length - at - 10)));
            }

            at += 2 + length;
        }

        return null;
    }

    private static int? PngExifOrientation(ReadOnlySpan<byte> b)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (b.Length < 8 || !b[..8].SequenceEqual(signature))
        {
            return null;
        }

        int at = 8;
        while (at + 8 <= b.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
            ReadOnlySpan<byte> type = b.Slice(at + 4, 4);
            if (type.SequenceEqual("IDAT"u8) || length > b.Length - at - 8)
            {
                return null;
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                return TiffOrientation(WithoutExifPrefix(b.Slice(at + 8, (int)length)));
            }

            at += 12 + (int)length;
        }

        return null;
    }

    private static int? WebPExifOrientation(ReadOnlySpan<byte> b)
    {
        if (b.Length < 12 || !b[..4].SequenceEqual("RIFF"u8) || !b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return null;
        }

        int at = 12;
        while (at + 8 <= b.Length)
        {
            long length = BinaryPrimitives.ReadUInt32LittleEndian(b[(at + 4)..]);
            if (length > b.Length - at - 8)
            {
                return null;
            }

            if (b.Slice(at, 4).SequenceEqual("EXIF"u8))
            {
                return TiffOrientation(WithoutExifPrefix(b.Slice(at + 8, (int)length)));
            }

            at += 8 + (int)length + (int)(length & 1);
        }

        return null;
    }

    /// <summary>Some writers keep JPEG's <c>Exif\0\0</c> prefix in PNG and WebP EXIF blocks.</summary>
    private static ReadOnlySpan<byte> WithoutExifPrefix(ReadOnlySpan<byte> block) =>
        block.StartsWith("Exif\0\0"u8) ? block[6..] : block;

    /// <summary>Tag 0x0112 of the first IFD of a TIFF-structured EXIF block, or null.</summary>
    private static int? TiffOrientation(ReadOnlySpan<byte> tiff)
    {
        bool little;
        if (tiff.Length >= 8 && tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            little = true;
        }
        else if (tiff.Length >= 8 && tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            little = false;
        }
        else
        {
            return null;
        }

        uint ifd = U32(tiff, 4, little);
        if (ifd > (uint)tiff.Length - 2)
        {
            return null;
        }

        int count = U16(tiff, (int)ifd, little);
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + (12 * i);
            if (U16(tiff, entry, little) == 0x0112)
            {
                return U16(tiff, entry + 2, little) == 3 ? U16(tiff, entry + 8, little) : null; // SHORT, stored in the entry
            }
        }

        return null;
    }

    private static bool TryPng(ReadOnlySpan<byte> b, ref long width, ref long height)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (b.Length < 24 || !b[..8].SequenceEqual(signature) || !b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return false;
        }

        width = BinaryPrimitives.ReadUInt32BigEndian(b[16..]);
        height = BinaryPrimitives.ReadUInt32BigEndian(b[20..]);
        return true;
    }

    private static bool TryJpeg(ReadOnlySpan<byte> b, ref long width, ref long height)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8)
        {
            return false;
        }

        int at = 2;
        while (at + 3 < b.Length)
        {
            if (b[at] != 0xFF)
            {
                return false;
            }

            byte marker = b[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // no length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return false; // end of image or scan data before any frame header
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(b[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(b[(at + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(b[(at + 7)..]);
                return true;
            }

            at += 2 + length;
        }

        return false;
    }

    private static bool TryBmp(ReadOnlySpan<byte> b, ref long width, ref long height)
    {
        if (b.Length < 26 || b[0] != (byte)'B' || b[1] != (byte)'M')
        {
            return false;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(b[14..]) == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(b[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(b[20..]);
        }
        else
        {
            width = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(b[18..]));
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(b[22..])); // negative: stored top-down
        }

        return true;
    }

    private static bool TryWebP(ReadOnlySpan<byte> b, ref long width, ref long height)
    {
        if (b.Length < 30 || !b[..4].SequenceEqual("RIFF"u8) || !b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> chunk = b.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            width = (b[24] | (b[25] << 8) | (b[26] << 16)) + 1L;
            height = (b[27] | (b[28] << 8) | (b[29] << 16)) + 1L;
            return true;
        }

        if (chunk.SequenceEqual("VP8L"u8) && b[20] == 0x2F)
        {
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            width = (bits & 0x3FFF) + 1L;
            height = ((bits >> 14) & 0x3FFF) + 1L;
            return true;
        }

        if (chunk.SequenceEqual("VP8 "u8) && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF;
            return true;
        }

        return false;
    }

    private static bool TryTiff(ReadOnlySpan<byte> b, ref long width, ref long height)
    {
        bool little;
        if (b.Length >= 8 && b[0] == (byte)'I' && b[1] == (byte)'I' && b[2] == 42 && b[3] == 0)
        {
            little = true;
        }
        else if (b.Length >= 8 && b[0] == (byte)'M' && b[1] == (byte)'M' && b[2] == 0 && b[3] == 42)
        {
            little = false;
        }
        else
        {
            return false;
        }

        uint ifd = U32(b, 4, little);
        if (ifd > int.MaxValue - 2)
        {
            return false;
        }

        int count = U16(b, (int)ifd, little);
        long w = -1, h = -1;
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + (12 * i);
            ushort tag = U16(b, entry, little);
            ushort type = U16(b, entry + 2, little);
            long value = type == 3 ? U16(b, entry + 8, little) : type == 4 ? U32(b, entry + 8, little) : -1;
            if (tag == 256)
            {
                w = value;
            }
            else if (tag == 257)
            {
                h = value;
            }
        }

        if (w < 0 || h < 0)
        {
            return false;
        }

        width = w;
        height = h;
        return true;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
