using Microsoft.ML.OnnxRuntime;

namespace AuditHarness.Inference.Models;

/// <summary>
/// Reusable memory for predictions of one <see cref="YoloModel"/>: the input tensor and every output (detections and
/// taps), each a managed array pinned under an <see cref="OrtValue"/> that ONNX Runtime reads from and writes into
/// directly. A prediction made with these buffers (<see cref="YoloModel.Predict(OpenCvSharp.Mat, PredictionBuffers, DecodeSettings?)"/>)
/// costs no allocation of tensor size and no copy of the activations; its activations are these arrays, valid until
/// the buffers run the next prediction or are disposed. One prediction at a time per instance.
/// </summary>
public sealed class PredictionBuffers : IDisposable
{
    private readonly OrtValue[] _outputValues;
    private bool _disposed;

    internal PredictionBuffers(YoloModel owner, long[] inputShape, IReadOnlyList<long[]> outputShapes)
    {
        Owner = owner;
        Input = new float[checked((int)inputShape.Aggregate(1L, (a, b) => a * b))];
        Outputs = [.. outputShapes.Select(s => new float[checked((int)s.Aggregate(1L, (a, b) => a * b))])];
        OutputShapes = [.. outputShapes.Select(s => (IReadOnlyList<int>)[.. s.Select(d => (int)d)])];
        var created = new List<OrtValue>();
        try
        {
            created.Add(OrtValue.CreateTensorValueFromMemory(Input, inputShape));
            for (int i = 0; i < Outputs.Count; i++)
            {
                created.Add(OrtValue.CreateTensorValueFromMemory(Outputs[i], outputShapes[i]));
            }
        }
        catch
        {
            created.ForEach(v => v.Dispose());
            throw;
        }

        InputValue = created[0];
        _outputValues = [.. created.Skip(1)];
    }

    internal YoloModel Owner { get; }

    internal float[] Input { get; }

    internal OrtValue InputValue { get; }

    /// <summary>One array per distinct session output, in the model's output order (detections first).</summary>
    internal IReadOnlyList<float[]> Outputs { get; }

    internal IReadOnlyList<IReadOnlyList<int>> OutputShapes { get; }

    internal IReadOnlyList<OrtValue> OutputValues
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _outputValues;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        InputValue.Dispose();
        foreach (OrtValue value in _outputValues)
        {
            value.Dispose();
        }
    }
}
