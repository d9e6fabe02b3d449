using System.Globalization;
using System.Text;
using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;
using static AuditHarness.Tests.TestModels.OnnxGraphWriter;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Tests.TestModels;

/// <summary>
/// Builds tiny runnable ONNX models shaped like Ultralytics exports, for tests of the whole pipeline.
/// </summary>
/// <remarks>
/// The graph mirrors an export's naming: <c>/model.0/conv/Conv</c> (3→8 channels, stride 2) with a SiLU
/// (<c>/model.0/act/Sigmoid</c>, <c>/model.0/act/Mul</c>), <c>/model.1/...</c> a second stride-2 conv
/// (8→16; DynamicQuantizeLinear + ConvInteger for <see cref="TinyYoloPrecision.Int8Dynamic"/>), and the
/// head <c>/model.2/...</c> producing <c>output0</c>. The head computes
/// <c>output0 = constant + ReduceMean(features) * 0</c>: the value is the caller's constant whatever the
/// image, yet the whole network runs, so decoders can be tested with known boxes and taps with real activations.
/// </remarks>
public static class TinyYoloModelBuilder
{
    public const string InputName = "images";
    public const string OutputName = "output0";

    /// <summary>Rows of an end-to-end output when the caller gives no <see cref="TinyYoloModelOptions.Output0"/>.</summary>
    public const int DefaultEndToEndRows = 300;

    /// <summary>Tensor of module 0's output (a tap on <c>model.0</c> resolves to it): <c>[1, 8, H/2, W/2]</c>.</summary>
    public const string Module0Output = "/model.0/act/Mul_output_0";

    /// <summary>Tensor of module 1's output: <c>[1, 16, H/4, W/4]</c>, float in every precision.</summary>
    public const string Module1Output = "/model.1/act/Mul_output_0";

    private const int Module0Channels = 8;
    private const int Module1Channels = 16;
    private const int HeadChannels = 4;

    public static byte[] Build(TinyYoloModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shape = Output0Shape(options);
        var values = options.Output0 ?? new float[checked((int)shape.Aggregate(1L, (a, b) => a * b))];
        object[] declaredDims = options.DynamicInput
            ? options.Family switch
            {
                TinyYoloFamily.EndToEnd => ["batch", shape[1], shape[2]],
                TinyYoloFamily.AnchorGrid => ["batch", shape[1], "anchors"],
                _ => ["batch", "anchors", shape[2]],
            }
            : [.. shape.Cast<object>()];

        return BuildModel(
            "main_graph",
            options.Precision,
            options.InputHeight,
            options.InputWidth,
            options.DynamicInput,
            shape,
            declaredDims,
            values,
            MetadataFor(options));
    }

    /// <summary>Builds the model and writes it to a new temporary file; the caller deletes it.</summary>
    public static string BuildToTempFile(TinyYoloModelOptions options) => WriteTempFile(Build(options));

