using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AuditHarness.Core.Comparison;
using AuditHarness.Engine.Pairs;
using AuditHarness.Results;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// A pair record's journal line: <c>{"pair":P,"model":M,"record":"…"}</c>, where the record is the base64 of the
/// raw-deflated binary payload of the whole <see cref="PairRecord"/> (format 6, laid out in docs/sharding.md):
/// integers as varints, doubles as their 8 bytes, channel selectivities as two byte planes of bfloat16 (they are
/// rounded to it where computed; an array that is not is kept as four float32 planes), and the <c>pairs.csv</c> and
/// <c>layers.csv</c> rows left out when <see cref="PairLogRowFormatter.FormatPairRows"/> and <see cref="PairLogRowFormatter.FormatLayerRows"/>
/// give them back from the outcome (with the label, detection counts and placebo shifts for the pairs' rows), as they
/// do for every processed pair. Everything read back is bit for bit what was written. The pair and model stay readable so that
/// order, shard membership and one model's records are checked or picked without inflating anything; each line
/// compresses on its own, so a torn line never spoils the ones before it.
/// </summary>
internal static class JournalRecordCodec
{
    private const byte OutcomeKind = 0, FailureKind = 1;
    private const byte PairRowsFromOutcome = 1, LayerRowsFromOutcome = 2;
    private const byte ExcessVerbatim = 0, ExcessIsInsideMinusArea = 1;
    private const byte BFloat16Planes = 2, Float32Planes = 4;

    private static readonly byte[] PairPrefix = "{\"pair\":"u8.ToArray();

