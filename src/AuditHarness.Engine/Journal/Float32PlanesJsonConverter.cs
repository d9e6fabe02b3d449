using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// Writes a <c>float[]</c> as base64 of its little-endian IEEE 754 bytes, bit for bit (NaN payloads included), in four
/// byte planes: every value's first byte, then every second byte, and so on. Channel selectivities of one layer share
/// their sign and nearly their exponent, so the last plane is nearly constant and the compression of the journal line
/// takes most of it away (about 9 % of the selectivities' size on the demo; their low mantissa bytes are noise).
/// </summary>
internal sealed class Float32PlanesJsonConverter : JsonConverter<float[]>
{
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a base64 string of float32 byte planes, got {reader.TokenType}");
        }

        byte[] planes = reader.GetBytesFromBase64();
        if (planes.Length % sizeof(float) != 0)
        {
            throw new JsonException($"float32 byte planes of {planes.Length} bytes, not a multiple of 4");
        }

        int count = planes.Length / sizeof(float);
        var values = new float[count];
        Span<byte> bytes = stackalloc byte[sizeof(float)];
        for (int i = 0; i < count; i++)
        {
            for (int plane = 0; plane < sizeof(float); plane++)
            {
                bytes[plane] = planes[(plane * count) + i];
            }

            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes);
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        int count = value.Length;
        byte[] planes = new byte[count * sizeof(float)];
        Span<byte> bytes = stackalloc byte[sizeof(float)];
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, value[i]);
            for (int plane = 0; plane < sizeof(float); plane++)
            {
                planes[(plane * count) + i] = bytes[plane];
            }
        }

        writer.WriteBase64StringValue(planes);
    }
}
