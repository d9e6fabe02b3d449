namespace AuditHarness.Inference.Onnx;

/// <summary>A tap as the user wrote it and the graph tensor it stands for.</summary>
/// <param name="Tap">The tap as given, e.g. <c>model.9</c>, <c>model.model.model[9]</c> or a tensor name.</param>
/// <param name="TensorName">The graph tensor to add to the outputs.</param>
/// <param name="ModuleName">The module (<c>model.N</c>) when the tap named one; null for a raw tensor name.</param>
public sealed record ResolvedTap(string Tap, string TensorName, string? ModuleName);
