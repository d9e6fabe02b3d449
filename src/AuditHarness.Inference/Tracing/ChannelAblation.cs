using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// Surgical ablation by graph surgery: after the layer's output tensor T ([1, C, H, W]) it inserts
/// <c>T' = T · mask + fill</c> (mask and fill [1, C, 1, 1]: mask 0 and fill the constant on ablated channels, mask 1 and
/// fill 0 elsewhere) and rewires every consumer of T to T'. The two nodes are named under <c>/model.N/</c>, so T' is the
/// module's output: a tap on <c>model.N</c> of the ablated model sees the ablated values.
/// </summary>
public static class ChannelAblation
{
    /// <summary>Metadata keys written into the ablated model (next to the source's Ultralytics metadata).</summary>
    public const string LayerKey = "auditharness_ablation_layer";
    public const string ChannelsKey = "auditharness_ablation_channels";
    public const string FillKey = "auditharness_ablation_fill";
    public const string FillValuesKey = "auditharness_ablation_fill_values";
    public const string FillSourceKey = "auditharness_ablation_fill_source";
    public const string SourceModelKey = "auditharness_ablation_source_model";
    public const string SourceSha256Key = "auditharness_ablation_source_sha256";

    /// <summary>The ablated model's bytes.</summary>
    /// <param name="fillValues">One value per entry of <paramref name="channels"/>.</param>
    /// <param name="metadata">Entries added to (or replacing those of) the model's <c>metadata_props</c>.</param>
    public static byte[] Build(
        OnnxModelGraph graph,
        string layer,
        int channelCount,
        IReadOnlyList<int> channels,
        IReadOnlyList<float> fillValues,
        IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(fillValues);
        ArgumentNullException.ThrowIfNull(metadata);
        if (fillValues.Count != channels.Count)
        {
            throw new ArgumentException($"{fillValues.Count} fill values for {channels.Count} channels.", nameof(fillValues));
        }

        ModuleInfo module = LayerModule(graph, layer);
        ValidateChannels(layer, channelCount, channels);
        string tensor = module.OutputTensor;
        if (graph.TensorElementType(tensor) is { } type && type != (int)DataType.Float)
        {
            throw new UnsupportedModelException(
                $"Layer '{layer}' output '{tensor}' is {(DataType)type}; ablation needs a float32 layer output.");
        }

        var mask = Enumerable.Repeat(1f, channelCount).ToArray();
        var fill = new float[channelCount];
        for (int i = 0; i < channels.Count; i++)
        {
            mask[channels[i]] = 0f;
            fill[channels[i]] = fillValues[i];
        }

        ModelProto model = graph.Proto.Clone();
        GraphProto target = model.Graph;
        string prefix = UnusedPrefix(graph, module.Name);
        string maskName = prefix + "mask", fillName = prefix + "fill";
        string masked = prefix + "Mul_output_0", ablated = prefix + "Add_output_0";
        target.Initializer.Add(ChannelVector(maskName, mask));
        target.Initializer.Add(ChannelVector(fillName, fill));
        foreach (NodeProto node in target.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == tensor)
                {
                    node.Input[i] = ablated;
                }
            }
        }

        int producer = target.Node.Select((n, i) => (n, i)).Last(p => p.n.Output.Contains(tensor)).i;
        var mul = new NodeProto { Name = prefix + "Mul", OpType = "Mul", Input = { tensor, maskName }, Output = { masked } };
        var add = new NodeProto { Name = prefix + "Add", OpType = "Add", Input = { masked, fillName }, Output = { ablated } };
        target.Node.Insert(producer + 1, mul);
        target.Node.Insert(producer + 2, add);

        foreach (var (key, value) in metadata)
        {
            var existing = model.MetadataProps.Where(p => p.Key == key).ToList();
            existing.ForEach(p => model.MetadataProps.Remove(p));
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }

    /// <summary>The module a layer names; the head and raw tensor names are refused with a one-line message.</summary>
    internal static ModuleInfo LayerModule(OnnxModelGraph graph, string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ModuleCatalog catalog = ModuleCatalog.Build(graph);
        ResolvedTap tap = catalog.Resolve(layer);
        if (tap.ModuleName is null || catalog.Find(tap.ModuleName) is not { } module)
        {
            throw new AuditInputException($"Layer '{layer}' of model '{graph.DisplayName}' is a tensor name; expected a module, model.N.");
        }

        if (module.Kind == ModuleKind.Head || graph.OutputNames.Contains(module.OutputTensor))
        {
            throw new AuditInputException($"Layer '{layer}' of model '{graph.DisplayName}' is the detection head; expected a layer before it.");
        }

        return module;
    }

    internal static void ValidateChannels(string layer, int channelCount, IReadOnlyList<int> channels)
    {
        var seen = new HashSet<int>();
        foreach (int channel in channels)
        {
            if (channel < 0 || channel >= channelCount)
            {
                throw new AuditInputException(string.Create(
                    CultureInfo.InvariantCulture, $"Channel {channel} is not a channel of '{layer}'; expected 0 to {channelCount - 1}."));
            }

            if (!seen.Add(channel))
            {
                throw new AuditInputException(string.Create(CultureInfo.InvariantCulture, $"Channel {channel} of '{layer}' is listed twice; expected each channel once."));
            }
        }
    }

    private static string UnusedPrefix(OnnxModelGraph graph, string moduleName)
    {
        // A model ablated twice at one layer gets ablation, ablation_2, ... so names never collide.
        for (int k = 1; ; k++)
        {
            string prefix = $"/{moduleName}/ablation{(k == 1 ? string.Empty : "_" + k.ToString(CultureInfo.InvariantCulture))}/";
            if (!graph.Nodes.Any(n => n.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return prefix;
            }
        }
    }

    private static TensorProto ChannelVector(string name, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float, Dims = { 1, values.Length, 1, 1 } };
        tensor.FloatData.AddRange(values);
        return tensor;
    }
}
