namespace AuditHarness.Inference.Onnx;

/// <summary>
/// One network module (<c>model.model.model[Index]</c> in PyTorch) found in an ONNX graph.
/// </summary>
/// <param name="Index">The module's position in the network, N in <c>model.N</c>.</param>
/// <param name="Name">The tap name, <c>model.N</c>.</param>
/// <param name="OutputTensor">The tensor a PyTorch forward hook on the module would see.</param>
/// <param name="NodeCount">Nodes whose name lies under <c>/model.N/</c>, quantization helpers included.</param>
/// <param name="Kind">What the module does, guessed from its nodes.</param>
public sealed record ModuleInfo(int Index, string Name, string OutputTensor, int NodeCount, ModuleKind Kind);
