using System.Buffers.Binary;
using System.IO.Compression;

namespace AuditHarness.Tests.BadInputCorpus;

/// <summary>
/// Writes a decompression bomb: a valid, all-black 8-bit greyscale PNG of a large size whose deflate stream of zero rows
/// is tiny (20000x20000 is about 400 KB on disk, 400 MB as grey pixels, 1.2 GB once decoded to BGR).
/// </summary>
public static class BombPng
{
    public static void Write(string path, int width, int height)
    {
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, filter 0, no interlace
        WriteChunk(file, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[width + 1]; // filter byte 0, then black pixels
                for (int y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            WriteChunk(file, "IDAT", compressed.ToArray());
        }

        WriteChunk(file, "IEND", []);
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        byte[] typed = [.. type.Select(c => (byte)c), .. data];
        file.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        file.Write(crc);
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
