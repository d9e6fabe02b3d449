using System.Buffers;
using System.Security.Cryptography;

namespace AuditHarness.Engine.Provenance;

/// <summary>SHA-256 of files, streamed in blocks so that model files and large images never sit in memory whole.</summary>
public static class FileDigest
{
    private const int BlockSize = 1 << 20;

    public static FileFingerprint Compute(string path)
    {
        // bufferSize 1 turns off FileStream's own buffer: reads already come in 1 MiB blocks.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Compute(stream);
    }

    /// <summary>Hashes <paramref name="stream"/> from its current position to its end.</summary>
    public static FileFingerprint Compute(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        long size = 0;
        try
        {
            int read;
            while ((read = stream.Read(block, 0, BlockSize)) > 0)
            {
                hash.AppendData(block, 0, read);
                size += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }

        return new FileFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
