using Microsoft.ML.OnnxRuntime.Tensors;

namespace AuditHarness.Tests.Inference.Onnx;

/// <summary>One tensor copied out of an ONNX Runtime result, converted to float.</summary>
internal sealed record RunTensor(long[] Shape, float[] Values, TensorElementType ElementType);