    /// <summary>The record's line without its newline.</summary>
    public static byte[] Encode(PairRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var payload = new RecordPayloadWriter();
        Write(payload, record);
        var deflated = new MemoryStream(payload.Length);
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(payload.Written);
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

    /// <summary>The record encoded in <paramref name="base64"/>; throws <see cref="InvalidDataException"/> on a damaged one.</summary>
    public static PairRecord Decode(ReadOnlySpan<byte> base64)
    {
        byte[] compressed = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (Base64.DecodeFromUtf8(base64, compressed, out _, out int length) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidDataException("the record is not base64");
        }

        byte[] payload = new byte[Math.Max(4 * length, 1024)];
        int size = 0;
        using (var inflate = new DeflateStream(new MemoryStream(compressed, 0, length), CompressionMode.Decompress))
        {
            int read;
            while ((read = inflate.Read(payload, size, payload.Length - size)) > 0)
            {
                size += read;
                if (size == payload.Length)
                {
                    Array.Resize(ref payload, payload.Length * 2);
                }
            }
        }

        var reader = new RecordPayloadReader(payload.AsSpan(0, size));
        PairRecord record = Read(ref reader);
        if (!reader.AtEnd)
        {
            throw new InvalidDataException("bytes follow the record");
        }

        return record;
    }

    private static void Write(RecordPayloadWriter w, PairRecord record)
    {
        w.WriteInt(record.Model);
        w.WriteInt(record.Pair);
        w.WriteString(record.PairId);
        w.WriteString(record.Rows.Detections);
        w.WriteString(record.Rows.Errors);

        // The rows the outcome gives back are left out; the model name they start with is kept once.
        PairRowExtras? pairRows = null;
        string? layersModel = null;
        if (record.Outcome is { } derivable)
        {
            pairRows = PairRowExtras.Of(record.Rows.Pairs, derivable);
            layersModel = LayerRowsModel(record.Rows.Layers, derivable);
            if (pairRows is { } p && layersModel is not null && p.Model != layersModel)
            {
                pairRows = null;
            }
        }

        byte forms = (byte)((pairRows is null ? 0 : PairRowsFromOutcome) | (layersModel is null ? 0 : LayerRowsFromOutcome));
        w.WriteByte(forms);
        if (forms != 0)
        {
            w.WriteString(pairRows?.Model ?? layersModel);
        }

        if (pairRows is { } rows)
        {
            w.WriteString(rows.Label);
            w.WriteInt(rows.Variants.Length);
            foreach ((int detections, int? dx, int? dy) in rows.Variants)
            {
                w.WriteInt(detections);
                w.WriteOptionalInt(dx);
                w.WriteOptionalInt(dy);
            }
        }
        else
        {
            w.WriteString(record.Rows.Pairs);
        }

        if (layersModel is null)
        {
            w.WriteString(record.Rows.Layers);
        }

        if (record.Outcome is { } outcome)
        {
            w.WriteByte(OutcomeKind);
            WriteOutcome(w, outcome);
        }
        else
        {
            PairFailure failure = record.Failure ?? throw new ArgumentException($"The record of pair {record.Pair} of model {record.Model} has neither an outcome nor a failure.", nameof(record));
            w.WriteByte(FailureKind);
            w.WriteString(failure.Model);
            w.WriteString(failure.PairId);
            w.WriteOptionalInt(failure.ManifestRow);
            w.WriteString(failure.Stage);
            w.WriteString(failure.Message);
        }
    }

    private static PairRecord Read(ref RecordPayloadReader r)
    {
        int model = r.ReadInt();
        int pair = r.ReadInt();
        string pairId = r.ReadString();
        string detectionRows = r.ReadString();
        string errorRows = r.ReadString();
        byte forms = r.ReadByte();
        if ((forms & ~(PairRowsFromOutcome | LayerRowsFromOutcome)) != 0)
        {
            throw new InvalidDataException($"unknown forms {forms} of the log rows");
        }

        string? modelName = forms != 0 ? r.ReadString() : null;
        string? pairRows = null, label = null;
        (int Detections, int? Dx, int? Dy)[] variants = [];
        if ((forms & PairRowsFromOutcome) != 0)
        {
            label = r.ReadString();
            variants = new (int, int?, int?)[r.ReadCount(minBytes: 3)];
            for (int i = 0; i < variants.Length; i++)
            {
                variants[i] = (r.ReadInt(), r.ReadOptionalInt(), r.ReadOptionalInt());
            }
        }
        else
        {
            pairRows = r.ReadString();
        }

        string? layerRows = (forms & LayerRowsFromOutcome) != 0 ? null : r.ReadString();
        byte kind = r.ReadByte();
        PairOutcome? outcome = null;
        PairFailure? failure = null;
        if (kind == OutcomeKind)
        {
            outcome = ReadOutcome(ref r);
        }
        else if (kind == FailureKind)
        {
            failure = new PairFailure(r.ReadString(), r.ReadOptionalString(), r.ReadOptionalInt(), r.ReadString(), r.ReadString());
        }
        else
        {
            throw new InvalidDataException($"unknown record kind {kind}");
        }

        if (forms != 0 && outcome is null)
        {
            throw new InvalidDataException("log rows to be formatted from the outcome of a failure");
        }

        if (label is not null)
        {
            if (variants.Length != PairLogRowFormatter.PairRowVariants(outcome!).Length)
            {
                throw new InvalidDataException($"{variants.Length} variants' counts for an outcome of {PairLogRowFormatter.PairRowVariants(outcome!).Length} variants");
            }

            pairRows = PairLogRowFormatter.FormatPairRows(modelName!, outcome!, label, variants);
        }

        layerRows ??= PairLogRowFormatter.FormatLayerRows(modelName!, outcome!);
        return new PairRecord(model, pair, pairId, new PairLogRows(pairRows!, detectionRows, layerRows, errorRows), outcome, failure);
    }

    /// <summary>
    /// The model name with which <see cref="PairLogRowFormatter.FormatLayerRows"/> gives exactly <paramref name="rows"/> from
    /// <paramref name="outcome"/>, or null when it does not (no rows, a name the CSV quotes or escapes, or rows
    /// formatted otherwise): then the rows are journaled as they are.
    /// </summary>
    private static string? LayerRowsModel(string rows, PairOutcome outcome)
    {
        int comma = rows.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            return null;
        }

        string model = rows[..comma];
        return string.Equals(PairLogRowFormatter.FormatLayerRows(model, outcome), rows, StringComparison.Ordinal) ? model : null;
    }

