using System.Buffers.Binary;
using System.Text;

namespace AuditHarness.Engine.Journal;

/// <summary>Reads what <see cref="RecordPayloadWriter"/> wrote; a payload that ends early or holds an impossible value is an <see cref="InvalidDataException"/>.</summary>
internal ref struct RecordPayloadReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _at;

    public readonly bool AtEnd => _at == _payload.Length;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt()
    {
        uint zigzag = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            zigzag |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
            }
        }

        throw new InvalidDataException("an integer of the record runs over 5 bytes");
    }

    /// <summary>A count of things that follow, each taking at least <paramref name="minBytes"/> bytes: a damaged count fails here, before anything is allocated for it.</summary>
    public int ReadCount(int minBytes)
    {
        int count = ReadInt();
        if (count < 0 || (long)count * minBytes > _payload.Length - _at)
        {
            throw new InvalidDataException($"a count of {count} does not fit in the record's remaining {_payload.Length - _at} bytes");
        }

        return count;
    }

    public int? ReadOptionalInt() => ReadByte() switch
    {
        0 => null,
        1 => ReadInt(),
        byte other => throw new InvalidDataException($"an optional integer marked {other}"),
    };

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

    public string? ReadOptionalString()
    {
        int length = ReadInt();
        if (length < 0)
        {
            throw new InvalidDataException($"a string of length {length - 1}");
        }

        return length == 0 ? null : Encoding.UTF8.GetString(Take(length - 1));
    }

    public string ReadString() => ReadOptionalString() ?? throw new InvalidDataException("a string that must be there is null");

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _payload.Length - _at)
        {
            throw new InvalidDataException($"the record ends after {_payload.Length} bytes, {count} more expected at byte {_at}");
        }

        ReadOnlySpan<byte> taken = _payload.Slice(_at, count);
        _at += count;
        return taken;
    }
}
