namespace AuditHarness.Inference.Benchmarks;

/// <summary>Median milliseconds per stage of one image through a model, from <see cref="TapLatencyBenchmark"/>.</summary>
/// <param name="InputHeight">The model's input height.</param>
/// <param name="InputWidth">The model's input width.</param>
/// <param name="Taps">The taps as resolved by the tapped model.</param>
/// <param name="PreprocessMs">Letterbox into the input tensor (plain model).</param>
/// <param name="InferenceMs">ONNX Runtime's run of the plain model.</param>
/// <param name="TappedInferenceMs">The tapped model's run, including copying the activations out.</param>
/// <param name="PostprocessMs">Decoding the detections (plain model).</param>
public sealed record TapLatency(int InputHeight, int InputWidth, IReadOnlyList<string> Taps, double PreprocessMs, double InferenceMs, double TappedInferenceMs, double PostprocessMs)
{
    /// <summary>What the taps cost: tapped over plain inference.</summary>
    public double TapCost => TappedInferenceMs / InferenceMs;
}