    private static void WriteOutcome(RecordPayloadWriter w, PairOutcome outcome)
    {
        w.WriteString(outcome.PairId);
        w.WriteString(outcome.ArtifactType);
        w.WriteString(outcome.SubjectId);
        w.WriteString(outcome.PlaceboHost);
        w.WriteInt((int)outcome.ScoreSource);
        WriteDelta(w, outcome.Artifact);
        w.WriteInt(outcome.Placebos.Count);
        foreach (PredictionDelta placebo in outcome.Placebos)
        {
            WriteDelta(w, placebo);
        }

        WriteLayers(w, outcome.ArtifactLayers);
        w.WriteInt(outcome.PlaceboLayers.Count);
        foreach (IReadOnlyList<LayerChange> layers in outcome.PlaceboLayers)
        {
            WriteLayers(w, layers);
        }
    }

    private static PairOutcome ReadOutcome(ref RecordPayloadReader r)
    {
        string pairId = r.ReadString();
        string artifactType = r.ReadString();
        string? subject = r.ReadOptionalString();
        string? host = r.ReadOptionalString();
        int scoreSource = r.ReadInt();
        if (!Enum.IsDefined((ScoreSource)scoreSource))
        {
            throw new InvalidDataException($"unknown score source {scoreSource}");
        }

        PredictionDelta artifact = ReadDelta(ref r);
        var placebos = new PredictionDelta[r.ReadCount(minBytes: 32)];
        for (int i = 0; i < placebos.Length; i++)
        {
            placebos[i] = ReadDelta(ref r);
        }

        LayerChange[] artifactLayers = ReadLayers(ref r);
        var placeboLayers = new IReadOnlyList<LayerChange>[r.ReadCount(minBytes: 1)];
        for (int i = 0; i < placeboLayers.Length; i++)
        {
            placeboLayers[i] = ReadLayers(ref r);
        }

        return new PairOutcome(pairId, artifactType, artifact, placebos, artifactLayers, placeboLayers)
        {
            SubjectId = subject,
            PlaceboHost = host,
            ScoreSource = (ScoreSource)scoreSource,
        };
    }

    private static void WriteDelta(RecordPayloadWriter w, PredictionDelta d)
    {
        w.WriteInt(d.OriginalCount);
        w.WriteInt(d.OffArtifactCount);
        w.WriteInt(d.Flips);
        w.WriteInt(d.Lost);
        w.WriteInt(d.New);
        w.WriteInt(d.OnArtifact);
        w.WriteInt(d.ScoreDropCountOffArtifact);
        w.WriteDouble(d.MeanScoreDelta);
        w.WriteDouble(d.MeanScoreDeltaOffArtifact);
        w.WriteDouble(d.MeanScoreDrop);
        w.WriteDouble(d.MeanScoreDropOffArtifact);
    }

    private static PredictionDelta ReadDelta(ref RecordPayloadReader r)
    {
        int originalCount = r.ReadInt(), offArtifactCount = r.ReadInt(), flips = r.ReadInt(), lost = r.ReadInt(), @new = r.ReadInt(), onArtifact = r.ReadInt(), dropCountOff = r.ReadInt();
        double meanScoreDelta = r.ReadDouble(), meanScoreDeltaOff = r.ReadDouble(), meanScoreDrop = r.ReadDouble(), meanScoreDropOff = r.ReadDouble();
        return new PredictionDelta(originalCount, meanScoreDelta, offArtifactCount, meanScoreDeltaOff, flips, lost, @new, onArtifact, meanScoreDrop, dropCountOff, meanScoreDropOff);
    }

