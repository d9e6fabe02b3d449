using AuditHarness.Inference.Onnx.Proto;
using Google.Protobuf;
using static AuditHarness.Tests.TestModels.OnnxGraphWriter;
using DataType = AuditHarness.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace AuditHarness.Tests.TestModels;

/// <summary>
/// A tiny one-class detector ("melanoma") whose shortcut runs through exactly one channel of <c>model.0</c>: channel
/// <see cref="ShortcutChannel"/> responds to excess red (a red stripe drawn on grey skin), and its spatial mean raises the
/// class score; every other channel reads only the green and blue planes (unrelated texture, which a red stripe that
/// leaves green and blue alone never changes) and feeds the score with a small weight.
/// </summary>
/// <remarks>
/// Input 64x64 (no letterbox resize for 64x64 images). <c>model.0</c>: a 1x1 stride-2 Conv, 3 → <see cref="Channels"/>, then
/// Relu (<c>/model.0/act/Relu</c>, its output the tap) on a 32x32 grid. Shortcut channel: 4 (R - (G + B) / 2) - 0.2.
/// <c>model.1</c>: the spatial mean of each channel (a depthwise Conv), a weighted sum (a 1x1 Conv) (<see cref="ShortcutWeight"/> for the shortcut channel,
/// 0.02 for the others) plus <see cref="Bias"/>, a Sigmoid: the score of one fixed box at anchor <see cref="Anchor"/> of an
/// anchor-grid head <c>[1, 5, A]</c>. Patching the shortcut channel with the artifact-removed image's values therefore
/// gives the artifact-removed score exactly, and patching any set of other channels changes nothing.
/// </remarks>
public static class ChannelShortcutModelBuilder
{
    public const int InputSize = 64;
    public const int Channels = 32;
    public const int ShortcutChannel = 13;
    public const int Anchors = 8;
    public const int Anchor = 3;
    public const float ShortcutWeight = 30f;
    public const float Bias = -0.6f;

    public static byte[] Build()
    {
        var writer = new OnnxGraphWriter("main_graph");
        writer.Graph.Input.Add(TensorValueInfo(TinyYoloModelBuilder.InputName, DataType.Float, [1, 3, InputSize, InputSize]));
        writer.Graph.Output.Add(TensorValueInfo(TinyYoloModelBuilder.OutputName, DataType.Float, [1, 5, Anchors]));

        var weights = new float[Channels * 3];
        var biases = new float[Channels];
        float[] texture = Weights(Channels * 2, 1f, 3);
        for (int c = 0; c < Channels; c++)
        {
            if (c == ShortcutChannel)
            {
                weights[c * 3] = 4f;
                weights[(c * 3) + 1] = -2f;
                weights[(c * 3) + 2] = -2f;
                biases[c] = -0.2f;
            }
            else
            {
                weights[(c * 3) + 1] = texture[c * 2]; // green and blue only: blind to a red stripe
                weights[(c * 3) + 2] = texture[(c * 2) + 1];
                biases[c] = 0.1f;
            }
        }

        string conv = writer.Node(
            "Conv",
            "/model.0/conv/Conv",
            [TinyYoloModelBuilder.InputName, writer.FloatInitializer("model.0.conv.weight", [Channels, 3, 1, 1], weights), writer.FloatInitializer("model.0.conv.bias", [Channels], biases)],
            Ints("kernel_shape", 1, 1),
            Ints("strides", 2, 2));
        string features = writer.Node("Relu", "/model.0/act/Relu", [conv]);

        // The spatial mean and the weighted sum as Convs (a 32x32 depthwise kernel of 1/1024, then 1x1 to one output):
        // ONNX Runtime's ReduceMean and MatMul gave last-digit differences between runs whose buffers differed.
        int grid = InputSize / 2;
        var average = new float[Channels * grid * grid];
        Array.Fill(average, 1f / (grid * grid));
        string pooled = writer.Node("Conv", "/model.1/pool/Conv", [features, writer.FloatInitializer("/model.1/pool", [Channels, 1, grid, grid], average)], Ints("kernel_shape", grid, grid), Int("group", Channels));
        var mix = new float[Channels];
        for (int c = 0; c < Channels; c++)
        {
            mix[c] = c == ShortcutChannel ? ShortcutWeight : 0.02f;
        }

        string logit = writer.Node("Conv", "/model.1/mix/Conv", [pooled, writer.FloatInitializer("/model.1/mix", [1, Channels, 1, 1], mix), writer.FloatInitializer("/model.1/bias", [1], [Bias])], Ints("kernel_shape", 1, 1));
        string score = writer.Node("Sigmoid", "/model.1/Sigmoid", [logit]);
        string score3 = writer.Node("Reshape", "/model.1/Reshape", [score, writer.Int64Initializer("/model.1/score_shape", [3], [1, 1, 1])]);
        var onehot = new float[Anchors];
        onehot[Anchor] = 1f;
        string classRow = writer.Node("Mul", "/model.1/Mul", [writer.FloatInitializer("/model.1/onehot", [1, 1, Anchors], onehot), score3]);

        var boxes = new float[4 * Anchors];
        for (int a = 0; a < Anchors; a++)
        {
            boxes[a] = 32f;
            boxes[Anchors + a] = 32f;
            boxes[(2 * Anchors) + a] = 40f;
            boxes[(3 * Anchors) + a] = 40f;
        }

        writer.Node("Concat", "/model.1/Concat", [writer.FloatInitializer("/model.1/boxes", [1, 4, Anchors], boxes), classRow], [TinyYoloModelBuilder.OutputName], Int("axis", 1));

        var model = new ModelProto { IrVersion = 8, ProducerName = "pytorch", ProducerVersion = "2.5.0", Graph = writer.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        var options = new TinyYoloModelOptions { Family = TinyYoloFamily.AnchorGrid, ClassNames = ["melanoma"], InputHeight = InputSize, InputWidth = InputSize };
        foreach (var (key, value) in TinyYoloModelBuilder.MetadataFor(options))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }
}
