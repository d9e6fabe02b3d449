using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Geometry;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace AuditHarness.Inference.Models;

/// <summary>
/// An Ultralytics detection export loaded into one long-lived ONNX Runtime session, with optional layer taps.
/// Taps are added as extra graph outputs before the session is created, so one run returns detections and
/// activations together. <see cref="Predict(Mat, DecodeSettings?)"/> is safe to call from several threads.
/// </summary>
public sealed class YoloModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly IOutputDecoder _decoder;
    private readonly string _inputName;
    private readonly string _detectionOutputName;
    private readonly string[] _outputNames;
    private readonly int[] _tapOutputIndex;
    private readonly long[] _inputShape;
    private readonly bool _halfPrecisionInput;

    // An end-to-end head's per-anchor class scores and row anchors (extra outputs), when its graph shows them and they
    // passed the warm-up check; -1 otherwise.
    private readonly int _scoreOutputIndex = -1;
    private readonly int _rowAnchorOutputIndex = -1;
    private readonly bool _scoresClassMajor;
    private readonly int _scoreAnchors;

    // Shapes of the session outputs seen on the warm-up run; null when some output is not float32 (then buffers cannot be bound).
    private readonly long[][]? _floatOutputShapes;

    private YoloModel(
        string displayName,
        OnnxModelGraph graph,
        ModuleCatalog modules,
        YoloMetadata metadata,
        IReadOnlyList<ResolvedTap> taps,
        YoloModelOptions options)
    {
        DisplayName = displayName;
        Graph = graph;
        Modules = modules;
        Metadata = metadata;
        Taps = taps;

        _sessionOptions = CreateSessionOptions(options.IntraOpThreads);
        _runOptions = new RunOptions();
        string? endToEndReason = null;
        EndToEndScoreTensors? endToEnd = metadata.EndToEnd == false ? null : EndToEndScoreTensorFinder.Find(graph, out endToEndReason);
        InferenceSession? session = null;
        try
        {
            session = CreateSession(graph, taps, endToEnd);
        }
        catch (OnnxRuntimeException) when (endToEnd is not null)
        {
            // The added outputs must never cost a model that runs without them: it falls back to the matched score.
            endToEndReason = "ONNX Runtime refused the added score outputs";
            endToEnd = null;
        }
        catch (OnnxRuntimeException ex)
        {
            _runOptions.Dispose();
            _sessionOptions.Dispose();
            throw new AuditInputException($"Model '{displayName}' could not be loaded by ONNX Runtime: {FirstLine(ex.Message)}", ex);
        }

        try
        {
            _session = session ?? CreateSession(graph, taps, null);
        }
        catch (OnnxRuntimeException ex)
        {
            _runOptions.Dispose();
            _sessionOptions.Dispose();
            throw new AuditInputException($"Model '{displayName}' could not be loaded by ONNX Runtime: {FirstLine(ex.Message)}", ex);
        }

        try
        {
            _inputName = graph.InputNames[0];
            NodeMetadata input = _session.InputMetadata[_inputName];
            _halfPrecisionInput = input.ElementDataType == TensorElementType.Float16;
            if (!_halfPrecisionInput && input.ElementDataType != TensorElementType.Float)
            {
                throw new UnsupportedModelException(
                    $"Model '{displayName}' input '{_inputName}' is {input.ElementDataType}; expected a float32 or float16 image tensor.");
            }

            (InputHeight, InputWidth) = ResolveInputSize(displayName, input.Dimensions, metadata, options.FallbackImageSize);
            _inputShape = [1, 3, InputHeight, InputWidth];
            _detectionOutputName = graph.OutputNames[0];
            // A tap may name the detection output itself, or two taps one tensor: ask ONNX Runtime for each once.
            var outputNames = new List<string> { _detectionOutputName };
            _tapOutputIndex = new int[taps.Count];
            for (int i = 0; i < taps.Count; i++)
            {
                int index = outputNames.IndexOf(taps[i].TensorName);
                if (index < 0)
                {
                    index = outputNames.Count;
                    outputNames.Add(taps[i].TensorName);
                }

                _tapOutputIndex[i] = index;
            }

            if (endToEnd is not null)
            {
                _scoreOutputIndex = outputNames.IndexOf(endToEnd.ScoreTensor);
                if (_scoreOutputIndex < 0)
                {
                    _scoreOutputIndex = outputNames.Count;
                    outputNames.Add(endToEnd.ScoreTensor);
                }

                _rowAnchorOutputIndex = outputNames.Count;
                outputNames.Add(EndToEndScoreTensorFinder.RowAnchorOutput);
            }

            _outputNames = [.. outputNames];

            // One warm-up run on a blank image: gives the real output shape (dynamic models declare -1s),
            // picks the decoder, and proves every tap comes back before any real work starts.
            using var blank = new Mat(InputHeight, InputWidth, MatType.CV_8UC3, new Scalar(114, 114, 114));
            using IDisposableReadOnlyCollection<OrtValue> results = RunSession(blank, out _);
            OrtValue detectionOutput = results[0];
            OutputShape = [.. detectionOutput.GetTensorTypeAndShape().Shape.Select(d => (int)d)];
            _decoder = OutputDecoderFactory.Create(OutputShape, metadata, displayName, _detectionOutputName);
            VerifyTaps(results);
            if (_decoder.Family != OutputFamily.EndToEnd)
            {
                ScoreSource = ScoreSource.AnchorClassScore;
            }
            else if (endToEnd is null)
            {
                ScoreSource = ScoreSource.MatchedDetectionScore;
                ScoreSourceNote = $"its end-to-end graph shows no per-anchor class scores ({endToEndReason})";
            }
            else
            {
                string? problem = CheckEndToEndScores(results, metadata.Names.Count, out _scoresClassMajor, out _scoreAnchors);
                ScoreSource = problem is null ? ScoreSource.AnchorClassScore : ScoreSource.MatchedDetectionScore;
                ScoreSourceNote = problem is null ? null : $"its end-to-end score tensor '{endToEnd.ScoreTensor}' {problem}";
                if (problem is not null)
                {
                    _scoreOutputIndex = _rowAnchorOutputIndex = -1;
                }
            }
            bool allFloat = results.All(r => r.IsTensor && r.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float);
            _floatOutputShapes = allFloat && !_halfPrecisionInput ? [.. results.Select(r => r.GetTensorTypeAndShape().Shape)] : null;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The file name (or the name given for an in-memory model) used in messages.</summary>
    public string DisplayName { get; }

    /// <summary>
    /// The end-to-end head's per-anchor class score tensor (before its TopK) when the class-conditional score is read
    /// from it; null for grid heads (their output holds the scores) and when the matched score is the fallback.
    /// </summary>
    public string? ClassScoreTensor => _decoder.Family == OutputFamily.EndToEnd && _scoreOutputIndex >= 0 ? _outputNames[_scoreOutputIndex] : null;

    public OnnxModelGraph Graph { get; }

    public ModuleCatalog Modules { get; }

    public YoloMetadata Metadata { get; }

    public IReadOnlyList<ResolvedTap> Taps { get; }

    public int InputWidth { get; }

    public int InputHeight { get; }

    /// <summary>Shape of the detection output for one image, as observed on the warm-up run.</summary>
    public IReadOnlyList<int> OutputShape { get; }

    public OutputFamily Family => _decoder.Family;

    public bool IsHalfPrecision => _halfPrecisionInput;

    /// <summary>
    /// Where the class-conditional score drop is read: every class's score at each anchor (anchor-grid heads; end-to-end
    /// heads whose graph shows its score tensor and row anchors), or, failing that, the matched detection's score.
    /// </summary>
    public ScoreSource ScoreSource { get; }

    /// <summary>Why <see cref="ScoreSource"/> fell back to the matched detection's score; null when it did not.</summary>
    public string? ScoreSourceNote { get; }

    /// <summary>Loads an export from disk. Bad files throw <see cref="AuditInputException"/> with a one-line message.</summary>
    public static YoloModel Load(string path, YoloModelOptions? options = null) =>
        Create(OnnxModelGraph.Load(path), Path.GetFileName(path), options ?? new YoloModelOptions());

    public static YoloModel FromBytes(byte[] modelBytes, string displayName, YoloModelOptions? options = null) =>
        Create(OnnxModelGraph.FromBytes(modelBytes, displayName), displayName, options ?? new YoloModelOptions());

    /// <summary>Loads an already parsed graph (callers that inspect the graph first need not parse it twice).</summary>
    public static YoloModel Create(OnnxModelGraph graph, string displayName, YoloModelOptions options)
    {
        YoloMetadata metadata = YoloMetadata.Parse(graph.MetadataProps, displayName);
        metadata.EnsureDetector();
        if (graph.InputNames.Count != 1)
        {
            throw new UnsupportedModelException(
                $"Model '{displayName}' has {graph.InputNames.Count} inputs; expected one image input as Ultralytics exports it.");
        }

        ModuleCatalog modules = ModuleCatalog.Build(graph);
        IReadOnlyList<ResolvedTap> taps = modules.ResolveAll(options.Taps);
        return new YoloModel(displayName, graph, modules, metadata, taps, options);
    }

    /// <summary>The class name for an id: the model's own name, or "class N" when the metadata has none.</summary>
    public string ClassName(int classId) => Metadata.ClassName(classId);

    /// <summary>Runs one BGR image (as OpenCV reads it) and returns detections in its own pixel coordinates.</summary>
    public YoloPrediction Predict(Mat bgrImage, DecodeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(bgrImage);
        settings ??= DecodeSettings.Default;
        settings.Validate();

        using IDisposableReadOnlyCollection<OrtValue> results = RunSession(bgrImage, out RunTimes times);
        long postprocessStart = Stopwatch.GetTimestamp();

        float[] output = CopyToFloat(results[0]);
        float[]? rowAnchors = _rowAnchorOutputIndex < 0 ? null : CopyToFloat(results[_rowAnchorOutputIndex]);
        Detection[] detections = Decode(output, times.Letterbox, settings, rowAnchors);
        AnchorClassScores? classScores = ClassScoresOf(output, _scoreOutputIndex < 0 ? null : CopyToFloat(results[_scoreOutputIndex]));
        double postprocessMs = Stopwatch.GetElapsedTime(postprocessStart).TotalMilliseconds;
        long tapCopyStart = Stopwatch.GetTimestamp();
        var activations = new TapActivation[Taps.Count];
        for (int i = 0; i < Taps.Count; i++)
        {
            OrtValue value = results[_tapOutputIndex[i]];
            int[] shape = [.. value.GetTensorTypeAndShape().Shape.Select(d => (int)d)];
            activations[i] = new TapActivation(Taps[i].Tap, Taps[i].TensorName, shape, CopyToFloat(value));
        }

        double tapCopyMs = Stopwatch.GetElapsedTime(tapCopyStart).TotalMilliseconds;
        return new YoloPrediction(
            detections, times.Letterbox, activations, new StageTimings(times.PreprocessMs, times.InferenceMs, postprocessMs, tapCopyMs))
        {
            ClassScores = classScores,
        };
    }

    /// <summary>
    /// Whether <see cref="CreateBuffers"/> can be used: the input and every output are float32, so ONNX Runtime can read
    /// and write managed arrays directly. Half-precision exports are predicted with <see cref="Predict(Mat, DecodeSettings?)"/>.
    /// </summary>
    public bool SupportsBuffers => _floatOutputShapes is not null;

    /// <summary>Input and output memory for <see cref="Predict(Mat, PredictionBuffers, DecodeSettings?)"/>; the caller disposes it.</summary>
    public PredictionBuffers CreateBuffers()
    {
        if (_floatOutputShapes is null)
        {
            throw new InvalidOperationException($"Model '{DisplayName}' has a float16 input or output; predict it without buffers.");
        }

        return new PredictionBuffers(this, _inputShape, _floatOutputShapes);
    }

    /// <summary>
    /// As <see cref="Predict(Mat, DecodeSettings?)"/>, with the same detections and activations, but ONNX Runtime
    /// reads the input from and writes every output into <paramref name="buffers"/>: the prediction's activations are
    /// the buffers' arrays, valid until the buffers run the next prediction. Safe to call from several threads with
    /// different buffers.
    /// </summary>
    public YoloPrediction Predict(Mat bgrImage, PredictionBuffers buffers, DecodeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(bgrImage);
        ArgumentNullException.ThrowIfNull(buffers);
        if (!ReferenceEquals(buffers.Owner, this))
        {
            throw new ArgumentException($"The buffers were created by model '{buffers.Owner.DisplayName}', not by '{DisplayName}'.", nameof(buffers));
        }

        settings ??= DecodeSettings.Default;
        settings.Validate();

        long start = Stopwatch.GetTimestamp();
        LetterboxGeometry geometry = Letterbox.Apply(bgrImage, InputWidth, InputHeight, buffers.Input);
        double preprocessMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        long inferenceStart = Stopwatch.GetTimestamp();
        _session.Run(_runOptions, [_inputName], [buffers.InputValue], _outputNames, buffers.OutputValues);
        double inferenceMs = Stopwatch.GetElapsedTime(inferenceStart).TotalMilliseconds;

        long postprocessStart = Stopwatch.GetTimestamp();
        Detection[] detections = Decode(buffers.Outputs[0], geometry, settings, _rowAnchorOutputIndex < 0 ? null : buffers.Outputs[_rowAnchorOutputIndex]);
        AnchorClassScores? classScores = ClassScoresOf(buffers.Outputs[0], _scoreOutputIndex < 0 ? null : buffers.Outputs[_scoreOutputIndex]);
        var activations = new TapActivation[Taps.Count];
        for (int i = 0; i < Taps.Count; i++)
        {
            int output = _tapOutputIndex[i];
            activations[i] = new TapActivation(Taps[i].Tap, Taps[i].TensorName, buffers.OutputShapes[output], buffers.Outputs[output]);
        }

        double postprocessMs = Stopwatch.GetElapsedTime(postprocessStart).TotalMilliseconds;
        return new YoloPrediction(detections, geometry, activations, new StageTimings(preprocessMs, inferenceMs, postprocessMs, 0))
        {
            ClassScores = classScores,
        };
    }

    /// <summary>Reads an image file and runs it; an unreadable file throws <see cref="AuditInputException"/>.</summary>
    public YoloPrediction Predict(string imagePath, DecodeSettings? settings = null)
    {
        using Mat image = ImageFile.Read(imagePath);
        return Predict(image, settings);
    }

    /// <summary>
    /// The shape of each tap's tensor (in <see cref="Taps"/> order) at the model's input size, measured on one blank image
    /// (the letterbox's gray): a graph declares no shapes for its inner tensors, or dynamic ones.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> MeasureTapShapes()
    {
        using var blank = new Mat(InputHeight, InputWidth, MatType.CV_8UC3, new Scalar(114, 114, 114));
        return [.. Predict(blank).Activations.Select(a => a.Shape)];
    }

    /// <summary>
    /// Decodes a raw detection output of this model's shape (<see cref="OutputShape"/>), e.g. one a suffix run computed,
    /// exactly as <see cref="Predict(Mat, DecodeSettings?)"/> decodes its own, into <paramref name="letterbox"/>'s source pixels.
    /// </summary>
    public Detection[] DecodeOutput(float[] output, LetterboxGeometry letterbox, DecodeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(letterbox);
        settings ??= DecodeSettings.Default;
        settings.Validate();
        // A suffix graph has no row-anchor outputs (yet): end-to-end rows then carry no anchor; part 2 of tracing adds them.
        return Decode(output, letterbox, settings, rowAnchors: null);
    }

    /// <summary>
    /// Every class's score at every anchor of a raw output of this model's shape (e.g. a suffix run's), with the value of
    /// <see cref="ClassScoreTensor"/> for end-to-end heads; null when the head's scores are not known or not given.
    /// </summary>
    public AnchorClassScores? ClassScoresOfOutput(float[] output, float[]? classScoreTensor)
    {
        ArgumentNullException.ThrowIfNull(output);
        return _decoder.Family == OutputFamily.EndToEnd && ClassScoreTensor is null ? null : ClassScoresOf(output, classScoreTensor);
    }

    public void Dispose()
    {
        _session?.Dispose();
        _runOptions?.Dispose();
        _sessionOptions?.Dispose();
    }

    private Detection[] Decode(float[] output, LetterboxGeometry letterbox, DecodeSettings settings, float[]? rowAnchors)
    {
        IReadOnlyList<RawDetection> raw;
        try
        {
            raw = _decoder.Decode(output, OutputShape, settings.Confidence, settings.Iou, settings.MaxDetections);
        }
        catch (InvalidModelOutputException ex)
        {
            throw new InvalidModelOutputException($"Model '{DisplayName}': {ex.Message}");
        }

        var detections = new Detection[raw.Count];
        for (int i = 0; i < raw.Count; i++)
        {
            RawDetection r = raw[i];
            RequireValid(r);
            detections[i] = new Detection(r.ClassId, ClassName(r.ClassId), r.Score, letterbox.ToSource(r.Box)) { Anchor = AnchorOf(r, rowAnchors) };
        }

        return detections;
    }

    /// <summary>The anchor of a decoded detection: its column or row in a grid head, the row's gathered anchor in an end-to-end head.</summary>
    private int AnchorOf(RawDetection detection, float[]? rowAnchors)
    {
        if (_decoder.Family != OutputFamily.EndToEnd)
        {
            return detection.SourceIndex;
        }

        if (rowAnchors is null || detection.SourceIndex < 0 || detection.SourceIndex >= rowAnchors.Length)
        {
            return -1;
        }

        float anchor = rowAnchors[detection.SourceIndex];
        return anchor >= 0 && anchor < _scoreAnchors ? (int)anchor : -1;
    }

    /// <summary>Every class's score at every anchor of one prediction; null when the head's scores are not known.</summary>
    private AnchorClassScores? ClassScoresOf(float[] output, float[]? scoreTensor) => _decoder.Family switch
    {
        OutputFamily.AnchorGrid => AnchorClassScores.AnchorGrid(output, OutputShape[2], OutputShape[1] - AnchorGridDecoder.BoxChannels),
        OutputFamily.YoloV5 => AnchorClassScores.YoloV5(output, OutputShape[1], OutputShape[2] - YoloV5Decoder.LeadingValues),
        _ => scoreTensor is null ? null : AnchorClassScores.Tensor(scoreTensor, _scoreAnchors, Metadata.Names.Count, _scoresClassMajor),
    };

    /// <summary>
    /// Checks on the warm-up run that the end-to-end score tensor found in the graph is what it seems: <c>[1,A,nc]</c> or
    /// <c>[1,nc,A]</c>, one anchor per output row, and every scored row's score is the tensor's score of its class at its anchor.
    /// </summary>
    /// <returns>Null when it holds; else what failed, for the summary's note.</returns>
    private string? CheckEndToEndScores(IReadOnlyList<OrtValue> results, int classCount, out bool classMajor, out int anchors)
    {
        classMajor = false;
        anchors = 0;
        long[] shape = results[_scoreOutputIndex].GetTensorTypeAndShape().Shape;
        if (classCount < 1)
        {
            return "cannot be read: the metadata names no classes";
        }

        if (shape.Length != 3 || shape[0] != 1 || (shape[1] == classCount) == (shape[2] == classCount))
        {
            return string.Create(CultureInfo.InvariantCulture, $"has shape [{string.Join(",", shape)}]; expected [1,A,{classCount}] or [1,{classCount},A]");
        }

        classMajor = shape[1] == classCount;
        anchors = (int)(classMajor ? shape[2] : shape[1]);
        float[] rows = CopyToFloat(results[0]);
        float[] rowAnchors = CopyToFloat(results[_rowAnchorOutputIndex]);
        var scores = AnchorClassScores.Tensor(CopyToFloat(results[_scoreOutputIndex]), anchors, classCount, classMajor);
        int rowCount = rows.Length / EndToEndDecoder.RowLength;
        if (rowAnchors.Length != rowCount)
        {
            return string.Create(CultureInfo.InvariantCulture, $"comes with {rowAnchors.Length} row anchors for {rowCount} output rows");
        }

        for (int row = 0; row < rowCount; row++)
        {
            float score = rows[(row * EndToEndDecoder.RowLength) + 4];
            if (!(score > 0))
            {
                continue;
            }

            float read = scores.Score((int)rowAnchors[row], (int)rows[(row * EndToEndDecoder.RowLength) + 5]);
            if (!(MathF.Abs(read - score) <= 1e-6f * MathF.Max(1f, score)))
            {
                return string.Create(CultureInfo.InvariantCulture, $"does not give row {row}'s score {score} at its anchor {rowAnchors[row]} (reads {read})");
            }
        }

        return null;
    }

    private InferenceSession CreateSession(OnnxModelGraph graph, IReadOnlyList<ResolvedTap> taps, EndToEndScoreTensors? endToEnd)
    {
        IEnumerable<string> outputs = taps.Select(t => t.TensorName);
        byte[] modelBytes = endToEnd is null
            ? graph.ToBytesWithExtraOutputs(outputs)
            : graph.ToBytesWithExtraOutputs(
                outputs.Append(endToEnd.ScoreTensor).Append(EndToEndScoreTensorFinder.RowAnchorOutput),
                g => EndToEndScoreTensorFinder.AddRowAnchorOutput(g, endToEnd, graph.OutputNames[0]));
        return new InferenceSession(modelBytes, _sessionOptions);
    }

    /// <summary>A kept detection must have a finite box and a class the model names (any id from 0 when it names none).</summary>
    private void RequireValid(RawDetection detection)
    {
        BoundingBox box = detection.Box;
        if (!float.IsFinite(box.X1) || !float.IsFinite(box.Y1) || !float.IsFinite(box.X2) || !float.IsFinite(box.Y2))
        {
            throw new InvalidModelOutputException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{DisplayName}' output a box with the coordinates ({box.X1}, {box.Y1}, {box.X2}, {box.Y2}) at score {detection.Score}; expected finite numbers."));
        }

        if (detection.ClassId < 0 || (Metadata.Names.Count > 0 && !Metadata.Names.ContainsKey(detection.ClassId)))
        {
            throw new InvalidModelOutputException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{DisplayName}' output the class id {detection.ClassId}, which it has no name for (it names {Metadata.Names.Count} classes, 0 to {Metadata.Names.Count - 1})."));
        }
    }

    /// <summary>The session options of every model session (also <see cref="BareInferenceSession"/>'s); the caller disposes them.</summary>
    internal static SessionOptions CreateSessionOptions(int intraOpThreads) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        IntraOpNumThreads = intraOpThreads,
    };

    /// <summary>The largest input side accepted (Ultralytics exports use 320 to 1280; 8192 leaves room for large medical inputs).</summary>
    public const int MaxInputSide = 8192;

    private static (int Height, int Width) ResolveInputSize(
        string displayName, int[] dimensions, YoloMetadata metadata, int fallback)
    {
        if (dimensions.Length != 4 || (dimensions[1] != 3 && dimensions[1] > 0))
        {
            throw new UnsupportedModelException(
                $"Model '{displayName}' input has shape [{string.Join(",", dimensions)}]; expected an NCHW image tensor [1,3,H,W].");
        }

        // A fixed input fixes the size; a dynamic one takes the export's imgsz, else the fallback (640).
        int height = dimensions[2] > 0 ? dimensions[2] : metadata.ImageHeight ?? fallback;
        int width = dimensions[3] > 0 ? dimensions[3] : metadata.ImageWidth ?? fallback;
        if (height < 1 || width < 1 || height > MaxInputSide || width > MaxInputSide)
        {
            // Refused before the warm-up pass allocates the input: [1,3,100000,100000] would need 120 GB of floats.
            throw new UnsupportedModelException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{displayName}' input is {height}x{width} (shape [{string.Join(",", dimensions)}], metadata imgsz {metadata.ImageHeight?.ToString(CultureInfo.InvariantCulture) ?? "none"}x{metadata.ImageWidth?.ToString(CultureInfo.InvariantCulture) ?? "none"}); expected each side from 1 to {MaxInputSide} pixels."));
        }

        return (height, width);
    }

    private IDisposableReadOnlyCollection<OrtValue> RunSession(Mat bgrImage, out RunTimes times)
    {
        long start = Stopwatch.GetTimestamp();
        using OrtValue input = OrtValue.CreateAllocatedTensorValue(
            OrtAllocator.DefaultInstance,
            _halfPrecisionInput ? TensorElementType.Float16 : TensorElementType.Float,
            _inputShape);
        LetterboxGeometry geometry = FillInput(bgrImage, input);
        double preprocessMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        long inferenceStart = Stopwatch.GetTimestamp();
        IDisposableReadOnlyCollection<OrtValue> results = _session.Run(_runOptions, [_inputName], [input], _outputNames);
        times = new RunTimes(geometry, preprocessMs, Stopwatch.GetElapsedTime(inferenceStart).TotalMilliseconds);
        return results;
    }

    private LetterboxGeometry FillInput(Mat bgrImage, OrtValue input)
    {
        if (!_halfPrecisionInput)
        {
            return Letterbox.Apply(bgrImage, InputWidth, InputHeight, input.GetTensorMutableDataAsSpan<float>());
        }

        // Half-precision exports take float16 input: letterbox in float32, then narrow.
        float[] staging = new float[3 * InputHeight * InputWidth];
        LetterboxGeometry geometry = Letterbox.Apply(bgrImage, InputWidth, InputHeight, staging);
        Span<Half> half = MemoryMarshal.Cast<Float16, Half>(input.GetTensorMutableDataAsSpan<Float16>());
        for (int i = 0; i < staging.Length; i++)
        {
            half[i] = (Half)staging[i];
        }

        return geometry;
    }

    private void VerifyTaps(IReadOnlyList<OrtValue> results)
    {
        var missing = new List<string>();
        for (int i = 0; i < Taps.Count; i++)
        {
            OrtValue value = results[_tapOutputIndex[i]];
            TensorElementType type = value.IsTensor ? value.GetTensorTypeAndShape().ElementDataType : TensorElementType.DataTypeMax;
            if (type is not (TensorElementType.Float or TensorElementType.Float16))
            {
                missing.Add($"{Taps[i].Tap} ({Taps[i].TensorName}: {type})");
            }
        }

        if (missing.Count > 0)
        {
            throw new AuditInputException(
                $"Model '{DisplayName}': taps did not come back as float tensors: {string.Join(", ", missing)}.");
        }
    }

    private static float[] CopyToFloat(OrtValue value)
    {
        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        if (info.ElementDataType == TensorElementType.Float)
        {
            return value.GetTensorDataAsSpan<float>().ToArray();
        }

        if (info.ElementDataType == TensorElementType.Float16)
        {
            ReadOnlySpan<Half> half = MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>());
            float[] result = new float[half.Length];
            for (int i = 0; i < half.Length; i++)
            {
                result[i] = (float)half[i];
            }

            return result;
        }

        throw new UnsupportedModelException($"Output tensor has element type {info.ElementDataType}; expected float32 or float16.");
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    private readonly record struct RunTimes(LetterboxGeometry Letterbox, double PreprocessMs, double InferenceMs);
}
