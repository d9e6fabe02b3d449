using System.Runtime.InteropServices;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Geometry;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// A model cut after one or more layers: one long-lived full session tapped on exactly the tensors crossing the cuts
/// (<see cref="Run"/>), and one long-lived suffix session per layer (<see cref="RunSuffix"/>), which recomputes the
/// model's output from those tensors, optionally with the layer's output patched from another pass. A patched run
/// costs a suffix, not a full pass. Runs are safe from several threads, as ONNX Runtime's <c>Run</c> is.
/// </summary>
public sealed class CutTracer : IDisposable
{
    private readonly YoloModel _model;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly Dictionary<string, Suffix> _suffixes = new(StringComparer.Ordinal);
    private readonly string _outputName;
    private readonly string? _scoreTensor;
    private readonly bool _scoresInEverySuffix = true;

    private CutTracer(OnnxModelGraph graph, string displayName, IReadOnlyList<string> layers, int intraOpThreads)
    {
        ModuleCatalog catalog = ModuleCatalog.Build(graph);
        var cuts = new List<LayerCut>();
        foreach (string layer in layers)
        {
            LayerCut cut = SuffixGraphBuilder.Build(graph, catalog, layer);
            if (cuts.All(c => c.Layer != cut.Layer))
            {
                cuts.Add(cut);
            }
        }

        if (cuts.Count == 0)
        {
            throw new AuditInputException($"No layer to trace in model '{displayName}'; expected at least one module, model.N.");
        }

        _outputName = graph.OutputNames[0];
        string[] tapped = [_outputName, .. cuts.SelectMany(c => c.CrossingTensors).Distinct(StringComparer.Ordinal)];
        Dictionary<string, TensorElementType> types = ProbeElementTypes(graph, displayName, tapped);
        foreach (LayerCut cut in cuts)
        {
            foreach (string tensor in cut.CrossingTensors)
            {
                if (types[tensor] is not (TensorElementType.Float or TensorElementType.Float16))
                {
                    throw new UnsupportedModelException(
                        $"Model '{displayName}': tensor '{tensor}' ({types[tensor]}) crosses the cut after {cut.Layer}; expected only float activations to cross.");
                }
            }
        }

        Cuts = cuts;
        _sessionOptions = YoloModel.CreateSessionOptions(intraOpThreads);
        _runOptions = new RunOptions();
        try
        {
            _model = YoloModel.Create(graph, displayName, new YoloModelOptions { Taps = tapped, IntraOpThreads = intraOpThreads });
            _scoreTensor = _model.ClassScoreTensor;
            foreach (LayerCut cut in cuts)
            {
                ModelProto suffix = cut.Suffix.Clone();
                // An end-to-end head keeps its per-anchor class scores before its TopK: the suffix returns them too, so a
                // patched run is scored as a full pass is (the class's score at the original detection's anchor).
                bool scores = _scoreTensor is not null && suffix.Graph.Node.Any(n => n.Output.Contains(_scoreTensor));
                if (scores)
                {
                    suffix.Graph.Output.Add(new ValueInfoProto { Name = _scoreTensor });
                }
                else if (_scoreTensor is not null)
                {
                    _scoresInEverySuffix = false;
                }

                foreach (ValueInfoProto input in suffix.Graph.Input)
                {
                    input.Type.TensorType.ElemType = types[input.Name] == TensorElementType.Float16
                        ? (int)TensorProto.Types.DataType.Float16
                        : (int)TensorProto.Types.DataType.Float;
                }

                InferenceSession session;
                try
                {
                    session = new InferenceSession(suffix.ToByteArray(), _sessionOptions);
                }
                catch (OnnxRuntimeException ex)
                {
                    throw new UnsupportedModelException(
                        $"Model '{displayName}': the suffix after {cut.Layer} could not be loaded by ONNX Runtime: {ex.Message.Split('\n')[0]}");
                }

                _suffixes.Add(cut.Layer, new Suffix(cut, session, [.. cut.CrossingTensors.Select(t => types[t])], scores));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The cuts, one per distinct layer, in the order given.</summary>
    public IReadOnlyList<LayerCut> Cuts { get; }

    /// <summary>The tapped full model (its taps are the crossing tensors and the detection output).</summary>
    public YoloModel Model => _model;

    /// <summary>
    /// Where a pass's and a suffix run's class-conditional scores come from: the model's own source, or the matched
    /// detection's score when an end-to-end head's score tensor is not computed after every cut.
    /// </summary>
    public ScoreSource ScoreSource => _scoresInEverySuffix ? _model.ScoreSource : ScoreSource.MatchedDetectionScore;

    /// <summary>Loads a model and cuts it after each of <paramref name="layers"/> (<c>model.N</c>).</summary>
    public static CutTracer Load(string modelPath, IReadOnlyList<string> layers, int intraOpThreads = 0) =>
        Create(OnnxModelGraph.Load(modelPath), Path.GetFileName(modelPath), layers, intraOpThreads);

    public static CutTracer Create(OnnxModelGraph graph, string displayName, IReadOnlyList<string> layers, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(layers);
        return new CutTracer(graph, displayName, layers, intraOpThreads);
    }

    /// <summary>The cut after <paramref name="layer"/>; throws when the tracer was not built for it.</summary>
    public LayerCut Cut(string layer) => SuffixFor(layer).Cut;

    /// <summary>A full pass with every crossing tensor copied out.</summary>
    public TracedPass Run(Mat bgrImage, DecodeSettings? settings = null)
    {
        YoloPrediction prediction = _model.Predict(bgrImage, settings);
        var tensors = new Dictionary<string, TapActivation>(StringComparer.Ordinal);
        foreach (TapActivation activation in prediction.Activations)
        {
            tensors[activation.TensorName] = activation;
        }

        TapActivation output = tensors[_outputName];
        tensors.Remove(_outputName);
        return new TracedPass(prediction.Detections, prediction.Letterbox, new SuffixOutput(output.Values, output.Shape), tensors)
        {
            ClassScores = ScoreSource == ScoreSource.AnchorClassScore ? prediction.ClassScores : null,
        };
    }

    /// <summary>
    /// Runs the suffix after <paramref name="layer"/> on <paramref name="pass"/>'s crossing tensors, the layer's output
    /// patched as <paramref name="patch"/> says (unpatched when null), and returns the raw detection output.
    /// </summary>
    public SuffixOutput RunSuffix(string layer, TracedPass pass, ActivationPatch? patch = null)
    {
        ArgumentNullException.ThrowIfNull(pass);
        Suffix suffix = SuffixFor(layer);
        IReadOnlyList<string> names = suffix.Cut.CrossingTensors;
        var inputs = new OrtValue[names.Count];
        try
        {
            for (int i = 0; i < names.Count; i++)
            {
                TapActivation value = Tensor(pass, names[i]);
                float[] values = i == 0 && patch is not null ? ActivationPatcher.Apply(value, Tensor(patch.Source, names[i]), patch) : value.Values;
                long[] shape = [.. value.Shape.Select(d => (long)d)];
                inputs[i] = suffix.InputTypes[i] == TensorElementType.Float16
                    ? OrtValue.CreateTensorValueFromMemory(values.Select(v => (Float16)v).ToArray(), shape)
                    : OrtValue.CreateTensorValueFromMemory(values, shape);
            }

            string[] outputs = suffix.ReturnsScores ? [_outputName, _scoreTensor!] : [_outputName];
            using IDisposableReadOnlyCollection<OrtValue> results = suffix.Session.Run(_runOptions, names, inputs, outputs);
            int[] outputShape = [.. results[0].GetTensorTypeAndShape().Shape.Select(d => (int)d)];
            return new SuffixOutput(ToFloat(results[0], _outputName), outputShape)
            {
                ClassScoreTensor = suffix.ReturnsScores ? ToFloat(results[1], _scoreTensor!) : null,
            };
        }
        finally
        {
            foreach (OrtValue? input in inputs)
            {
                input?.Dispose();
            }
        }
    }

    /// <summary>
    /// Every class's score at every anchor of a suffix run (or a pass's <see cref="TracedPass.Output"/> with its score
    /// tensor), read as the full model reads its own; null when <see cref="ScoreSource"/> is the matched score.
    /// </summary>
    public AnchorClassScores? ClassScores(SuffixOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ScoreSource == ScoreSource.AnchorClassScore ? _model.ClassScoresOfOutput(output.Values, output.ClassScoreTensor) : null;
    }

    /// <summary>Decodes a raw output (of a suffix run) as the model decodes its own, in the pass's image coordinates.</summary>
    public IReadOnlyList<Detection> Decode(SuffixOutput output, LetterboxGeometry letterbox, DecodeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return _model.DecodeOutput(output.Values, letterbox, settings);
    }

    public void Dispose()
    {
        foreach (Suffix suffix in _suffixes.Values)
        {
            suffix.Session.Dispose();
        }

        _model?.Dispose();
        _runOptions?.Dispose();
        _sessionOptions?.Dispose();
    }

    private Suffix SuffixFor(string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return _suffixes.TryGetValue(layer.Trim(), out Suffix? suffix)
            ? suffix
            : throw new ArgumentException($"Layer '{layer}' is not cut by this tracer; it cuts {string.Join(", ", _suffixes.Keys)}.", nameof(layer));
    }

    private TapActivation Tensor(TracedPass pass, string name) =>
        pass.Tensors.TryGetValue(name, out TapActivation? value)
            ? value
            : throw new ArgumentException($"The pass has no tensor '{name}'; expected a pass made by this tracer (model '{_model.DisplayName}').", nameof(pass));

    /// <summary>Element types of the given tensors as ONNX Runtime infers them (inner tensors declare none in these exports).</summary>
    private static Dictionary<string, TensorElementType> ProbeElementTypes(OnnxModelGraph graph, string displayName, IReadOnlyList<string> tensors)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        InferenceSession probe;
        try
        {
            probe = new InferenceSession(graph.ToBytesWithExtraOutputs(tensors), options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new AuditInputException($"Model '{displayName}' could not be loaded by ONNX Runtime: {ex.Message.Split('\n')[0]}", ex);
        }

        using (probe)
        {
            var types = new Dictionary<string, TensorElementType>(StringComparer.Ordinal);
            foreach (string tensor in tensors)
            {
                NodeMetadata metadata = probe.OutputMetadata.TryGetValue(tensor, out NodeMetadata? output) ? output : probe.InputMetadata[tensor];
                types[tensor] = metadata.ElementDataType;
            }

            return types;
        }
    }

    private float[] ToFloat(OrtValue value, string name)
    {
        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        return info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Float16 => [.. MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>()).ToArray().Select(h => (float)h)],
            _ => throw new UnsupportedModelException($"Model '{_model.DisplayName}' output '{name}' is {info.ElementDataType}; expected float32 or float16."),
        };
    }

    private sealed record Suffix(LayerCut Cut, InferenceSession Session, IReadOnlyList<TensorElementType> InputTypes, bool ReturnsScores);
}
