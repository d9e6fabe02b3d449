namespace AuditHarness.Core.Annotations;

/// <summary>The kinds of file a manifest's <c>mask</c> cell can name (<see cref="MaskReference"/>).</summary>
public enum MaskReferenceKind
{
    /// <summary>A mask picture (PNG and the like; nonzero = artifact).</summary>
    Image,

    /// <summary>A YOLO label file (<c>.txt</c>).</summary>
    YoloLabels,

    /// <summary>A COCO annotation file (<c>.json</c>, optionally <c>#image-id</c> or <c>#file_name</c>).</summary>
    Coco,
}