    private static void WriteLayers(RecordPayloadWriter w, IReadOnlyList<LayerChange> layers)
    {
        w.WriteInt(layers.Count);
        foreach (LayerChange layer in layers)
        {
            w.WriteString(layer.Tap);
            w.WriteDouble(layer.RelativeChange);
            w.WriteDouble(layer.PooledCosine);
            w.WriteDouble(layer.InsideShare);
            w.WriteDouble(layer.AreaShare);
            // As ActivationComparison computes it; stored only when it is not that, bit for bit.
            if (BitConverter.DoubleToInt64Bits(layer.InsideShareExcess) == BitConverter.DoubleToInt64Bits(layer.InsideShare - layer.AreaShare))
            {
                w.WriteByte(ExcessIsInsideMinusArea);
            }
            else
            {
                w.WriteByte(ExcessVerbatim);
                w.WriteDouble(layer.InsideShareExcess);
            }

            WriteSelectivity(w, layer.ChannelSelectivity);
        }
    }

    private static LayerChange[] ReadLayers(ref RecordPayloadReader r)
    {
        var layers = new LayerChange[r.ReadCount(minBytes: 35)];
        for (int i = 0; i < layers.Length; i++)
        {
            string tap = r.ReadString();
            double relativeChange = r.ReadDouble(), pooledCosine = r.ReadDouble(), insideShare = r.ReadDouble(), areaShare = r.ReadDouble();
            byte excessForm = r.ReadByte();
            double excess = excessForm switch
            {
                ExcessIsInsideMinusArea => insideShare - areaShare,
                ExcessVerbatim => r.ReadDouble(),
                _ => throw new InvalidDataException($"unknown form {excessForm} of an inside share excess"),
            };
            layers[i] = new LayerChange(tap, relativeChange, pooledCosine, insideShare, areaShare, excess, ReadSelectivity(ref r));
        }

        return layers;
    }

    /// <summary>
    /// The values' bytes in planes, most significant first (every value's top byte, then every second byte, …): the
    /// sign and exponent bytes of one layer's selectivities are nearly constant and compress away. Two planes when every
    /// value is a bfloat16 (as ActivationComparison leaves them), four otherwise.
    /// </summary>
    private static void WriteSelectivity(RecordPayloadWriter w, float[] values)
    {
        w.WriteInt(values.Length);
        if (values.Length == 0)
        {
            return;
        }

        byte form = values.All(BFloat16Rounding.IsExact) ? BFloat16Planes : Float32Planes;
        w.WriteByte(form);
        Span<byte> planes = w.Reserve(values.Length * form);
        for (int i = 0; i < values.Length; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(values[i]);
            for (int plane = 0; plane < form; plane++)
            {
                planes[(plane * values.Length) + i] = (byte)(bits >> (24 - (8 * plane)));
            }
        }
    }

    private static float[] ReadSelectivity(ref RecordPayloadReader r)
    {
        int count = r.ReadCount(minBytes: 2);
        if (count == 0)
        {
            return [];
        }

        byte form = r.ReadByte();
        if (form is not (BFloat16Planes or Float32Planes))
        {
            throw new InvalidDataException($"unknown form {form} of channel selectivities");
        }

        ReadOnlySpan<byte> planes = r.Take(count * form);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            uint bits = 0;
            for (int plane = 0; plane < form; plane++)
            {
                bits |= (uint)planes[(plane * count) + i] << (24 - (8 * plane));
            }

            values[i] = BitConverter.UInt32BitsToSingle(bits);
        }

        return values;
    }

    private static bool ReadInt(ref Utf8JsonReader json, ReadOnlySpan<byte> name, out int value)
    {
        value = 0;
        return json.Read() && json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals(name)
            && json.Read() && json.TokenType == JsonTokenType.Number && json.TryGetInt32(out value);
    }
}
