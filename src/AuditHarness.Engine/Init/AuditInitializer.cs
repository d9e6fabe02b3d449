using System.Globalization;
using AuditHarness.Core.Annotations;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Inputs;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Core.Text;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using OpenCvSharp;

namespace AuditHarness.Engine.Init;

/// <summary>
/// <c>init</c>: checks that the model loads (one session, disposed at once) and which images read, then writes a
/// commented starter spec, a starter policy beside it and, with masks or labels, the manifest; for a logo insertion
/// without a logo, a starter logo. Clean images only make an insertion audit (the harness draws the artifact), masks or
/// labels a manifest audit. Existing files are refused without <see cref="InitRequest.Force"/>, before anything is written.
/// </summary>
public static class AuditInitializer
{
    /// <summary>The artifact types an insertion audit can draw, as spec files name them.</summary>
    public static IReadOnlyList<string> InsertableTypes { get; } = SpecEnum.Names<InsertedArtifactType>();

    public static InitResult Run(InitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string mode = CheckArguments(request);
        string specPath = Path.GetFullPath(request.Out);
        string folder = Path.GetDirectoryName(specPath)!;
        string name = NameOf(specPath);
        string policyPath = Path.Combine(folder, name + ".policy.json");
        string manifestPath = Path.Combine(folder, name + ".manifest.csv");
        string? logoPath = mode == "insertion" && ArtifactOf(request, mode) == "logo" && request.Logo is null
            ? Path.Combine(folder, name + ".logo.png")
            : null;
        List<string> toWrite = [specPath, policyPath];
        if (mode != "insertion")
        {
            toWrite.Add(manifestPath);
        }

        if (logoPath is not null)
        {
            toWrite.Add(logoPath);
        }

        RefuseExisting(toWrite, request.Force);

        StarterModel model = InspectModel(request.Model);
        string imagesFolder = Path.GetFullPath(request.Images);
        if (!Directory.Exists(imagesFolder))
        {
            throw new AuditInputException(File.Exists(imagesFolder)
                ? $"--images '{request.Images}' is a file; expected a folder of images."
                : $"--images '{request.Images}' does not exist; expected a folder of images.");
        }

        IReadOnlyList<string> images = ImageSource.Expand(imagesFolder);
        var problems = new List<string>();
        var readable = new List<(string Path, int Width, int Height)>();
        foreach (string image in images)
        {
            try
            {
                using Mat pixels = ImageFile.Read(image);
                readable.Add((image, pixels.Width, pixels.Height));
            }
            catch (AuditInputException ex)
            {
                // An insertion spec names the folder, so the file stays in the audit: say what the run will do with it.
                problems.Add(mode == "insertion"
                    ? $"unreadable: {ex.Message} The run will report it as an error row; remove it from the folder to leave it out."
                    : $"unreadable: {ex.Message} Left out.");
            }
        }

        if (readable.Count == 0)
        {
            throw new AuditInputException($"--images '{request.Images}': none of its {images.Count} images could be read; expected JPEG, PNG, BMP, TIFF or WebP files.");
        }

        string artifact = ArtifactOf(request, mode);
        List<ManifestRow> rows = mode switch
        {
            "masks" => MaskRows(request, readable, folder, artifact, problems),
            "labels" => LabelRows(request, readable, folder, artifact, problems),
            _ => [],
        };
        if (mode != "insertion" && rows.Count == 0)
        {
            string what = mode == "masks" ? $"a mask in --masks '{request.Masks}'" : $"a usable label in --labels '{request.Labels}'";
            throw new AuditInputException($"No image of --images '{request.Images}' has {what} (see the lines above); expected masks or labels named like the images.");
        }

        var written = new List<string>();
        StarterFiles files = new(folder, name, model, artifact, mode);
        if (logoPath is not null)
        {
            StarterLogo.Write(logoPath, readable.Min(r => Math.Min(r.Width, r.Height)));
        }

        string dataset = mode == "insertion"
            ? files.InsertionDataset(imagesFolder, artifact, request.Logo is null ? logoPath! : Path.GetFullPath(request.Logo), readable.Count)
            : files.ManifestDataset(manifestPath, rows.Count, request.ArtifactClasses, mode);
        if (mode != "insertion")
        {
            WriteManifest(manifestPath, rows);
        }

        StarterFiles.WriteText(policyPath, files.Policy());
        StarterFiles.WriteText(specPath, files.Spec(request.Model, dataset));
        written.Add(specPath);
        written.Add(policyPath);
        written.AddRange(toWrite.Skip(2));
        int pairs = mode == "insertion" ? images.Count : rows.Count;
        return new InitResult(model.Summary, model.Names, images.Count, problems, pairs, mode, written);
    }

