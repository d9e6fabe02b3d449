using AuditHarness.Inference.Onnx.Proto;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Inference.Onnx;

/// <summary>
/// Finds, by graph structure and not by node names, where an end-to-end head (YOLO26, YOLOv10, an NMS export) keeps
/// its per-anchor class scores and which anchor each output row came from, and adds a float output that carries the
/// row anchors (ONNX Runtime returns int64 indices, which the float-only prediction buffers cannot hold).
/// </summary>
/// <remarks>
/// The rows of such a head are a Concat of [boxes, score, class] (possibly padded by a further Concat and cut by a
/// Slice). The boxes are a Gather or GatherElements of the per-anchor boxes: its index, followed back through
/// shape-only ops (Tile, Expand, Unsqueeze, ...), is the row's anchor. The score column is followed back through
/// shape-only ops and TopK to the Gather, GatherElements or GatherND that picked it: that node's data is the
/// per-anchor class score tensor. Ultralytics' TopK head and an NMS-based export both have this shape.
/// </remarks>
public static class EndToEndScoreTensorFinder
{
    /// <summary>The added output: the anchor of each output row as float, -1 for padding rows; as many values as output rows.</summary>
    public const string RowAnchorOutput = "auditharness/row_anchor";

    private const int MaxSteps = 64;

    private static readonly HashSet<string> ShapeOnly = new(StringComparer.Ordinal)
    {
        "Identity", "Reshape", "Unsqueeze", "Squeeze", "Flatten", "Expand", "Tile", "Cast",
    };

    private static readonly HashSet<string> Gathers = new(StringComparer.Ordinal) { "Gather", "GatherElements", "GatherND" };

    /// <returns>The tensors, or null with <paramref name="reason"/> saying what was not found.</returns>
    public static EndToEndScoreTensors? Find(OnnxModelGraph graph, out string reason)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (NodeProto node in graph.Nodes)
        {
            foreach (string output in node.Output.Where(o => o.Length > 0))
            {
                producers[output] = node;
            }
        }

        NodeProto? rows = FindRowConcat(graph.OutputNames[0], producers);
        if (rows is null)
        {
            reason = "the output is not a Concat of gathered boxes, score and class";
            return null;
        }

        NodeProto boxes = producers[rows.Input[0]];
        string anchors = Follow(boxes.Input[1], producers, ShapeOnly);
        NodeProto? picked = FindScoreGather(rows.Input[1], producers);
        if (picked is null)
        {
            reason = "the score column does not come from a gather of per-anchor class scores";
            return null;
        }

        reason = string.Empty;
        return new EndToEndScoreTensors(picked.Input[0], anchors);
    }

    /// <summary>
    /// Adds to <paramref name="graph"/> the nodes that turn the row anchors into <see cref="RowAnchorOutput"/>: flattened,
    /// cast to float, padded with -1 and cut to the detection output's row count (an NMS export has fewer anchors than rows).
    /// </summary>
    public static void AddRowAnchorOutput(GraphProto graph, EndToEndScoreTensors tensors, string detectionOutput)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(tensors);
        const string prefix = "auditharness/row_anchor_";
        graph.Initializer.Add(Int64(prefix + "flat_shape", [-1]));
        graph.Initializer.Add(Int64(prefix + "zero", [0]));
        graph.Initializer.Add(Int64(prefix + "one", [1]));
        graph.Initializer.Add(Int64(prefix + "two", [2]));
        var minusOne = new TensorProto { Name = prefix + "minus_one", DataType = (int)DataType.Float };
        minusOne.Dims.Add(1);
        minusOne.FloatData.Add(-1f);
        graph.Initializer.Add(minusOne);

        Add(graph, "Reshape", [tensors.RowAnchorTensor, prefix + "flat_shape"], prefix + "flat");
        Add(graph, "Cast", [prefix + "flat"], prefix + "float", new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)DataType.Float });
        Add(graph, "Shape", [detectionOutput], prefix + "output_shape");
        Add(graph, "Slice", [prefix + "output_shape", prefix + "one", prefix + "two", prefix + "zero"], prefix + "rows");
        Add(graph, "Expand", [prefix + "minus_one", prefix + "rows"], prefix + "padding");
        Add(graph, "Concat", [prefix + "float", prefix + "padding"], prefix + "padded", new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        Add(graph, "Slice", [prefix + "padded", prefix + "zero", prefix + "rows", prefix + "zero"], RowAnchorOutput);
    }

    private static NodeProto? FindRowConcat(string output, Dictionary<string, NodeProto> producers)
    {
        string tensor = output;
        for (int step = 0; step < MaxSteps && producers.TryGetValue(tensor, out NodeProto? node); step++)
        {
            if (node.OpType == "Concat" && node.Input.Count >= 2)
            {
                if (producers.TryGetValue(node.Input[0], out NodeProto? first) && first.OpType is "Gather" or "GatherElements" && first.Input.Count >= 2)
                {
                    return node;
                }

                tensor = node.Input[0]; // padding: the rows come first
            }
            else if (node.OpType is "Slice" or "Identity" or "Reshape" or "Cast")
            {
                tensor = node.Input[0];
            }
            else
            {
                return null;
            }
        }

        return null;
    }

    private static NodeProto? FindScoreGather(string scoreColumn, Dictionary<string, NodeProto> producers)
    {
        string tensor = scoreColumn;
        for (int step = 0; step < MaxSteps && producers.TryGetValue(tensor, out NodeProto? node); step++)
        {
            if (Gathers.Contains(node.OpType))
            {
                return node;
            }

            if (!ShapeOnly.Contains(node.OpType) && node.OpType is not ("TopK" or "Slice"))
            {
                return null;
            }

            tensor = node.Input[0];
        }

        return null;
    }

    private static string Follow(string tensor, Dictionary<string, NodeProto> producers, HashSet<string> through)
    {
        for (int step = 0; step < MaxSteps && producers.TryGetValue(tensor, out NodeProto? node) && through.Contains(node.OpType); step++)
        {
            tensor = node.Input[0];
        }

        return tensor;
    }

    private static TensorProto Int64(string name, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    private static void Add(GraphProto graph, string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
    }
}
