namespace AuditHarness.Inference.Models;

/// <summary>
/// Every class's score at every anchor of one prediction, as the head computed them before choosing detections: what
/// the class-conditional score drop reads at an original detection's anchor in a variant image. A view over the
/// model's output (or a tapped tensor); with prediction buffers it is valid until they run the next prediction.
/// </summary>
public sealed class AnchorClassScores
{
    private readonly float[] _values;
    private readonly int _offset;
    private readonly int _anchorStride;
    private readonly int _classStride;
    private readonly int _objectnessOffset;

    private AnchorClassScores(float[] values, int anchors, int classes, int offset, int anchorStride, int classStride, int objectnessOffset)
    {
        _values = values;
        Anchors = anchors;
        Classes = classes;
        _offset = offset;
        _anchorStride = anchorStride;
        _classStride = classStride;
        _objectnessOffset = objectnessOffset;
    }

    public int Anchors { get; }

    public int Classes { get; }

    /// <summary>A <c>[1,4+nc,A]</c> output (YOLOv8/11): the score of class c at anchor a is at <c>(4+c)*A + a</c>.</summary>
    public static AnchorClassScores AnchorGrid(float[] output, int anchors, int classes) =>
        new(output, anchors, classes, 4 * anchors, 1, anchors, -1);

    /// <summary>A <c>[1,A,5+nc]</c> output (YOLOv5): objectness times the class score, as the decoder scores a row.</summary>
    public static AnchorClassScores YoloV5(float[] output, int anchors, int classes) =>
        new(output, anchors, classes, 5, 5 + classes, 1, 4);

    /// <summary>A tapped score tensor, <c>[1,A,nc]</c> (<paramref name="classMajor"/> false) or <c>[1,nc,A]</c>.</summary>
    public static AnchorClassScores Tensor(float[] values, int anchors, int classes, bool classMajor) =>
        classMajor ? new(values, anchors, classes, 0, 1, anchors, -1) : new(values, anchors, classes, 0, classes, 1, -1);

    /// <summary>The score of <paramref name="classId"/> at <paramref name="anchor"/>; NaN when either is out of range.</summary>
    public float Score(int anchor, int classId)
    {
        if (anchor < 0 || anchor >= Anchors || classId < 0 || classId >= Classes)
        {
            return float.NaN;
        }

        float score = _values[_offset + (anchor * _anchorStride) + (classId * _classStride)];
        return _objectnessOffset < 0 ? score : score * _values[(anchor * _anchorStride) + _objectnessOffset];
    }
}