    private static string CheckArguments(InitRequest request)
    {
        if (request.Masks is not null && request.Labels is not null)
        {
            throw new AuditInputException("--masks and --labels are both given; give --masks (PNG masks) or --labels (YOLO label files or a COCO JSON) with --artifact-classes, not both.");
        }

        if (request.Labels is not null && request.ArtifactClasses.Count == 0)
        {
            throw new AuditInputException("--labels needs --artifact-classes: the annotation classes that are artifacts, by name or index (e.g. --artifact-classes ruler,ink).");
        }

        if (request.Labels is null && request.ArtifactClasses.Count > 0)
        {
            throw new AuditInputException("--artifact-classes applies only with --labels (YOLO label files or a COCO JSON).");
        }

        string mode = request.Masks is not null ? "masks" : request.Labels is not null ? "labels" : "insertion";
        if (mode == "insertion" && request.Artifact is { } type && !InsertableTypes.Contains(type, StringComparer.Ordinal))
        {
            throw new AuditInputException(
                $"--artifact '{type}' is not an artifact type insertion can draw; expected one of {string.Join(", ", InsertableTypes)}{NearestName.Suggestion(type, InsertableTypes)} (with --masks or --labels any name is allowed).");
        }

        if (mode != "insertion" && request.Artifact is { } named && !NameRule.IsValid(named))
        {
            throw new AuditInputException($"--artifact '{named}' {NameRule.Allowed}.");
        }

        if (request.Logo is not null && (mode != "insertion" || ArtifactOf(request, mode) != "logo"))
        {
            throw new AuditInputException("--logo applies only to an insertion audit with --artifact logo.");
        }

        if (request.Logo is not null && !File.Exists(request.Logo))
        {
            throw new AuditInputException($"--logo '{request.Logo}' does not exist; expected a PNG (its alpha channel is the logo's shape) or another image.");
        }

        return mode;
    }

    private static string ArtifactOf(InitRequest request, string mode)
    {
        if (request.Artifact is { } given)
        {
            return given;
        }

        if (mode == "insertion")
        {
            return "ruler";
        }

        // One named artifact class names the rows; several (or indices) share one generic type.
        return request.ArtifactClasses is [var only] && NameRule.IsValid(only) && !int.TryParse(only, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? only
            : "artifact";
    }

    private static string NameOf(string specPath)
    {
        string file = Path.GetFileName(specPath);
        foreach (string ending in new[] { ".audit.json", ".json" })
        {
            if (file.EndsWith(ending, StringComparison.OrdinalIgnoreCase) && file.Length > ending.Length)
            {
                file = file[..^ending.Length];
                break;
            }
        }

        return InsertionPairs.IdFromFileName(file);
    }

    private static void RefuseExisting(IEnumerable<string> paths, bool force)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                throw new AuditInputException($"'{path}' is a folder; init writes a file there. Choose another --out.");
            }

