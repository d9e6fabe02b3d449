using System.Globalization;
using System.Text.RegularExpressions;
using AuditHarness.Inference.Onnx.Proto;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Inference.Onnx;

/// <summary>
/// The network modules of an Ultralytics ONNX export, found from node names (<c>/model.9/cv2/act/Mul</c>
/// belongs to <c>model.9</c>), each with the tensor a PyTorch forward hook on that module would see.
/// </summary>
/// <remarks>
/// A module's output is the float tensor produced inside it that is consumed outside it, or is a graph
/// output; when several are, the one produced last. Quantization helpers inserted by
/// <c>quantize_dynamic</c> (DynamicQuantizeLinear and friends, tensors named <c>*_quantized</c>,
/// <c>*_scale</c>, <c>*_zero_point</c>) are looked through: a tensor consumed by a helper counts as
/// consumed by whatever consumes the helper's outputs.
/// </remarks>
public sealed partial class ModuleCatalog
{
    private static readonly HashSet<string> QuantizationHelperOps = new(StringComparer.Ordinal)
    {
        "DynamicQuantizeLinear", "QuantizeLinear", "DequantizeLinear",
    };

    private static readonly string[] QuantizationHelperSuffixes = ["_quantized", "_scale", "_zero_point"];

    private readonly Dictionary<string, ModuleInfo> modulesByName;

    private ModuleCatalog(OnnxModelGraph graph, IReadOnlyList<ModuleInfo> modules)
    {
        Graph = graph;
        Modules = modules;
        modulesByName = modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public OnnxModelGraph Graph { get; }

    /// <summary>Modules ordered by index; indices with no nodes in the graph are absent.</summary>
    public IReadOnlyList<ModuleInfo> Modules { get; }

    public static ModuleCatalog Build(OnnxModelGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var analysis = new GraphConnections(graph);

        var nodesByModule = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            if (ModuleIndexOf(graph.Nodes[i]) is { } index)
            {
                if (!nodesByModule.TryGetValue(index, out var list))
                {
                    list = [];
                    nodesByModule.Add(index, list);
                }

                list.Add(i);
            }
        }

        var lastIndex = nodesByModule.Count > 0 ? nodesByModule.Keys.Max() : -1;
        var modules = new List<ModuleInfo>();
        foreach (var (index, nodeIndices) in nodesByModule)
        {
            var output = FindOutputTensor(graph, analysis, index, nodeIndices);
            if (output is null)
            {
                // Only helpers carry this prefix: there is no module to hook.
                continue;
            }

            var producesGraphOutput = nodeIndices.Any(n => graph.Nodes[n].Output.Any(analysis.IsGraphOutput));
            var kind = GuessKind(graph, index, nodeIndices, isHead: index == lastIndex || producesGraphOutput);
            modules.Add(new ModuleInfo(index, ModuleName(index), output, nodeIndices.Count, kind));
        }

        return new ModuleCatalog(graph, modules);
    }

    /// <summary>The module named <c>model.N</c>, or null.</summary>
    public ModuleInfo? Find(string moduleName) =>
        modulesByName.TryGetValue(moduleName, out var module) ? module : null;

    /// <summary>Resolves a tap; see <see cref="TapResolver.Resolve"/>.</summary>
    public ResolvedTap Resolve(string tap) => new TapResolver(this).Resolve(tap);

    /// <summary>Resolves taps, dropping those that name an already resolved tensor; see <see cref="TapResolver.ResolveAll"/>.</summary>
    public IReadOnlyList<ResolvedTap> ResolveAll(IEnumerable<string> taps) => new TapResolver(this).ResolveAll(taps);

    internal static string ModuleName(int index) => "model." + index.ToString(CultureInfo.InvariantCulture);

    internal static bool IsQuantizationHelper(NodeProto node) => QuantizationHelperOps.Contains(node.OpType);

    internal static bool HasQuantizationHelperName(string tensorName) =>
        tensorName.Contains("_quantized", StringComparison.Ordinal)
        || QuantizationHelperSuffixes.Any(s => tensorName.EndsWith(s, StringComparison.Ordinal));

    private static int? ModuleIndexOf(NodeProto node)
    {
        var match = ModuleNodeName().Match(node.Name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }

    private static string? FindOutputTensor(OnnxModelGraph graph, GraphConnections connections, int moduleIndex, List<int> nodeIndices)
    {
        string? lastFloat = null;
        string? lastCrossing = null;
        foreach (var nodeIndex in nodeIndices)
        {
            var node = graph.Nodes[nodeIndex];
            if (IsQuantizationHelper(node))
            {
                continue;
            }

            foreach (var tensor in node.Output)
            {
                if (tensor.Length == 0 || !IsFloatActivation(graph, tensor))
                {
                    continue;
                }

                lastFloat = tensor;
                if (connections.IsGraphOutput(tensor)
                    || connections.EffectiveConsumers(tensor).Any(c => ModuleIndexOf(graph.Nodes[c]) != moduleIndex))
                {
                    lastCrossing = tensor;
                }
            }
        }

        // A module nothing outside consumes (a dead branch) still gets its last float tensor, so it can be tapped.
        return lastCrossing ?? lastFloat;
    }

    private static bool IsFloatActivation(OnnxModelGraph graph, string tensor)
    {
        if (HasQuantizationHelperName(tensor))
        {
            return false;
        }

        return graph.TensorElementType(tensor) switch
        {
            null => true,
            (int)DataType.Float or (int)DataType.Float16 or (int)DataType.Double or (int)DataType.Bfloat16 => true,
            _ => false,
        };
    }

    private static ModuleKind GuessKind(OnnxModelGraph graph, int moduleIndex, List<int> nodeIndices, bool isHead)
    {
        if (isHead)
        {
            return ModuleKind.Head;
        }

        var prefix = "/" + ModuleName(moduleIndex) + "/";
        var nodes = nodeIndices.Select(i => graph.Nodes[i]).Where(n => !IsQuantizationHelper(n)).ToList();
        var ops = nodes.Select(n => n.OpType).ToHashSet(StringComparer.Ordinal);
        var localNames = nodes.Select(n => n.Name[prefix.Length..]).ToList();

        if (localNames.Any(n => n.Contains("attn", StringComparison.OrdinalIgnoreCase))
            || ((ops.Contains("MatMul") || ops.Contains("MatMulInteger")) && ops.Contains("Softmax")))
        {
            return ModuleKind.Attention;
        }

        if (ops.Contains("MaxPool"))
        {
            return ModuleKind.Pool;
        }

        if (ops.Contains("Resize") || ops.Contains("Upsample"))
        {
            return ModuleKind.Upsample;
        }

        if (ops.All(op => op == "Concat"))
        {
            return ModuleKind.Concat;
        }

        // Ultralytics Conv has the children conv, bn (fused away on export) and act.
        if (localNames.All(n => n.StartsWith("conv/", StringComparison.Ordinal)
                                || n.StartsWith("act/", StringComparison.Ordinal)
                                || n.StartsWith("bn/", StringComparison.Ordinal)))
        {
            return ModuleKind.Conv;
        }

        if (ops.Contains("Split") || localNames.Any(n => n.StartsWith("m/", StringComparison.Ordinal)
                                                         || n.StartsWith("m.", StringComparison.Ordinal)
                                                         || n.StartsWith("cv1/", StringComparison.Ordinal)))
        {
            return ModuleKind.Block;
        }

        return ModuleKind.Other;
    }

    [GeneratedRegex(@"^/model\.(\d+)/")]
    private static partial Regex ModuleNodeName();
}
