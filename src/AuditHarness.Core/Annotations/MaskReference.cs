namespace AuditHarness.Core.Annotations;

/// <summary>
/// What a manifest's <c>mask</c> cell names, by its ending: <c>masks/a.png</c> (any image: a mask picture),
/// <c>labels/a.txt</c> (a YOLO label file), <c>coco.json</c> (a COCO file; the image is found by the pair image's file
/// name) or <c>coco.json#12</c> / <c>coco.json#a.jpg</c> (a COCO file and the image's id or file_name).
/// </summary>
/// <param name="File">The file named, without a <c>#</c> part.</param>
/// <param name="Kind">How the mask is obtained from it.</param>
/// <param name="ImageKey">For COCO: the image id or file name after <c>#</c>; null to match the pair image's file name.</param>
public sealed record MaskReference(string File, MaskReferenceKind Kind, string? ImageKey)
{
    public static MaskReference Parse(string mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int hash = mask.LastIndexOf(".json#", StringComparison.OrdinalIgnoreCase);
        if (hash >= 0)
        {
            string key = mask[(hash + ".json#".Length)..];
            return new MaskReference(mask[..(hash + ".json".Length)], MaskReferenceKind.Coco, key.Length == 0 ? null : key);
        }

        string extension = Path.GetExtension(mask).ToLowerInvariant();
        return extension switch
        {
            ".txt" => new MaskReference(mask, MaskReferenceKind.YoloLabels, null),
            ".json" => new MaskReference(mask, MaskReferenceKind.Coco, null),
            _ => new MaskReference(mask, MaskReferenceKind.Image, null),
        };
    }

    /// <summary>Whether the mask is drawn from annotations rather than read as a picture.</summary>
    public bool IsAnnotation => Kind != MaskReferenceKind.Image;
}
