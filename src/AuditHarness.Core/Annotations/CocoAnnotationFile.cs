using System.Globalization;
using System.Text.Json;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Text;

namespace AuditHarness.Core.Annotations;

/// <summary>
/// A COCO annotation file (<c>images</c>, <c>categories</c>, <c>annotations</c>), as CVAT, Label Studio and Roboflow
/// export it. An annotation's shape is its <c>segmentation</c>: polygons (<c>[[x1, y1, x2, y2, ...], ...]</c>, pixels)
/// or a run-length encoding (<c>{"counts": [...] or "...", "size": [h, w]}</c>, uncompressed or pycocotools'
/// compressed string); without one, its <c>bbox</c> (<c>[x, y, w, h]</c>). Read once, then drawn image by image.
/// </summary>
public sealed class CocoAnnotationFile
{
    private readonly Dictionary<long, CocoImage> _imagesById = [];
    private readonly Dictionary<long, string> _categories = [];
    private readonly Dictionary<long, List<JsonElement>> _annotationsByImage = [];
    private readonly JsonElement _root;

    private CocoAnnotationFile(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <exception cref="AuditInputException">Missing, not JSON (naming line and position), or without the COCO lists.</exception>
    public static CocoAnnotationFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"COCO file '{path}' does not exist; expected a COCO annotation JSON (images, categories, annotations).");
        }

        JsonElement root;
        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            root = document.RootElement.Clone(); // a copy that outlives the document, so nothing is left to dispose
        }
        catch (JsonException ex)
        {
            throw new AuditInputException($"COCO file '{path}' is not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}.", ex);
        }

        var file = new CocoAnnotationFile(path, root);
        file.Index();
        return file;
    }

    /// <summary>The image an image key names: a number is an image <c>id</c>, anything else a <c>file_name</c> (or its last part).</summary>
    /// <exception cref="AuditInputException">No image or several match.</exception>
    public long ImageId(string key)
    {
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return _imagesById.ContainsKey(id) ? id : throw new AuditInputException($"COCO file '{Path}' has no image with id {id}.");
        }

        long[] matches = [.. _imagesById.Values.Where(i => i.FileName == key).Select(i => i.Id)];
        if (matches.Length == 0)
        {
            matches = [.. _imagesById.Values.Where(i => System.IO.Path.GetFileName(i.FileName) == key).Select(i => i.Id)];
        }

        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new AuditInputException($"COCO file '{Path}' has no image with file_name '{key}'{NearestName.Suggestion(key, _imagesById.Values.Select(i => System.IO.Path.GetFileName(i.FileName)))}."),
            _ => throw new AuditInputException($"COCO file '{Path}' has {matches.Length} images with file_name '{key}'; name one by id (file.json#id)."),
        };
    }

    /// <summary>The mask of the artifact classes' annotations on image <paramref name="imageId"/> (row-major, 255 = artifact).</summary>
    /// <exception cref="AuditInputException">The image's size differs, a class name is unknown, an annotation is malformed (named by id), or none is of an artifact class.</exception>
    public byte[] Draw(long imageId, int width, int height, ArtifactClasses classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        CocoImage image = _imagesById[imageId];
        if (image.Width is { } w && image.Height is { } h && (w != width || h != height))
        {
            throw new AuditInputException($"COCO file '{Path}' gives image {imageId} ('{image.FileName}') as {w}x{h}; the image is {width}x{height}.");
        }

        foreach (string name in classes.Names.Where(n => !_categories.Values.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            throw new AuditInputException(
                $"Artifact class '{name}' is not a category of COCO file '{Path}' ({string.Join(", ", _categories.OrderBy(c => c.Key).Select(c => c.Value))}){NearestName.Suggestion(name, _categories.Values)}.");
        }

        var mask = new byte[width * height];
        int drawn = 0;
        foreach (JsonElement annotation in _annotationsByImage.GetValueOrDefault(imageId) ?? [])
        {
            string where = $"COCO file '{Path}' annotation {Describe(annotation)}";
            long category = Integer(annotation, "category_id", where);
            if (!classes.Matches((int)Math.Clamp(category, int.MinValue, int.MaxValue), _categories.GetValueOrDefault(category)))
            {
                continue;
            }

            try
            {
                DrawAnnotation(annotation, mask, width, height);
            }
            catch (FormatException ex)
            {
                throw new AuditInputException($"{where}: {ex.Message}", ex);
            }

            drawn++;
        }

        if (drawn == 0)
        {
            throw new AuditInputException($"COCO file '{Path}' has no annotation of the artifact classes {classes} on image {imageId} ('{image.FileName}'); expected at least one.");
        }

        return mask;
    }

    private static void DrawAnnotation(JsonElement annotation, byte[] mask, int width, int height)
    {
        if (annotation.TryGetProperty("segmentation", out JsonElement segmentation)
            && !(segmentation.ValueKind == JsonValueKind.Array && segmentation.GetArrayLength() == 0))
        {
            if (segmentation.ValueKind == JsonValueKind.Object)
            {
                DrawRuns(segmentation, mask, width, height);
                return;
            }

            if (segmentation.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("segmentation is neither a list of polygons nor a run-length encoding object.");
            }

            foreach (JsonElement polygon in segmentation.EnumerateArray())
            {
                double[] xy = Numbers(polygon, "a segmentation polygon");
                if (xy.Length < 6 || xy.Length % 2 != 0)
                {
                    throw new FormatException($"a segmentation polygon has {xy.Length} numbers; expected x,y pairs of at least 3 corners.");
                }

                MaskRasterizer.FillPolygon(mask, width, height, xy);
            }

            return;
        }

        if (!annotation.TryGetProperty("bbox", out JsonElement bbox))
        {
            throw new FormatException("has neither segmentation nor bbox.");
        }

        double[] box = Numbers(bbox, "bbox");
        if (box.Length != 4 || box[2] < 0 || box[3] < 0)
        {
            throw new FormatException("bbox must be [x, y, width, height] with width and height 0 or more.");
        }

        MaskRasterizer.FillBox(mask, width, height, box[0], box[1], box[0] + box[2], box[1] + box[3]);
    }

    private static void DrawRuns(JsonElement rle, byte[] mask, int width, int height)
    {
        if (!rle.TryGetProperty("size", out JsonElement size) || Numbers(size, "size") is not [double h, double w])
        {
            throw new FormatException("a run-length encoding needs size [height, width].");
        }

        if (h != height || w != width)
        {
            throw new FormatException($"the run-length encoding's size is {w}x{h}; the image is {width}x{height}.");
        }

        if (!rle.TryGetProperty("counts", out JsonElement counts))
        {
            throw new FormatException("a run-length encoding needs counts.");
        }

        long[] runs = counts.ValueKind switch
        {
            JsonValueKind.Array => [.. Numbers(counts, "counts").Select(c => c == Math.Floor(c) ? (long)c : throw new FormatException($"counts holds {c}; expected whole numbers."))],
            JsonValueKind.String => CompressedRuns.Decode(counts.GetString()!),
            _ => throw new FormatException("counts must be a list of run lengths or a compressed string."),
        };
        MaskRasterizer.FillRuns(mask, width, height, runs);
    }

    private static double[] Numbers(JsonElement list, string what)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{what} must be a list of numbers.");
        }

        return [.. list.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())
            ? v.GetDouble()
            : throw new FormatException($"{what} holds {JsonText(v)}; expected numbers."))];
    }

    private void Index()
    {
        JsonElement root = _root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AuditInputException($"COCO file '{Path}' is not a JSON object; expected images, categories and annotations.");
        }

        foreach (JsonElement image in List(root, "images"))
        {
            string where = $"COCO file '{Path}' image {Describe(image)}";
            long id = Integer(image, "id", where);
            string fileName = image.TryGetProperty("file_name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()!
                : throw new AuditInputException($"{where}: file_name is missing; expected the image's file name.");
            int? width = image.TryGetProperty("width", out JsonElement w) && w.TryGetInt32(out int wv) ? wv : null;
            int? height = image.TryGetProperty("height", out JsonElement h) && h.TryGetInt32(out int hv) ? hv : null;
            if (!_imagesById.TryAdd(id, new CocoImage(id, fileName, width, height)))
            {
                throw new AuditInputException($"{where}: image id {id} appears more than once.");
            }
        }

        foreach (JsonElement category in List(root, "categories"))
        {
            string where = $"COCO file '{Path}' category {Describe(category)}";
            long id = Integer(category, "id", where);
            _categories[id] = category.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()!
                : throw new AuditInputException($"{where}: name is missing.");
        }

        foreach (JsonElement annotation in List(root, "annotations"))
        {
            long image = Integer(annotation, "image_id", $"COCO file '{Path}' annotation {Describe(annotation)}");
            if (!_annotationsByImage.TryGetValue(image, out List<JsonElement>? list))
            {
                _annotationsByImage[image] = list = [];
            }

            list.Add(annotation);
        }
    }

    private IEnumerable<JsonElement> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : throw new AuditInputException($"COCO file '{Path}' has no list '{name}'; expected a COCO annotation JSON (images, categories, annotations).");

    private static long Integer(JsonElement element, string name, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long result)
            ? result
            : throw new AuditInputException($"{where}: {name} is missing or not a whole number.");

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out JsonElement id) ? $"id {JsonText(id)}" : JsonText(element);

    private static string JsonText(JsonElement element)
    {
        string raw = element.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private sealed record CocoImage(long Id, string FileName, int? Width, int? Height);
}
