using System.Buffers.Binary;
using System.Text;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// Builds a journal record's binary payload (<see cref="JournalRecordCodec"/>): integers as zigzag varints, doubles
/// as their 8 little-endian IEEE 754 bytes (so every bit, NaN payloads and -0 included, comes back), strings as UTF-8
/// after their length.
/// </summary>
internal sealed class RecordPayloadWriter
{
    private byte[] _buffer = new byte[4096];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>A signed integer in 1 to 5 bytes: zigzag (0, -1, 1, -2, …) then 7 bits a byte, low first.</summary>
    public void WriteInt(int value)
    {
        uint zigzag = (uint)((value << 1) ^ (value >> 31));
        Span<byte> bytes = Reserve(VarintLength(zigzag));
        int at = 0;
        while (zigzag >= 0x80)
        {
            bytes[at++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }

        bytes[at] = (byte)zigzag;
    }

    /// <summary>An optional integer: a byte 0 for none, else a byte 1 and the integer.</summary>
    public void WriteOptionalInt(int? value)
    {
        WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is int some)
        {
            WriteInt(some);
        }
    }

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(sizeof(double)), value);

    /// <summary>A string: its UTF-8 length plus one, then its bytes; a null string is the length 0.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(0);
            return;
        }

        int length = Encoding.UTF8.GetByteCount(value);
        WriteInt(checked(length + 1));
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    /// <summary>Room for <paramref name="count"/> more bytes, counted as written.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        Span<byte> room = _buffer.AsSpan(Length, count);
        Length += count;
        return room;
    }

    private static int VarintLength(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;
}
