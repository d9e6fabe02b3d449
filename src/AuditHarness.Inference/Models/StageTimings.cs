namespace AuditHarness.Inference.Models;

/// <summary>
/// Wall time of the stages of one prediction, in milliseconds. Copying tapped activations out of ONNX Runtime
/// is timed on its own so the cost of taps can be told apart from decoding.
/// </summary>
public readonly record struct StageTimings(double PreprocessMs, double InferenceMs, double PostprocessMs, double TapCopyMs)
{
    public double TotalMs => PreprocessMs + InferenceMs + PostprocessMs + TapCopyMs;
}
