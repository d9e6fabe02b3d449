using AuditHarness.Core.Errors;
using AuditHarness.Inference.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace AuditHarness.Inference.Models;

/// <summary>
/// A model's plain graph (no taps) in its own ONNX Runtime session, run on inputs letterboxed beforehand: the
/// bare forward passes an audit's throughput is judged against. Session options are those of <see cref="YoloModel"/>,
/// so the only difference from an audit's passes is what the audit does around them. <see cref="Run"/> is safe to
/// call from several threads, as ONNX Runtime's <c>Run</c> is.
/// </summary>
public sealed class BareInferenceSession : IDisposable
{
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _outputNames;
    private readonly long[] _inputShape;
    private readonly TensorElementType _inputType;

    /// <param name="model">The audited model, loaded with taps; only its input size and file are used.</param>
    /// <param name="modelPath">The model file.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per pass (0 = one per core).</param>
    public BareInferenceSession(YoloModel model, string modelPath, int intraOpThreads)
    {
        ArgumentNullException.ThrowIfNull(model);
        _sessionOptions = YoloModel.CreateSessionOptions(intraOpThreads);
        _runOptions = new RunOptions();
        try
        {
            _session = new InferenceSession(modelPath, _sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            _runOptions.Dispose();
            _sessionOptions.Dispose();
            throw new AuditInputException($"Model '{Path.GetFileName(modelPath)}' could not be loaded by ONNX Runtime: {ex.Message.Split('\n')[0]}", ex);
        }

        _inputName = model.Graph.InputNames[0];
        _outputNames = [model.Graph.OutputNames[0]];
        _inputShape = [1, 3, model.InputHeight, model.InputWidth];
        _inputType = model.IsHalfPrecision ? TensorElementType.Float16 : TensorElementType.Float;
        InputLength = 3 * model.InputHeight * model.InputWidth;
    }

    /// <summary>Values in one input tensor (3 x height x width).</summary>
    public int InputLength { get; }

    /// <summary>
    /// The input tensor of <paramref name="bgrImage"/>, letterboxed as <see cref="YoloModel"/> does it, in the model's
    /// input precision; the caller disposes it. Several threads may run the same input at once.
    /// </summary>
    public OrtValue CreateInput(Mat bgrImage)
    {
        float[] input = new float[InputLength];
        Letterbox.Apply(bgrImage, (int)_inputShape[3], (int)_inputShape[2], input);
        if (_inputType != TensorElementType.Float16)
        {
            return OrtValue.CreateTensorValueFromMemory(input, _inputShape);
        }

        var half = new Float16[input.Length];
        for (int i = 0; i < half.Length; i++)
        {
            half[i] = (Float16)input[i];
        }

        return OrtValue.CreateTensorValueFromMemory(half, _inputShape);
    }

    /// <summary>One forward pass; the detection output is released unread.</summary>
    public void Run(OrtValue input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(_runOptions, [_inputName], [input], _outputNames);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
        _sessionOptions.Dispose();
    }
}
