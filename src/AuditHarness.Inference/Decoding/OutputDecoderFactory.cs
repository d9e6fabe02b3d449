using System.Diagnostics;
using System.Globalization;
using AuditHarness.Inference.Models;

namespace AuditHarness.Inference.Decoding;

/// <summary>Chooses the decoder for a model from its metadata first and its output shape second.</summary>
/// <remarks>
/// Shapes alone are ambiguous: a one-class YOLOv5 head is <c>[1,A,6]</c> like an end-to-end head, and a two-class
/// YOLOv8 head is <c>[1,6,A]</c>. So <c>end2end</c> decides when present, and <c>nc</c> comes from the names.
/// Dimensions may be negative (dynamic, as ONNX Runtime reports symbolic dimensions); only known ones are matched.
/// A shape that fits no head is refused, never decoded by a guessed one.
/// </remarks>
public static class OutputDecoderFactory
{
    /// <exception cref="UnsupportedModelException">The task is not detection, or the shape fits no known YOLO head.</exception>
    public static IOutputDecoder Create(IReadOnlyList<int> outputShape, YoloMetadata metadata, string modelDisplayName) =>
        Create(outputShape, metadata, modelDisplayName, outputName: null);

    /// <param name="outputName">The output's name in the graph, used in messages.</param>
    /// <exception cref="UnsupportedModelException">The task is not detection, or the shape fits no known YOLO head.</exception>
    public static IOutputDecoder Create(
        IReadOnlyList<int> outputShape, YoloMetadata metadata, string modelDisplayName, string? outputName)
    {
        ArgumentNullException.ThrowIfNull(outputShape);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(modelDisplayName);

        (metadata with { ModelDisplayName = modelDisplayName }).EnsureDetector();
        OutputFamily family = Choose(outputShape, metadata)
            ?? throw new UnsupportedModelException(Describe(outputShape, metadata, modelDisplayName, outputName));
        return family switch
        {
            OutputFamily.EndToEnd => new EndToEndDecoder(),
            OutputFamily.AnchorGrid => new AnchorGridDecoder(),
            OutputFamily.YoloV5 => new YoloV5Decoder(),
            // A new family must get its own arm, not fall through to another family's decoder.
            _ => throw new UnreachableException($"Output family {family} has no decoder."),
        };
    }

    private static OutputFamily? Choose(IReadOnlyList<int> shape, YoloMetadata metadata)
    {
        // Batch 1, or a dynamic batch the caller will run with 1.
        if (shape.Count != 3 || shape[0] is not (1 or < 0))
        {
            return null;
        }

        int rows = shape[1];
        int columns = shape[2];
        int classCount = metadata.Names.Count;
        if (metadata.EndToEnd == true)
        {
            return columns == EndToEndDecoder.RowLength ? OutputFamily.EndToEnd : null;
        }

        if (metadata.EndToEnd is null && columns == EndToEndDecoder.RowLength)
        {
            // YOLOv5-repository exports write only stride and names, never task or version; a one-class one is [1,A,6].
            bool looksLikeYoloV5 = classCount == 1 && metadata.Task is null && metadata.Version is null;
            if (looksLikeYoloV5)
            {
                return IsYoloV5(rows, columns, classCount) ? OutputFamily.YoloV5 : null;
            }

            return OutputFamily.EndToEnd;
        }

        if (classCount > 0)
        {
            if (IsAnchorGrid(rows, columns, classCount))
            {
                return OutputFamily.AnchorGrid;
            }

            return IsYoloV5(rows, columns, classCount) ? OutputFamily.YoloV5 : null;
        }

        // Without names, the class axis is the shorter one: a few dozen classes against thousands of anchors.
        if (rows > AnchorGridDecoder.BoxChannels && columns > rows)
        {
            return OutputFamily.AnchorGrid;
        }

        if (columns > YoloV5Decoder.LeadingValues && rows > columns)
        {
            return OutputFamily.YoloV5;
        }

        return null;
    }

    // Both grid heads have one entry per anchor: 21 (YOLOv8/11) or 63 (YOLOv5, three anchors a cell) per 32x32 pixels
    // of input, so thousands at usual sizes, against 4+nc or 5+nc values per anchor. So the anchor axis is the longer
    // one, as the rule for models without names already assumes; requiring it with names too keeps a shape that only
    // shares a row length with a head (such as [1,3,7] for two classes) from being decoded as that head, and makes
    // the two grid heads exclusive ([1,6,7] cannot be both). With a dynamic anchor axis only the known dimension is matched.
    private static bool IsAnchorGrid(int rows, int columns, int classCount) =>
        rows == AnchorGridDecoder.BoxChannels + classCount && (columns < 0 || columns > rows);

    private static bool IsYoloV5(int rows, int columns, int classCount) =>
        columns == YoloV5Decoder.LeadingValues + classCount && (rows < 0 || rows > columns);

    private static string Describe(IReadOnlyList<int> shape, YoloMetadata metadata, string model, string? outputName)
    {
        string output = outputName is null ? "output" : $"output '{outputName}'";
        string found = $"Model '{model}' {output} has shape {DecoderArguments.Format(shape)}";
        if (metadata.EndToEnd == true)
        {
            return $"{found}; its metadata says end2end=True, which needs a [1,N,6] end-to-end head.";
        }

        string classes = metadata.Names.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"nc = {metadata.Names.Count} from metadata names")
            : "nc unknown (the metadata has no names)";
        return $"{found}; expected a YOLO detection head: [1,N,6] (end-to-end), [1,4+nc,A] with A > 4+nc (YOLOv8/11) "
            + $"or [1,A,5+nc] with A > 5+nc (YOLOv5), {classes}.";
    }
}
