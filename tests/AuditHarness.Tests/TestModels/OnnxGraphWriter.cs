using System.Runtime.InteropServices;
using AuditHarness.Inference.Onnx.Proto;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Tests.TestModels;

/// <summary>Appends nodes, initializers and value infos to a graph with little ceremony, for test models.</summary>
internal sealed class OnnxGraphWriter
{
    public OnnxGraphWriter(string graphName)
    {
        Graph = new GraphProto { Name = graphName };
    }

    public GraphProto Graph { get; }

    public string Node(string opType, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs[0];
    }

    /// <summary>A node named like the PyTorch exporter names it: output <c>{name}_output_0</c>.</summary>
    public string Node(string opType, string name, string[] inputs, params AttributeProto[] attributes) =>
        Node(opType, name, inputs, [name + "_output_0"], attributes);

    public string FloatInitializer(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64Initializer(string name, long[] dims, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    public string Int8Initializer(string name, long[] dims, sbyte[] values)
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)DataType.Int8,
            RawData = Google.Protobuf.ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
        };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    public static ValueInfoProto TensorValueInfo(string name, DataType elementType, IEnumerable<object> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                _ => new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) },
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>Small deterministic weights, so runs are reproducible without a random seed.</summary>
    public static float[] Weights(int count, float scale, int salt) =>
        Enumerable.Range(0, count).Select(i => scale * MathF.Sin((i + 1) * 0.7f + salt)).ToArray();
}
