using AuditHarness.Inference.Onnx.Proto;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Inference.Onnx;

/// <summary>
/// Element types of a graph's tensors: declared ones first, then a forward pass over the nodes for the
/// operators whose output type is fixed or follows an input. Quantized exports declare few types, and the
/// module catalog must tell float activations from int8 and shape tensors.
/// </summary>
internal static class TensorElementTypeInference
{
    private static readonly HashSet<string> Int64Producers = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression",
    };

    private static readonly HashSet<string> Int32Producers = new(StringComparer.Ordinal)
    {
        "ConvInteger", "MatMulInteger",
    };

    private static readonly HashSet<string> BoolProducers = new(StringComparer.Ordinal)
    {
        "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
    };

    public static Dictionary<string, int> Infer(GraphProto graph)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            if (initializer.HasDataType && initializer.DataType != (int)DataType.Undefined)
            {
                types[initializer.Name] = initializer.DataType;
            }
        }

        foreach (var valueInfo in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            var elemType = valueInfo.Type?.TensorType?.ElemType ?? 0;
            if (elemType != (int)DataType.Undefined)
            {
                types[valueInfo.Name] = elemType;
            }
        }

        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Output.Count; i++)
            {
                var output = node.Output[i];
                if (output.Length == 0 || types.ContainsKey(output))
                {
                    continue;
                }

                var type = OutputType(node, i, types);
                if (type is { } known)
                {
                    types[output] = known;
                }
            }
        }

        return types;
    }

    private static int? OutputType(NodeProto node, int outputIndex, Dictionary<string, int> types)
    {
        int? InputType(int index) =>
            index < node.Input.Count && types.TryGetValue(node.Input[index], out var t) ? t : null;

        var op = node.OpType;
        if (Int64Producers.Contains(op))
        {
            return (int)DataType.Int64;
        }

        if (Int32Producers.Contains(op))
        {
            return (int)DataType.Int32;
        }

        if (BoolProducers.Contains(op))
        {
            return (int)DataType.Bool;
        }

        return op switch
        {
            // Outputs: y (uint8), y_scale (float), y_zero_point (uint8).
            "DynamicQuantizeLinear" => outputIndex == 1 ? (int)DataType.Float : (int)DataType.Uint8,
            "QuantizeLinear" => InputType(2) ?? (int)DataType.Uint8,
            "DequantizeLinear" => InputType(1) ?? (int)DataType.Float,
            "Cast" => IntAttribute(node, "to"),
            "CastLike" => InputType(1),
            "Constant" => ConstantType(node),
            "ConstantOfShape" => node.Attribute.FirstOrDefault(a => a.Name == "value")?.T?.DataType ?? (int)DataType.Float,
            "TopK" => outputIndex == 1 ? (int)DataType.Int64 : InputType(0),
            "Where" => InputType(1),
            _ => InputType(0),
        };
    }

    private static int? IntAttribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { HasI: true } attribute ? (int)attribute.I : null;

    private static int? ConstantType(NodeProto node)
    {
        foreach (var attribute in node.Attribute)
        {
            switch (attribute.Name)
            {
                case "value" when attribute.T is not null:
                    return attribute.T.DataType;
                case "value_float" or "value_floats":
                    return (int)DataType.Float;
                case "value_int" or "value_ints":
                    return (int)DataType.Int64;
                case "value_string" or "value_strings":
                    return (int)DataType.String;
            }
        }

        return null;
    }
}
