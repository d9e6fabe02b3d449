using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// A pair record's journal line: <c>{"pair":P,"model":M,"record":"…"}</c>, where the record is the base64 of the
/// raw-deflated JSON of the whole <see cref="PairRecord"/> (float arrays as byte planes,
/// <see cref="Float32PlanesJsonConverter"/>; doubles in shortest round-trip form, NaN as <c>"NaN"</c>). The pair and
/// model stay readable so that order, shard membership and one model's records are checked or picked without
/// inflating anything; each line compresses on its own, so a torn line never spoils the ones before it.
/// </summary>
internal static class JournalRecordCodec
{
    private static readonly JsonSerializerOptions RecordJsonOptions = new(RunJournal.JsonOptions)
    {
        Converters = { new Float32PlanesJsonConverter() },
    };

    private static readonly byte[] PairPrefix = "{\"pair\":"u8.ToArray();

    /// <summary>The record's line without its newline.</summary>
    public static byte[] Encode(PairRecord record)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonOptions);
        var deflated = new MemoryStream(json.Length / 2);
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(json);
        }

        string head = string.Create(CultureInfo.InvariantCulture, $"{{\"pair\":{record.Pair},\"model\":{record.Model},\"record\":\"");
        ReadOnlySpan<byte> compressed = deflated.GetBuffer().AsSpan(0, (int)deflated.Length);
        byte[] line = new byte[head.Length + Base64.GetMaxEncodedToUtf8Length(compressed.Length) + 2];
        int at = Encoding.ASCII.GetBytes(head, line);
        Base64.EncodeToUtf8(compressed, line.AsSpan(at), out _, out int written);
        at += written;
        line[at++] = (byte)'"';
        line[at] = (byte)'}';
        return line;
    }

    /// <summary>Whether the line is a pair record's (as opposed to the header or the completion).</summary>
    public static bool IsRecordLine(ReadOnlySpan<byte> line) => line.StartsWith(PairPrefix);

    /// <summary>
    /// The readable part of a record line: pair, model and where the encoded record lies in the line; null with
    /// <paramref name="problem"/> when the line is not of this form.
    /// </summary>
    public static (int Pair, int Model, Range Record)? ReadKey(ReadOnlySpan<byte> line, out string? problem)
    {
        problem = null;
        var json = new Utf8JsonReader(line);
        try
        {
            if (!(json.Read() && json.TokenType == JsonTokenType.StartObject
                && ReadInt(ref json, "pair"u8, out int pair)
                && ReadInt(ref json, "model"u8, out int model)
                && json.Read() && json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("record"u8)
                && json.Read() && json.TokenType == JsonTokenType.String && !json.ValueIsEscaped))
            {
                problem = "expected {\"pair\":P,\"model\":M,\"record\":\"base64\"}";
                return null;
            }

            // The string's bytes: the reader stands on the token, whose value ends before the closing quote.
            int end = (int)json.BytesConsumed - 1;
            var record = new Range(end - json.ValueSpan.Length, end);
            if (!(json.Read() && json.TokenType == JsonTokenType.EndObject) || json.Read())
            {
                problem = "expected the line to end after the record";
                return null;
            }

            if (!Base64.IsValid(line[record]))
            {
                problem = "the record is not base64";
                return null;
            }

            return (pair, model, record);
        }
        catch (JsonException ex)
        {
            problem = $"not JSON ({ex.Message})";
            return null;
        }
    }

    /// <summary>The record encoded in <paramref name="base64"/>; throws <see cref="InvalidDataException"/> or <see cref="JsonException"/> on a damaged one.</summary>
    public static PairRecord Decode(ReadOnlySpan<byte> base64)
    {
        byte[] compressed = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (Base64.DecodeFromUtf8(base64, compressed, out _, out int length) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidDataException("the record is not base64");
        }

        using var inflate = new DeflateStream(new MemoryStream(compressed, 0, length), CompressionMode.Decompress);
        var json = new MemoryStream(length * 4);
        inflate.CopyTo(json);
        return JsonSerializer.Deserialize<PairRecord>(json.GetBuffer().AsSpan(0, (int)json.Length), RecordJsonOptions)
            ?? throw new InvalidDataException("the record is null");
    }

    private static bool ReadInt(ref Utf8JsonReader json, ReadOnlySpan<byte> name, out int value)
    {
        value = 0;
        return json.Read() && json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals(name)
            && json.Read() && json.TokenType == JsonTokenType.Number && json.TryGetInt32(out value);
    }
}
