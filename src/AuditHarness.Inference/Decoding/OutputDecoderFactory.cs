using System.Diagnostics;
using System.Globalization;
using AuditHarness.Inference.Models;

namespace AuditHarness.Inference.Decoding;

/// <summary>Chooses the decoder for a model from its metadata first and its output shape second.</summary>
/// <remarks>
/// Shapes alone are ambiguous: a one-class YOLOv5 head is <c>[1,A,6]</c> like an end-to-end head, and a two-class
/// YOLOv8 head is <c>[1,6,A]</c>. So <c>end2end</c> decides when present, and <c>nc</c> comes from the names.
/// Dimensions may be negative (dynamic, as ONNX Runtime reports symbolic dimensions); only known ones are matched.
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
            return looksLikeYoloV5 ? OutputFamily.YoloV5 : OutputFamily.EndToEnd;
        }

        if (classCount > 0)
        {
            if (rows == AnchorGridDecoder.BoxChannels + classCount)
            {
                return OutputFamily.AnchorGrid;
            }

            return columns == YoloV5Decoder.LeadingValues + classCount ? OutputFamily.YoloV5 : null;
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
        return $"{found}; expected a YOLO detection head: [1,N,6] (end-to-end), [1,4+nc,A] (YOLOv8/11) or [1,A,5+nc] (YOLOv5), {classes}.";
    }
}
