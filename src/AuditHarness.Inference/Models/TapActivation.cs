namespace AuditHarness.Inference.Models;

/// <summary>
/// The value of one tapped tensor for one image, copied out of ONNX Runtime's buffers so it stays valid
/// after the run's results are disposed. Values are float32 whatever the graph's precision.
/// </summary>
public sealed record TapActivation(string Tap, string TensorName, IReadOnlyList<int> Shape, float[] Values);