    /// <summary>
    /// A runnable classifier, not a detector: Ultralytics metadata with <c>task: classify</c>, input 224x224,
    /// output <c>[1, classCount]</c>.
    /// </summary>
    public static byte[] BuildClassifier(int classCount = 1000, float[]? output0 = null, IReadOnlyDictionary<string, string?>? metadata = null)
    {
        var names = Enumerable.Range(0, classCount).Select(i => "class" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var defaults = UltralyticsMetadata("classify", 224, 224, names, end2end: null);
        return BuildModel(
            "main_graph",
            TinyYoloPrecision.Float32,
            224,
            224,
            dynamicInput: false,
            [1, classCount],
            [1, classCount],
            output0 ?? new float[classCount],
            ApplyOverrides(defaults, metadata));
    }

    /// <summary>
    /// A runnable model with detector metadata (task detect, classes person and bus) whose <c>output0</c> has
    /// the given shape; the default <c>[1, 3, 20, 20]</c> fits no YOLO output family.
    /// </summary>
    public static byte[] BuildWithOutputShape(long[]? shape = null, float[]? output0 = null, IReadOnlyDictionary<string, string?>? metadata = null)
    {
        shape ??= [1, 3, 20, 20];
        var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        var defaults = UltralyticsMetadata("detect", 320, 320, ["person", "bus"], end2end: false);
        return BuildModel(
            "main_graph",
            TinyYoloPrecision.Float32,
            320,
            320,
            dynamicInput: false,
            shape,
            [.. shape.Cast<object>()],
            output0 ?? new float[count],
            ApplyOverrides(defaults, metadata));
    }

    /// <summary>The shape of <c>output0</c> for these options: <c>[1, N, 6]</c>, <c>[1, 4 + nc, A]</c> or <c>[1, A, 5 + nc]</c>.</summary>
    public static long[] Output0Shape(TinyYoloModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var classCount = options.ClassNames.Count;
        var rowWidth = options.Family switch
        {
            TinyYoloFamily.EndToEnd => 6,
            TinyYoloFamily.AnchorGrid => 4 + classCount,
            _ => 5 + classCount,
        };
        var defaultRows = options.Family == TinyYoloFamily.EndToEnd
            ? DefaultEndToEndRows
            : GridCellCount(options.InputHeight, options.InputWidth);

        long rows = defaultRows;
        if (options.Output0 is { } values)
        {
            if (values.Length == 0 || values.Length % rowWidth != 0)
            {
                throw new ArgumentException(
                    $"Output0 has {values.Length} values; a {options.Family} output with {classCount} classes needs a positive multiple of {rowWidth}.",
                    nameof(options));
            }

            rows = values.Length / rowWidth;
        }

        return options.Family == TinyYoloFamily.AnchorGrid ? [1, rowWidth, rows] : [1, rows, rowWidth];
    }

    /// <summary>Anchor points of a three-level grid at strides 8, 16 and 32, as Ultralytics heads have.</summary>
    public static int GridCellCount(int inputHeight, int inputWidth) =>
        new[] { 8, 16, 32 }.Sum(s => (inputHeight / s) * (inputWidth / s));

    /// <summary>The metadata the model will carry: Ultralytics-style defaults with the options' overrides applied.</summary>
    public static IReadOnlyDictionary<string, string> MetadataFor(TinyYoloModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = options.Family == TinyYoloFamily.YoloV5
            // The YOLOv5 repository's export writes only these two.
            ? new List<KeyValuePair<string, string>>
            {
                new("stride", "32"),
                new("names", NamesLiteral(options.ClassNames)),
            }
            : UltralyticsMetadata("detect", options.InputHeight, options.InputWidth, options.ClassNames, options.Family == TinyYoloFamily.EndToEnd);
        return ApplyOverrides(defaults, options.Metadata);
    }

    /// <summary>A Python dict literal as Ultralytics writes <c>names</c>: <c>{0: 'person', 1: 'bus'}</c>.</summary>
    public static string NamesLiteral(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var builder = new StringBuilder("{");
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(i.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(PythonStringLiteral(names[i]));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>An end-to-end output (<c>[1, rowCount, 6]</c>) with the given rows first and zero rows after.</summary>
    public static float[] EndToEndOutput(int rowCount, params (float X1, float Y1, float X2, float Y2, float Score, int ClassId)[] detections)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, detections.Length);
        var values = new float[rowCount * 6];
        for (var i = 0; i < detections.Length; i++)
        {
            var d = detections[i];
            new[] { d.X1, d.Y1, d.X2, d.Y2, d.Score, d.ClassId }.CopyTo(values, i * 6);
        }

        return values;
    }

    /// <summary>An anchor-grid output (<c>[1, 4 + classCount, anchorCount]</c>, column per anchor) with the given anchors set and zeros elsewhere.</summary>
    public static float[] AnchorGridOutput(
        int classCount,
        int anchorCount,
        params (int Anchor, float Cx, float Cy, float W, float H, int ClassId, float Score)[] anchors)
    {
        var values = new float[(4 + classCount) * anchorCount];
        foreach (var a in anchors)
        {
            values[(0 * anchorCount) + a.Anchor] = a.Cx;
            values[(1 * anchorCount) + a.Anchor] = a.Cy;
            values[(2 * anchorCount) + a.Anchor] = a.W;
            values[(3 * anchorCount) + a.Anchor] = a.H;
            values[((4 + a.ClassId) * anchorCount) + a.Anchor] = a.Score;
        }

        return values;
    }

    /// <summary>A YOLOv5 output (<c>[1, anchorCount, 5 + classCount]</c>, row per anchor) with the given anchors set and zeros elsewhere.</summary>
    public static float[] YoloV5Output(
        int classCount,
        int anchorCount,
        params (int Anchor, float Cx, float Cy, float W, float H, float Objectness, int ClassId, float ClassScore)[] anchors)
    {
        var width = 5 + classCount;
        var values = new float[width * anchorCount];
        foreach (var a in anchors)
        {
            var row = a.Anchor * width;
            new[] { a.Cx, a.Cy, a.W, a.H, a.Objectness }.CopyTo(values, row);
            values[row + 5 + a.ClassId] = a.ClassScore;
        }

        return values;
    }

    /// <summary>Writes a model to a new file under the temp directory and returns its path; the caller deletes it.</summary>
    public static string WriteTempFile(byte[] model, string fileNamePrefix = "tiny-yolo")
    {
        ArgumentNullException.ThrowIfNull(model);
        var directory = Path.Combine(Path.GetTempPath(), "auditharness-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{fileNamePrefix}-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }

    private static byte[] BuildModel(
        string graphName,
        TinyYoloPrecision precision,
        int inputHeight,
        int inputWidth,
        bool dynamicInput,
        long[] outputShape,
        object[] declaredOutputDims,
        float[] outputValues,
        IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 4);
        var expectedCount = outputShape.Aggregate(1L, (a, b) => a * b);
        if (outputValues.Length != expectedCount)
        {
            throw new ArgumentException(
                $"output0 has {outputValues.Length} values; shape [{string.Join(", ", outputShape)}] needs {expectedCount}.",
                nameof(outputValues));
        }

        var half = precision == TinyYoloPrecision.Float16;
        var quantized = precision == TinyYoloPrecision.Int8Dynamic;
        var writer = new OnnxGraphWriter(graphName);
        var ioType = half ? DataType.Float16 : DataType.Float;
        object[] inputDims = dynamicInput ? ["batch", 3, "height", "width"] : [1, 3, inputHeight, inputWidth];
        writer.Graph.Input.Add(TensorValueInfo(InputName, ioType, inputDims));
        writer.Graph.Output.Add(TensorValueInfo(OutputName, ioType, declaredOutputDims));

        var x = InputName;
        if (half)
        {
            // Outside every module, so model.0 stays a plain Conv as in a true half-precision export.
            x = writer.Node("Cast", "/Cast", [x], Int("to", (long)DataType.Float));
        }

        x = FloatConv(writer, x, "/model.0/conv", "model.0.conv", 3, Module0Channels, kernel: 3, stride: 2, salt: 0);
        x = Silu(writer, x, "/model.0/act");

        x = quantized
            ? QuantizedConv(writer, x, "/model.1/conv", "model.1.conv", Module0Channels, Module1Channels, kernel: 3, stride: 2, salt: 1)
            : FloatConv(writer, x, "/model.1/conv", "model.1.conv", Module0Channels, Module1Channels, kernel: 3, stride: 2, salt: 1);
        x = Silu(writer, x, "/model.1/act");

        // The head: a 1x1 conv, then the caller's constant plus a zero-weighted mean of the features.
        x = quantized
            ? QuantizedConv(writer, x, "/model.2/conv", "model.2.conv", Module1Channels, HeadChannels, kernel: 1, stride: 1, salt: 2)
            : FloatConv(writer, x, "/model.2/conv", "model.2.conv", Module1Channels, HeadChannels, kernel: 1, stride: 1, salt: 2);
        x = writer.Node("ReduceMean", "/model.2/ReduceMean", [x], Int("keepdims", 0));
        var zero = writer.FloatInitializer("/model.2/Constant_output_0", [], [0f]);
        x = writer.Node("Mul", "/model.2/Mul", [x, zero]);
        var constant = writer.FloatInitializer("/model.2/Constant_1_output_0", outputShape, outputValues);
        if (half)
        {
            x = writer.Node("Add", "/model.2/Add", [constant, x]);
            writer.Node("Cast", "/model.2/Cast", [x], [OutputName], Int("to", (long)DataType.Float16));
        }
        else
        {
            writer.Node("Add", "/model.2/Add", [constant, x], [OutputName]);
        }

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = quantized ? "onnx.quantize" : "pytorch",
            ProducerVersion = quantized ? "0.1.0" : "2.5.0",
            Graph = writer.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }

    private static string FloatConv(OnnxGraphWriter writer, string input, string path, string parameterPrefix, int inChannels, int outChannels, int kernel, int stride, int salt)
    {
        var weight = writer.FloatInitializer(
            parameterPrefix + ".weight",
            [outChannels, inChannels, kernel, kernel],
            Weights(outChannels * inChannels * kernel * kernel, 0.3f, salt));
        var bias = writer.FloatInitializer(parameterPrefix + ".bias", [outChannels], Weights(outChannels, 0.1f, salt + 10));
        return writer.Node("Conv", path + "/Conv", [input, weight, bias], ConvAttributes(kernel, stride));
    }

    /// <summary>
    /// A convolution as <c>quantize_dynamic</c> rewrites it, with its node and tensor names: the input goes
    /// through a DynamicQuantizeLinear named after the input tensor (so it carries the producing module's
    /// prefix), ConvInteger runs on uint8 activations and int8 weights, and Cast, Mul and Add restore float.
    /// </summary>
    private static string QuantizedConv(OnnxGraphWriter writer, string input, string path, string parameterPrefix, int inChannels, int outChannels, int kernel, int stride, int salt)
    {
        var weightQuantized = writer.Int8Initializer(
            parameterPrefix + ".weight_quantized",
            [outChannels, inChannels, kernel, kernel],
            [.. Weights(outChannels * inChannels * kernel * kernel, 127f, salt).Select(v => (sbyte)MathF.Round(v))]);
        var weightScale = writer.FloatInitializer(parameterPrefix + ".weight_scale", [], [0.3f / 127f]);
        var weightZeroPoint = writer.Int8Initializer(parameterPrefix + ".weight_zero_point", [], [0]);
        var bias = writer.FloatInitializer(parameterPrefix + ".bias", [outChannels], Weights(outChannels, 0.1f, salt + 10));
        var biasShape = writer.Int64Initializer(path + "/Conv_output_0_bias_reshape_shape", [4], [1, -1, 1, 1]);

        var output = path + "/Conv_output_0";
        var quantizedInput = input + "_quantized";
        var inputScale = input + "_scale";
        var inputZeroPoint = input + "_zero_point";
        writer.Node("DynamicQuantizeLinear", input + "_QuantizeLinear", [input], [quantizedInput, inputScale, inputZeroPoint]);
        var scales = writer.Node("Mul", path + "/Conv_quant_scales_mul", [inputScale, weightScale], [path + "/Conv_quant_scales_mul:0"]);
        var integerOutput = writer.Node(
            "ConvInteger",
            path + "/Conv_quant",
            [quantizedInput, weightQuantized, inputZeroPoint, weightZeroPoint],
            [output + "_output_quantized"],
            ConvAttributes(kernel, stride));
        var floatOutput = writer.Node(
            "Cast",
            output + "_output_quantized_cast",
            [integerOutput],
            [output + "_output_quantized_cast_output"],
            Int("to", (long)DataType.Float));
        var scaled = writer.Node("Mul", path + "/Conv_quant_output_scale_mul", [floatOutput, scales], [output + "quant_scaled_output"]);

        // quantize_dynamic leaves this Reshape unnamed.
        var reshapedBias = writer.Node("Reshape", string.Empty, [bias, biasShape], [output + "_bias_reshape_output"]);
        return writer.Node("Add", output + "_bias_add", [scaled, reshapedBias], [output]);
    }

    private static string Silu(OnnxGraphWriter writer, string input, string path)
    {
        var sigmoid = writer.Node("Sigmoid", path + "/Sigmoid", [input]);
        return writer.Node("Mul", path + "/Mul", [input, sigmoid]);
    }

    private static AttributeProto[] ConvAttributes(int kernel, int stride)
    {
        var pad = kernel / 2;
        return
        [
            Ints("dilations", 1, 1),
            Int("group", 1),
            Ints("kernel_shape", kernel, kernel),
            Ints("pads", pad, pad, pad, pad),
            Ints("strides", stride, stride),
        ];
    }

    private static List<KeyValuePair<string, string>> UltralyticsMetadata(string task, int inputHeight, int inputWidth, IReadOnlyList<string> names, bool? end2end)
    {
        var entries = new List<KeyValuePair<string, string>>
        {
            new("description", "Ultralytics tiny test model"),
            new("author", "Ultralytics"),
            new("date", "2026-01-01T00:00:00"),
            new("version", "8.3.0"),
            new("license", "AGPL-3.0 License (https://ultralytics.com/license)"),
            new("docs", "https://docs.ultralytics.com"),
            new("stride", "32"),
            new("task", task),
            new("batch", "1"),
            new("imgsz", string.Create(CultureInfo.InvariantCulture, $"[{inputHeight}, {inputWidth}]")),
            new("names", NamesLiteral(names)),
            new("channels", "3"),
        };
        if (end2end is { } value)
        {
            entries.Add(new("end2end", value ? "True" : "False"));
        }

        return entries;
    }

    private static Dictionary<string, string> ApplyOverrides(List<KeyValuePair<string, string>> defaults, IReadOnlyDictionary<string, string?>? overrides)
    {
        // Insertion order is kept for a stable byte layout: defaults first, then new keys.
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in defaults)
        {
            result[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static string PythonStringLiteral(string value)
    {
        // Python's repr: single quotes unless the text holds a single quote and no double quote.
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal);
        if (quote == '\'')
        {
            escaped = escaped.Replace("'", "\\'", StringComparison.Ordinal);
        }

        return quote + escaped + quote;
    }
}
