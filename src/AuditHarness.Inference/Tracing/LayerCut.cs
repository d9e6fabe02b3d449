using AuditHarness.Inference.Onnx.Proto;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// A cut of a model's graph after module <c>model.N</c>: the suffix sub-graph that computes the model's outputs from
/// the tensors crossing the cut, and those tensors (the layer's output first, then every earlier tensor a node after
/// the cut still consumes: skip connections, Concat inputs of earlier layers).
/// </summary>
/// <param name="Layer">The module name, <c>model.N</c>.</param>
/// <param name="LayerTensor">The layer's output tensor (what a tap on <c>model.N</c> returns); also <c>CrossingTensors[0]</c>.</param>
/// <param name="CrossingTensors">The suffix graph's inputs, in the order its nodes first read them.</param>
/// <param name="SuffixNodeCount">Nodes of the suffix graph, copied helpers and constants included.</param>
/// <param name="GraphNodeCount">Nodes of the whole graph.</param>
/// <param name="Suffix">The suffix model: the source model's opsets and metadata, its inputs element-typed, shapes left to ONNX Runtime.</param>
public sealed record LayerCut(
    string Layer,
    string LayerTensor,
    IReadOnlyList<string> CrossingTensors,
    int SuffixNodeCount,
    int GraphNodeCount,
    ModelProto Suffix);
