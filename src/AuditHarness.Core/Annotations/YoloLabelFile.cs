using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Text;

namespace AuditHarness.Core.Annotations;

/// <summary>
/// A YOLO label file (one <c>.txt</c> per image, as Ultralytics, CVAT, Label Studio and Roboflow export it): one shape a
/// line, <c>class cx cy w h</c> for a box or <c>class x1 y1 x2 y2 x3 y3 ...</c> for a segmentation polygon, every
/// coordinate normalised to [0, 1] by the image's width or height. Blank lines are skipped.
/// </summary>
public static class YoloLabelFile
{
    // Exporters round, so a corner at 1.0000001 is the image's edge, not an error.
    private const double Tolerance = 1e-6;

    /// <summary>
    /// The mask of the artifact classes' shapes in a <paramref name="width"/> x <paramref name="height"/> image
    /// (row-major, 255 = artifact), drawn by <see cref="MaskRasterizer"/>'s rule.
    /// </summary>
    /// <param name="names">The class names by index, needed only when <paramref name="classes"/> names a class.</param>
    /// <exception cref="AuditInputException">The file is missing, a line is malformed (named by number), or no line is of an artifact class.</exception>
    public static byte[] Draw(string path, int width, int height, ArtifactClasses classes, IReadOnlyDictionary<int, string>? names)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (!File.Exists(path))
        {
            throw new AuditInputException($"Label file '{path}' does not exist; expected a YOLO label file ('class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 ...' a line).");
        }

        if (classes.HasNames && names is not null)
        {
            foreach (string name in classes.Names.Where(n => !names.Values.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                throw new AuditInputException(
                    $"Artifact class '{name}' is not among the class names of label file '{path}' ({string.Join(", ", names.OrderBy(n => n.Key).Select(n => n.Value))}){NearestName.Suggestion(name, names.Values)}.");
            }
        }

        var mask = new byte[width * height];
        int drawn = 0;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            string where = $"Label file '{path}' line {lineNumber}";
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int classId))
            {
                throw new AuditInputException($"{where}: class '{fields[0]}' is not a class index (0, 1, ...); expected 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 ...'.");
            }

            int count = fields.Length - 1;
            if (count != 4 && (count < 6 || count % 2 != 0))
            {
                throw new AuditInputException($"{where}: {count} numbers after the class; expected 4 (a box: cx cy w h) or an even number from 6 (a polygon: x1 y1 x2 y2 x3 y3 ...).");
            }

            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                if (!double.TryParse(fields[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])
                    || values[i] < -Tolerance || values[i] > 1 + Tolerance)
                {
                    throw new AuditInputException($"{where}: '{fields[i + 1]}' is not a number in [0, 1]; YOLO labels are normalised by the image's width and height.");
                }
            }

            string? name = names is not null && names.TryGetValue(classId, out string? n) ? n : null;
            if (!classes.Matches(classId, name))
            {
                continue;
            }

            if (count == 4)
            {
                double cx = values[0] * width, cy = values[1] * height, w = values[2] * width, h = values[3] * height;
                MaskRasterizer.FillBox(mask, width, height, cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2));
            }
            else
            {
                MaskRasterizer.FillPolygon(mask, width, height, [.. values.Select((v, i) => i % 2 == 0 ? v * width : v * height)]);
            }

            drawn++;
        }

        if (drawn == 0)
        {
            throw new AuditInputException($"Label file '{path}' has no shape of the artifact classes {classes}; expected at least one line of those classes for each image of the dataset.");
        }

        return mask;
    }
}
