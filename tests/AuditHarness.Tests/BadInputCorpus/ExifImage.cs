using System.Buffers.Binary;
using OpenCvSharp;

namespace AuditHarness.Tests.BadInputCorpus;

/// <summary>
/// Encodes a Mat as a JPEG or PNG carrying an EXIF orientation tag, written byte by byte here (a JPEG APP1 segment right
/// after SOI, a PNG eXIf chunk right after IHDR), so tests need no camera file.
/// </summary>
public static class ExifImage
{
    public static void WriteJpeg(string path, Mat image, int orientation, bool littleEndian = false)
    {
        byte[] jpeg = image.ImEncode(".jpg", [(int)ImwriteFlags.JpegQuality, 95]);
        byte[] exif = [.. "Exif\0\0"u8, .. TiffBlock(orientation, littleEndian)];
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + exif.Length)); // the length counts itself
        exif.CopyTo(segment, 4);
        File.WriteAllBytes(path, [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)]);
    }

    public static void WritePng(string path, Mat image, int orientation)
    {
        byte[] png = image.ImEncode(".png");
        const int afterHeader = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
        byte[] data = TiffBlock(orientation, littleEndian: true);
        byte[] typed = [.. "eXIf"u8, .. data];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        File.WriteAllBytes(path, [.. png.AsSpan(0, afterHeader), .. chunk, .. png.AsSpan(afterHeader)]);
    }

    /// <summary>A TIFF header and one IFD holding only tag 0x0112 (orientation, SHORT), no next IFD.</summary>
    private static byte[] TiffBlock(int orientation, bool littleEndian)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        void U16(int at, int value)
        {
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)value);
            }
        }

        void U32(int at, int value)
        {
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), (uint)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), (uint)value);
            }
        }

        tiff[0] = tiff[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(2, 42);
        U32(4, 8); // first IFD right after the header
        U16(8, 1); // one entry
        U16(10, 0x0112);
        U16(12, 3); // SHORT
        U32(14, 1); // count
        U16(18, orientation); // the value sits in the entry's first two bytes
        U32(22, 0); // no next IFD
        return tiff;
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
