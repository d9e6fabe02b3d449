using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// The one definition of a run's dataset digest: the SHA-256 of the text made of the SHA-256 (64 lowercase hex digits)
/// of every file in <c>inputs.csv</c>, sorted in byte order, each followed by a line feed; a file absent at run time
/// gives an empty line. Contents only, not paths, so a dataset moved as a whole keeps its digest, while one changed
/// image changes it. From a run folder: <c>tail -n +2 inputs.csv | cut -d, -f1 | LC_ALL=C sort | sha256sum</c>.
/// </summary>
public static class DatasetDigest
{
    /// <param name="sha256s">Each listed file's SHA-256 in lowercase hex, null or empty for a file absent at run time.</param>
    public static string Of(IEnumerable<string?> sha256s)
    {
        ArgumentNullException.ThrowIfNull(sha256s);

        // Held as 32 bytes each rather than as strings: a list of millions of files stays a few tens of megabytes.
        var hashes = new List<Sha256Value>();
        int absent = 0;
        foreach (string? sha in sha256s)
        {
            if (string.IsNullOrEmpty(sha))
            {
                absent++;
            }
            else
            {
                hashes.Add(Sha256Value.Parse(sha));
            }
        }

        // Numeric order of the bytes is the byte order of their lowercase hex, which is what `LC_ALL=C sort` gives.
        hashes.Sort();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < absent; i++)
        {
            digest.AppendData("\n"u8);
        }

        Span<byte> raw = stackalloc byte[32];
        Span<byte> line = stackalloc byte[65];
        line[64] = (byte)'\n';
        foreach (Sha256Value hash in hashes)
        {
            hash.WriteTo(raw);
            _ = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(raw), line);
            digest.AppendData(line);
        }

        return Convert.ToHexStringLower(digest.GetHashAndReset());
    }

    private readonly record struct Sha256Value(ulong A, ulong B, ulong C, ulong D) : IComparable<Sha256Value>
    {
        public static Sha256Value Parse(string hex)
        {
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigitLower))
            {
                throw new FormatException($"'{hex}' is not a SHA-256 in 64 lowercase hex digits.");
            }

            byte[] bytes = Convert.FromHexString(hex);
            return new Sha256Value(
                BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(0)),
                BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)),
                BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(16)),
                BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(24)));
        }

        public void WriteTo(Span<byte> bytes)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], B);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], C);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], D);
        }

        public int CompareTo(Sha256Value other)
        {
            int c = A.CompareTo(other.A);
            if (c == 0)
            {
                c = B.CompareTo(other.B);
            }

            if (c == 0)
            {
                c = C.CompareTo(other.C);
            }

            return c != 0 ? c : D.CompareTo(other.D);
        }
    }
}
