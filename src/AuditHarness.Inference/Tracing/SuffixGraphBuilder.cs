using System.Globalization;
using System.Text.RegularExpressions;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Onnx.Proto;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// Builds the suffix of a model after a layer (<see cref="LayerCut"/>) by graph surgery on the parsed protobuf.
/// </summary>
/// <remarks>
/// A node is after the cut when it belongs to a later module (<c>/model.M/</c> with M &gt; N), reads the layer's output,
/// or reads a tensor a node after the cut produced; everything else is the prefix, which the tapped full pass runs.
/// Two kinds of prefix nodes are copied into the suffix instead of feeding their outputs: quantization helpers
/// (so a skip tensor crosses as float and the layer's output is re-quantized from its patched value) and nodes that
/// do not depend on the image at all (constants, reshaped biases). Any other non-float tensor crossing the cut —
/// a Shape of the image, say — is refused by <see cref="CutTracer"/>: no export seen so far has one (the image
/// size is fixed and the exporter folds such shapes into constants).
/// </remarks>
public static partial class SuffixGraphBuilder
{
    public static LayerCut Build(OnnxModelGraph graph, ModuleCatalog catalog, string layer)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(layer);

        ResolvedTap tap = catalog.Resolve(layer);
        if (tap.ModuleName is null || catalog.Find(tap.ModuleName) is not { } module)
        {
            throw new AuditInputException(
                $"Layer '{layer}' of model '{graph.DisplayName}' is a tensor name; expected a module, model.N.");
        }

        IReadOnlyList<NodeProto> nodes = graph.Nodes;
        string cutTensor = module.OutputTensor;
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string output in nodes[i].Output.Where(o => o.Length > 0))
            {
                producer[output] = i;
            }
        }

        var initializers = graph.Proto.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var graphInputs = graph.InputNames.ToHashSet(StringComparer.Ordinal);

        // Nodes are topological in file order, so one forward pass closes "after the cut" under consumption.
        var after = new bool[nodes.Count];
        var imageDependent = new bool[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            NodeProto node = nodes[i];
            bool laterModule = ModuleIndexOf(node) is { } index && index > module.Index;
            after[i] = laterModule || node.Input.Any(input =>
                input == cutTensor || (producer.TryGetValue(input, out int p) && after[p]));
            imageDependent[i] = node.Input.Any(input =>
                graphInputs.Contains(input) || (producer.TryGetValue(input, out int p) && imageDependent[p]));
        }

        if (!after.Any(a => a))
        {
            throw new AuditInputException(
                $"Layer '{layer}' of model '{graph.DisplayName}' is its last module; expected a layer before the head (nothing runs after {module.Name}).");
        }

        // Backward pass: copy helpers and image-independent nodes whose outputs the suffix reads.
        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string input in nodes[i].Input.Where(n => n.Length > 0))
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(i);
            }
        }

        var inSuffix = (bool[])after.Clone();
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            if (inSuffix[i] || !(ModuleCatalog.IsQuantizationHelper(nodes[i]) || !imageDependent[i]))
            {
                continue;
            }

            inSuffix[i] = nodes[i].Output.Any(o => consumers.TryGetValue(o, out var list) && list.Any(c => inSuffix[c]));
        }

        var suffixNodes = new List<NodeProto>();
        var producedInSuffix = new HashSet<string>(StringComparer.Ordinal);
        var crossing = new List<string> { cutTensor };
        var usedInitializers = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            if (!inSuffix[i])
            {
                continue;
            }

            NodeProto node = nodes[i];
            if (node.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0))
            {
                throw new UnsupportedModelException(
                    $"Model '{graph.DisplayName}': node '{node.Name}' ({node.OpType}) after {module.Name} has a sub-graph; expected a graph without control flow after the layer.");
            }

            foreach (string input in node.Input.Where(n => n.Length > 0))
            {
                if (producedInSuffix.Contains(input))
                {
                    continue;
                }

                if (initializers.Contains(input) && !graphInputs.Contains(input))
                {
                    usedInitializers.Add(input);
                }
                else if (!crossing.Contains(input))
                {
                    crossing.Add(input);
                }
            }

            producedInSuffix.UnionWith(node.Output.Where(o => o.Length > 0));
            suffixNodes.Add(node);
        }

        var missingOutput = graph.OutputNames.FirstOrDefault(o => !producedInSuffix.Contains(o));
        if (missingOutput is not null)
        {
            throw new UnsupportedModelException(
                $"Model '{graph.DisplayName}': output '{missingOutput}' is computed before {module.Name}'s output is used; expected every output to depend on the layer.");
        }

        ModelProto suffix = graph.Proto.Clone();
        GraphProto target = suffix.Graph;
        target.Node.Clear();
        target.Node.AddRange(suffixNodes.Select(n => n.Clone()));
        var keptInitializers = target.Initializer.Where(t => usedInitializers.Contains(t.Name)).ToList();
        target.Initializer.Clear();
        target.Initializer.AddRange(keptInitializers);
        var keptValueInfo = target.ValueInfo.Where(v => producedInSuffix.Contains(v.Name)).ToList();
        target.ValueInfo.Clear();
        target.ValueInfo.AddRange(keptValueInfo);
        target.Input.Clear();
        foreach (string name in crossing)
        {
            // Float unless the graph says otherwise; CutTracer corrects the type from what ONNX Runtime reports.
            int elementType = graph.TensorElementType(name) ?? (int)TensorProto.Types.DataType.Float;
            target.Input.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType } },
            });
        }

        return new LayerCut(module.Name, cutTensor, crossing, suffixNodes.Count, nodes.Count, suffix);
    }

    private static int? ModuleIndexOf(NodeProto node)
    {
        Match match = ModuleNodeName().Match(node.Name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? index
            : null;
    }

    [GeneratedRegex(@"^/model\.(\d+)/")]
    private static partial Regex ModuleNodeName();
}
