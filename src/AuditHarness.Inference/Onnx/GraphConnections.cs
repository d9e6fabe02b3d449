using AuditHarness.Inference.Onnx.Proto;

namespace AuditHarness.Inference.Onnx;

/// <summary>Which nodes consume each tensor, looking through quantization helpers.</summary>
internal sealed class GraphConnections
{
    private readonly OnnxModelGraph graph;
    private readonly Dictionary<string, List<int>> consumers = new(StringComparer.Ordinal);
    private readonly HashSet<string> graphOutputs;

    public GraphConnections(OnnxModelGraph graph)
    {
        this.graph = graph;
        graphOutputs = graph.OutputNames.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            foreach (var input in graph.Nodes[i].Input.Distinct())
            {
                if (input.Length == 0)
                {
                    continue;
                }

                if (!consumers.TryGetValue(input, out var list))
                {
                    list = [];
                    consumers.Add(input, list);
                }

                list.Add(i);
            }
        }
    }

    /// <summary>Whether the tensor is one of the graph's outputs.</summary>
    public bool IsGraphOutput(string tensor) => graphOutputs.Contains(tensor);

    /// <summary>
    /// Indices of the nodes that consume the tensor, where a consuming quantization helper is replaced by
    /// the consumers of its outputs (recursively).
    /// </summary>
    public IEnumerable<int> EffectiveConsumers(string tensor)
    {
        var pending = new Stack<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { tensor };
        pending.Push(tensor);
        while (pending.Count > 0)
        {
            if (!consumers.TryGetValue(pending.Pop(), out var list))
            {
                continue;
            }

            foreach (var nodeIndex in list)
            {
                var node = graph.Nodes[nodeIndex];
                if (!ModuleCatalog.IsQuantizationHelper(node))
                {
                    yield return nodeIndex;
                    continue;
                }

                foreach (var output in node.Output)
                {
                    if (output.Length > 0 && seen.Add(output))
                    {
                        pending.Push(output);
                    }
                }
            }
        }
    }
}