            if (File.Exists(path) && !force)
            {
                throw new AuditInputException($"'{path}' exists; pass --force to overwrite it, or choose another --out.");
            }
        }
    }

    private static StarterModel InspectModel(string modelPath)
    {
        OpenCvRuntime.EnsureLoaded();
        using YoloModel model = YoloModel.Load(modelPath, new YoloModelOptions());
        IReadOnlyDictionary<int, string> names = model.Metadata.Names;
        // The SPPF block pools context over the whole image: the layer the starter policy watches, as the demo's does.
        string? pool = model.Modules.Modules.FirstOrDefault(m => m.Kind == ModuleKind.Pool)?.Name;
        string family = model.Family switch
        {
            Inference.Decoding.OutputFamily.EndToEnd => "end-to-end",
            _ => "anchor-grid",
        };
        string classes = names.Count == 0 ? "no class names" : $"{names.Count} classes";
        string summary = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(modelPath)}: {family} head, input {model.InputWidth}x{model.InputHeight}, {classes}");
        return new StarterModel(summary, names, pool, family, model.InputWidth, model.InputHeight);
    }

    private static List<ManifestRow> MaskRows(InitRequest request, List<(string Path, int Width, int Height)> images, string folder, string artifact, List<string> problems)
    {
        string masks = Path.GetFullPath(request.Masks!);
        if (!Directory.Exists(masks))
        {
            throw new AuditInputException($"--masks '{request.Masks}' {(File.Exists(masks) ? "is a file" : "does not exist")}; expected a folder of PNG masks named like the images.");
        }

        var byStem = Directory.EnumerateFiles(masks)
            .Where(f => ImageSource.ImageExtensions.Contains(Path.GetExtension(f)))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => Path.GetExtension(f).Equals(".png", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        var rows = new List<ManifestRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string image, int width, int height) in images)
        {
            if (!byStem.TryGetValue(Path.GetFileNameWithoutExtension(image), out string? mask))
            {
                problems.Add($"no mask: '{image}' has no {Path.GetFileNameWithoutExtension(image)}.png in '{masks}'; left out.");
                continue;
            }

            try
            {
                using ArtifactMask checkedMask = ArtifactMask.Load(mask, width, height, image);
            }
            catch (AuditInputException ex)
            {
                problems.Add($"bad mask: {ex.Message} Left out.");
                continue;
            }

            rows.Add(new ManifestRow(UniqueId(image, ids), Relative(folder, image), Relative(folder, mask), artifact));
        }

        return rows;
    }

    private static List<ManifestRow> LabelRows(InitRequest request, List<(string Path, int Width, int Height)> images, string folder, string artifact, List<string> problems)
    {
        string labels = Path.GetFullPath(request.Labels!);
        bool coco = labels.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (coco ? !File.Exists(labels) : !Directory.Exists(labels))
        {
            throw new AuditInputException($"--labels '{request.Labels}' {(File.Exists(labels) ? "is a file" : Directory.Exists(labels) ? "is a folder" : "does not exist")}; expected a folder of YOLO label files (<image name>.txt) or a COCO .json file.");
        }

        var drawer = new AnnotationMasks(new ArtifactClasses(request.ArtifactClasses), null);
        var rows = new List<ManifestRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string image, int width, int height) in images)
        {
            string file = coco ? labels : Path.Combine(labels, Path.GetFileNameWithoutExtension(image) + ".txt");
            if (!coco && !File.Exists(file))
            {
                problems.Add($"no label: '{image}' has no {Path.GetFileName(file)} in '{labels}'; left out.");
                continue;
            }

            try
            {
                byte[] drawn = drawer.Draw(MaskReference.Parse(file), image, width, height);
                if (!drawn.Contains((byte)255))
                {
                    problems.Add($"bad label: the artifact shapes of '{file}' cover no pixel of '{image}'; left out.");
                    continue;
                }
            }
            catch (AuditInputException ex)
            {
                problems.Add($"bad label: {ex.Message} Left out.");
                continue;
            }

            rows.Add(new ManifestRow(UniqueId(image, ids), Relative(folder, image), Relative(folder, file), artifact));
        }

        return rows;
    }

    private static string UniqueId(string image, HashSet<string> taken)
    {
        string id = InsertionPairs.IdFromFileName(Path.GetFileNameWithoutExtension(image));
        string unique = id;
        for (int n = 2; !taken.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{id}-{n}");
        }

        return unique;
    }

    /// <summary>A path as spec and manifest write it: relative to their folder with forward slashes, or absolute when the two share no folder but the root.</summary>
    internal static string Relative(string folder, string path)
    {
        string relative = Path.GetRelativePath(folder, path);
        int up = relative.Split(Path.DirectorySeparatorChar).TakeWhile(s => s == "..").Count();
        int depth = Path.GetFullPath(folder).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Length;
        return Path.IsPathRooted(relative) || (up > 0 && up >= depth) ? Path.GetFullPath(path) : relative.Replace('\\', '/');
    }

    private static void WriteManifest(string path, List<ManifestRow> rows)
    {
        var text = new System.Text.StringBuilder("pair_id,image,mask,artifact_type\n");
        foreach (ManifestRow row in rows)
        {
            text.Append(string.Join(',', new[] { row.PairId, row.Image, row.Mask, row.ArtifactType }.Select(Cell))).Append('\n');
        }

        StarterFiles.WriteText(path, text.ToString());
    }

    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private sealed record ManifestRow(string PairId, string Image, string Mask, string ArtifactType);
}
