using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;
using static AuditHarness.Tests.TestModels.OnnxGraphWriter;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Tests.TestModels;

/// <summary>
/// A tiny two-class detector (nevus, melanoma) whose class depends on one marker pixel: it always finds the same box at
/// one anchor, called melanoma while the marker pixel is bright and nevus once it is masked away. A shortcut in its
/// purest form: the detection stays, only its class flips, so the matched detection's score hardly moves while the
/// melanoma score collapses.
/// </summary>
/// <remarks>
/// s = Sigmoid(40 (red(marker) − 0.7)) is about 1 on a white marker and about 0 on a background below 0.55. The head's
/// per-anchor class scores are melanoma = 0.05 + 0.9 s and nevus = 0.95 − 0.9 s at <see cref="Anchor"/> (0 elsewhere), plus
/// a zero-weighted mean of a <c>model.0</c> convolution so the image runs through a real layer. The anchor-grid head outputs
/// them as <c>[1,6,A]</c>; the end-to-end head picks its rows from them as Ultralytics' YOLO26/v10 heads do (ReduceMax,
/// TopK over anchors, GatherElements, TopK over anchor-class pairs, rows Concat of boxes, score and class).
/// </remarks>
public static class MarkerFlipModelBuilder
{
    public const int InputSize = 320;
    public const int Anchors = 10;
    public const int Anchor = 6;
    public const int EndToEndRows = 5;
    public const float MelanomaWithMarker = 0.05f + 0.9f;
    public const float NevusWithoutMarker = 0.95f;

    /// <summary>The box the model finds at every call, input pixels (x1, y1, x2, y2).</summary>
    public static readonly float[] Box = [140f, 140f, 260f, 260f];

