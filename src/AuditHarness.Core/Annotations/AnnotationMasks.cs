using System.Collections.Concurrent;
using AuditHarness.Core.Errors;

namespace AuditHarness.Core.Annotations;

/// <summary>
/// Draws the masks that manifest rows name as annotation files (<see cref="MaskReference"/>) for one run: each COCO
/// file and each class names file is read once and shared by the pairs (which run on several threads).
/// </summary>
/// <param name="classes">The artifact classes (<c>dataset.artifactClasses</c>); null when the spec names none.</param>
/// <param name="classNamesFile">A classes.txt or data.yaml for YOLO labels (<c>dataset.classNames</c>); null to look beside each label file.</param>
public sealed class AnnotationMasks(ArtifactClasses? classes, string? classNamesFile)
{
    private readonly ConcurrentDictionary<string, Lazy<CocoAnnotationFile>> _coco = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<int, string>>> _names = new(StringComparer.Ordinal);

    /// <summary>The mask of <paramref name="imagePath"/> (row-major, 255 = artifact) drawn from the annotation file <paramref name="reference"/> names.</summary>
    /// <exception cref="AuditInputException">No artifact classes, or the file is missing, malformed or has no artifact shape for the image.</exception>
    public byte[] Draw(MaskReference reference, string imagePath, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArtifactClasses artifactClasses = classes ?? throw new AuditInputException(
            $"Mask '{reference.File}' is an annotation file; name the classes that are artifacts in dataset.artifactClasses (class names or indices, e.g. [\"ruler\"]).");
        switch (reference.Kind)
        {
            case MaskReferenceKind.YoloLabels:
                IReadOnlyDictionary<int, string>? names = null;
                if (artifactClasses.HasNames)
                {
                    string namesFile = classNamesFile ?? ClassNames.FindFor(reference.File) ?? throw new AuditInputException(
                        $"Label file '{reference.File}' has class indices, and dataset.artifactClasses names classes ({artifactClasses}), but no {string.Join(" or ", ClassNames.FileNames)} was found beside it or up to two folders up; give dataset.classNames or name the classes by index.");
                    names = _names.GetOrAdd(namesFile, f => new Lazy<IReadOnlyDictionary<int, string>>(() => ClassNames.Read(f))).Value;
                }

                return YoloLabelFile.Draw(reference.File, width, height, artifactClasses, names);
            case MaskReferenceKind.Coco:
                CocoAnnotationFile coco = _coco.GetOrAdd(reference.File, f => new Lazy<CocoAnnotationFile>(() => CocoAnnotationFile.Read(f))).Value;
                return coco.Draw(coco.ImageId(reference.ImageKey ?? Path.GetFileName(imagePath)), width, height, artifactClasses);
            default:
                throw new ArgumentException($"'{reference.File}' is a mask picture, not an annotation file.", nameof(reference));
        }
    }
}
