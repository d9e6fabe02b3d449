namespace AuditHarness.Inference.Decoding;

/// <summary>The layouts of YOLO detection outputs the harness decodes.</summary>
public enum OutputFamily
{
    /// <summary><c>[1,N,6]</c> rows x1, y1, x2, y2, score, class, already de-duplicated (YOLO26, YOLOv10).</summary>
    EndToEnd,

    /// <summary><c>[1,4+nc,A]</c>: cx, cy, w, h and one score per class for each anchor column (YOLOv8, YOLO11).</summary>
    AnchorGrid,

    /// <summary><c>[1,A,5+nc]</c> rows cx, cy, w, h, objectness, class scores (YOLOv5 repository exports).</summary>
    YoloV5,
}