    public static byte[] Build(bool endToEnd, int markerX, int markerY)
    {
        var writer = new OnnxGraphWriter("main_graph");
        writer.Graph.Input.Add(TensorValueInfo(TinyYoloModelBuilder.InputName, DataType.Float, [1, 3, InputSize, InputSize]));
        object[] outputDims = endToEnd ? [1, EndToEndRows, 6] : [1, 6, Anchors];
        writer.Graph.Output.Add(TensorValueInfo(TinyYoloModelBuilder.OutputName, DataType.Float, outputDims));

        // model.0: a real convolution whose mean enters the scores with weight 0.
        string images = TinyYoloModelBuilder.InputName;
        string weight = writer.FloatInitializer("model.0.conv.weight", [4, 3, 3, 3], Weights(4 * 3 * 3 * 3, 0.3f, 0));
        string bias = writer.FloatInitializer("model.0.conv.bias", [4], Weights(4, 0.1f, 10));
        string conv = writer.Node("Conv", "/model.0/conv/Conv", [images, weight, bias], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("strides", 2, 2));
        string mean = writer.Node("ReduceMean", "/model.0/ReduceMean", [conv], Int("keepdims", 0));
        string zero = writer.Node("Mul", "/model.0/Mul", [mean, writer.FloatInitializer("/model.0/zero", [], [0f])]);

        // The marker: red channel of one input pixel, squashed to about 0 or 1.
        string starts = writer.Int64Initializer("/model.1/marker_starts", [4], [0, 0, markerY, markerX]);
        string ends = writer.Int64Initializer("/model.1/marker_ends", [4], [1, 1, markerY + 1, markerX + 1]);
        string pixel = writer.Node("Slice", "/model.1/Slice", [images, starts, ends]);
        string flat = writer.Node("Reshape", "/model.1/Reshape", [pixel, writer.Int64Initializer("/model.1/scalar_shape", [0], [])]);
        string centred = writer.Node("Sub", "/model.1/Sub", [flat, writer.FloatInitializer("/model.1/cut", [], [0.7f])]);
        string steep = writer.Node("Mul", "/model.1/Mul", [centred, writer.FloatInitializer("/model.1/gain", [], [40f])]);
        string s = writer.Node("Sigmoid", "/model.1/Sigmoid", [steep]);
        string sPlusZero = writer.Node("Add", "/model.1/Add", [s, zero]);

        // Scores [1, A, 2] = absent + (present - absent) * s.
        var absent = new float[Anchors * 2];
        var change = new float[Anchors * 2];
        absent[Anchor * 2] = 0.95f;
        absent[(Anchor * 2) + 1] = 0.05f;
        change[Anchor * 2] = -0.9f;
        change[(Anchor * 2) + 1] = 0.9f;
        string scaled = writer.Node("Mul", "/model.1/scores_change", [writer.FloatInitializer("/model.1/change", [1, Anchors, 2], change), sPlusZero]);
        string scores = writer.Node("Add", "/model.1/scores", [writer.FloatInitializer("/model.1/absent", [1, Anchors, 2], absent), scaled]);

        if (endToEnd)
        {
            EndToEndHead(writer, scores);
        }
        else
        {
            // [1, 6, A]: cx, cy, w, h rows, then the two class rows (the scores transposed).
            var boxes = new float[4 * Anchors];
            boxes[Anchor] = (Box[0] + Box[2]) / 2;
            boxes[Anchors + Anchor] = (Box[1] + Box[3]) / 2;
            boxes[(2 * Anchors) + Anchor] = Box[2] - Box[0];
            boxes[(3 * Anchors) + Anchor] = Box[3] - Box[1];
            string classRows = writer.Node("Transpose", "/model.1/Transpose", [scores], Ints("perm", 0, 2, 1));
            writer.Node("Concat", "/model.1/Concat", [writer.FloatInitializer("/model.1/boxes", [1, 4, Anchors], boxes), classRows], [TinyYoloModelBuilder.OutputName], Int("axis", 1));
        }

        var model = new ModelProto { IrVersion = 8, ProducerName = "pytorch", ProducerVersion = "2.5.0", Graph = writer.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        var options = new TinyYoloModelOptions
        {
            Family = endToEnd ? TinyYoloFamily.EndToEnd : TinyYoloFamily.AnchorGrid,
            ClassNames = ["nevus", "melanoma"],
        };
        foreach (var (key, value) in TinyYoloModelBuilder.MetadataFor(options))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }

    /// <summary>Ultralytics' end-to-end postprocess (v10/YOLO26) over the scores: the rows' anchors are never output.</summary>
    private static void EndToEndHead(OnnxGraphWriter writer, string scores)
    {
        var boxes = new float[Anchors * 4];
        Box.CopyTo(boxes, Anchor * 4);
        string boxTensor = writer.FloatInitializer("/model.1/boxes", [1, Anchors, 4], boxes);
        string k = writer.Int64Initializer("/model.1/k", [1], [EndToEndRows]);
        string axis2 = writer.Int64Initializer("/model.1/axis2", [1], [2]);
        string classCount = writer.Int64Initializer("/model.1/nc", [], [2]);

        string best = writer.Node("ReduceMax", "/model.1/ReduceMax", [scores], Ints("axes", -1), Int("keepdims", 0));
        writer.Node("TopK", "/model.1/TopK", [best, k], ["/model.1/TopK_output_0", "/model.1/TopK_output_1"], Int("axis", -1));
        string topAnchors = writer.Node("Unsqueeze", "/model.1/Unsqueeze", ["/model.1/TopK_output_1", axis2]);
        string scoreIndex = writer.Node("Tile", "/model.1/Tile", [topAnchors, writer.Int64Initializer("/model.1/tile_nc", [3], [1, 1, 2])]);
        string topScores = writer.Node("GatherElements", "/model.1/GatherElements", [scores, scoreIndex], Int("axis", 1));
        string flatScores = writer.Node("Flatten", "/model.1/Flatten", [topScores], Int("axis", 1));
        writer.Node("TopK", "/model.1/TopK_1", [flatScores, k], ["/model.1/TopK_1_output_0", "/model.1/TopK_1_output_1"], Int("axis", -1));
        string rowOfTop = writer.Node("Div", "/model.1/Div", ["/model.1/TopK_1_output_1", classCount]);
        string classOfTop = writer.Node("Mod", "/model.1/Mod", ["/model.1/TopK_1_output_1", classCount]);
        string rowAnchor = writer.Node("GatherElements", "/model.1/GatherElements_1", ["/model.1/TopK_output_1", rowOfTop], Int("axis", 1));
        string rowAnchorColumn = writer.Node("Unsqueeze", "/model.1/Unsqueeze_1", [rowAnchor, axis2]);
        string boxIndex = writer.Node("Tile", "/model.1/Tile_1", [rowAnchorColumn, writer.Int64Initializer("/model.1/tile_box", [3], [1, 1, 4])]);
        string rowBoxes = writer.Node("GatherElements", "/model.1/GatherElements_2", [boxTensor, boxIndex], Int("axis", 1));
        string scoreColumn = writer.Node("Unsqueeze", "/model.1/Unsqueeze_2", ["/model.1/TopK_1_output_0", axis2]);
        string classColumn = writer.Node("Unsqueeze", "/model.1/Unsqueeze_3", [classOfTop, axis2]);
        string classFloat = writer.Node("Cast", "/model.1/Cast", [classColumn], Int("to", (long)DataType.Float));
        writer.Node("Concat", "/model.1/Concat", [rowBoxes, scoreColumn, classFloat], [TinyYoloModelBuilder.OutputName], Int("axis", 2));
    }
}
