using System.Collections.ObjectModel;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;

namespace AuditHarness.Inference.Onnx;

/// <summary>
/// A parsed ONNX model with lookups over its main graph. Fields the schema subset does not declare are
/// kept as unknown fields, so <see cref="ToBytesWithExtraOutputs"/> re-serializes the model losslessly.
/// </summary>
public sealed class OnnxModelGraph
{
    private readonly HashSet<string> tensorNames;
    private readonly Dictionary<string, int> elementTypes;

    private OnnxModelGraph(ModelProto proto, string displayName)
    {
        Proto = proto;
        DisplayName = displayName;
        var graph = proto.Graph;

        var initializerNames = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        InputNames = graph.Input.Select(i => i.Name).Where(n => !initializerNames.Contains(n)).ToArray();
        OutputNames = graph.Output.Select(o => o.Name).ToArray();
        Nodes = new ReadOnlyCollection<NodeProto>(graph.Node);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in proto.MetadataProps)
        {
            metadata[entry.Key] = entry.Value;
        }

        MetadataProps = metadata;

        tensorNames = new HashSet<string>(initializerNames, StringComparer.Ordinal);
        tensorNames.UnionWith(graph.Input.Select(i => i.Name));
        foreach (var node in graph.Node)
        {
            tensorNames.UnionWith(node.Output.Where(o => o.Length > 0));
        }

        elementTypes = TensorElementTypeInference.Infer(graph);
    }

    /// <summary>The parsed model. Treat it as read-only: edits go through a clone (see <see cref="ToBytesWithExtraOutputs"/>).</summary>
    public ModelProto Proto { get; }

    /// <summary>The file path or name the model was loaded from, for messages.</summary>
    public string DisplayName { get; }

    /// <summary>Graph inputs the caller feeds, in graph order (initializers listed as inputs by old exporters are left out).</summary>
    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>ONNX <c>metadata_props</c>; when a key repeats, the last value wins.</summary>
    public IReadOnlyDictionary<string, string> MetadataProps { get; }

    /// <summary>Nodes of the main graph in file order, which ONNX requires to be topological.</summary>
    public IReadOnlyList<NodeProto> Nodes { get; }

    public static OnnxModelGraph Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new AuditInputException($"Model '{path}' is a folder; expected an ONNX file (.onnx).");
        }

        if (!File.Exists(path))
        {
            throw new AuditInputException($"Model file '{path}' does not exist.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"Model file '{path}' cannot be read: {e.Message}", e);
        }

        return FromBytes(bytes, path);
    }

    public static OnnxModelGraph FromBytes(byte[] bytes, string displayName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(displayName);

        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotOnnx(displayName, $"the protobuf does not parse ({e.Message.TrimEnd('.')})", e);
        }

        // Arbitrary bytes often parse as a protobuf made only of unknown fields, so check for the parts
        // every runnable model has instead of trusting the parse.
        var reason = proto switch
        {
            { Graph: null } => "it has no graph",
            { IrVersion: <= 0 } => "it has no IR version",
            { Graph.Node.Count: 0 } => "its graph has no nodes",
            { Graph.Input.Count: 0 } => "its graph has no inputs",
            { Graph.Output.Count: 0 } => "its graph has no outputs",
            _ when proto.Graph.Node.Any(n => string.IsNullOrEmpty(n.OpType)) => "a node has no operator type",
            _ => null,
        };

        if (reason is not null)
        {
            throw NotOnnx(displayName, reason, null);
        }

        return new OnnxModelGraph(proto, displayName);
    }

    /// <summary>Whether the graph has a tensor of this name: produced by a node, a graph input or an initializer.</summary>
    public bool HasTensor(string name) => tensorNames.Contains(name);

    /// <summary>
    /// The ONNX element type (<see cref="TensorProto.Types.DataType"/> as int) declared for the tensor in
    /// value_info, inputs, outputs or initializers; otherwise inferred from the producing operator when that
    /// operator fixes it (Shape gives int64, Cast gives its target, ...). Null when unknown.
    /// </summary>
    public int? TensorElementType(string name) => elementTypes.TryGetValue(name, out var type) ? type : null;

    /// <summary>
    /// The model serialized with the given tensors appended to the graph outputs, so that ONNX Runtime
    /// returns them. Tensors that are already outputs and repeated names are skipped; this instance is not changed.
    /// </summary>
    public byte[] ToBytesWithExtraOutputs(IEnumerable<string> tensorNames) => ToBytesWithExtraOutputs(tensorNames, extend: null);

    /// <summary>
    /// As <see cref="ToBytesWithExtraOutputs(IEnumerable{string})"/>, after <paramref name="extend"/> has added nodes to the
    /// clone's graph (whose outputs may then be named in <paramref name="tensorNames"/>).
    /// </summary>
    public byte[] ToBytesWithExtraOutputs(IEnumerable<string> tensorNames, Action<GraphProto>? extend)
    {
        ArgumentNullException.ThrowIfNull(tensorNames);

        var clone = Proto.Clone();
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (extend is not null)
        {
            int before = clone.Graph.Node.Count;
            extend(clone.Graph);
            added.UnionWith(clone.Graph.Node.Skip(before).SelectMany(n => n.Output));
        }

        var outputs = clone.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensorNames)
        {
            if (!HasTensor(name) && !added.Contains(name))
            {
                throw new AuditInputException(
                    $"Tensor '{name}' is not in model '{DisplayName}'; expected the name of a tensor produced by a node, a graph input or an initializer.");
            }

            if (outputs.Add(name))
            {
                // A name alone is enough: ONNX Runtime infers type and shape of an extra output.
                clone.Graph.Output.Add(new ValueInfoProto { Name = name });
            }
        }

        return clone.ToByteArray();
    }

    private static AuditInputException NotOnnx(string displayName, string reason, Exception? inner) =>
        inner is null
            ? new AuditInputException($"'{displayName}' is not an ONNX model: {reason}.")
            : new AuditInputException($"'{displayName}' is not an ONNX model: {reason}.", inner);
}
