namespace AuditHarness.Tests.TestModels;

/// <summary>The output layout of a tiny test detector, one per YOLO output family.</summary>
public enum TinyYoloFamily
{
    /// <summary><c>[1, N, 6]</c> rows <c>x1, y1, x2, y2, score, class_id</c> (YOLO26, YOLOv10, <c>end2end</c>).</summary>
    EndToEnd,

    /// <summary><c>[1, 4 + nc, A]</c>: <c>cx, cy, w, h</c> then class scores per anchor column (YOLOv8, YOLO11).</summary>
    AnchorGrid,

    /// <summary><c>[1, A, 5 + nc]</c>: <c>cx, cy, w, h, objectness</c> then class scores per row (YOLOv5 repository export).</summary>
    YoloV5,
}
