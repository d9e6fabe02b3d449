using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Specs;

/// <summary>
/// Checks a parsed <see cref="AuditSpec"/>: ranges (from <see cref="AuditSpecOptions"/>), that files and folders
/// exist, that fields fit together (masking method and dataset kind, type-specific artifact fields, the policy's
/// layers among the taps) and the policy itself. Returns every error; a host stops on the critical ones.
/// Works on any <see cref="AuditSpec"/>, so values overridden on the command line are checked the same way.
/// </summary>
public static partial class SpecValidator
{
    public static IReadOnlyList<ValidationError> Validate(AuditSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidationSink sink = new(spec.Source.Text);

        ValidateName(spec.Name, "name", sink);
        ValidateModels(spec.Models, sink);
        ValidateTaps(spec.Taps, sink);
        ValidateDataset(spec, sink);

        Range(AuditSpecOptions.MaskingInpaintRadius, spec.Masking.InpaintRadius, sink);
        Range(AuditSpecOptions.MaskingDilate, spec.Masking.Dilate, sink);
        Range(AuditSpecOptions.PlaceboPerPair, spec.Placebo.PerPair, sink);
        Range(AuditSpecOptions.PlaceboSeed, spec.Placebo.Seed, sink);
        Range(AuditSpecOptions.PlaceboMargin, spec.Placebo.Margin, sink);
        Range(AuditSpecOptions.PlaceboMaxAttempts, spec.Placebo.MaxAttempts, sink);
        Range(AuditSpecOptions.PredictionConfidence, spec.Prediction.Confidence, sink);
        Range(AuditSpecOptions.PredictionIou, spec.Prediction.Iou, sink);
        Range(AuditSpecOptions.PredictionMatchIou, spec.Prediction.MatchIou, sink);
        Range(AuditSpecOptions.MaxErrorRate, spec.MaxErrorRate, sink);
        Range(AuditSpecOptions.DatasetMaxPixels, spec.MaxPixels, sink);
        Range(AuditSpecOptions.BootstrapResamples, spec.Bootstrap.Resamples, sink);
        Range(AuditSpecOptions.BootstrapSeed, spec.Bootstrap.Seed, sink);
        Range(AuditSpecOptions.BootstrapConfidence, spec.Bootstrap.Confidence, sink);
        Range(AuditSpecOptions.BootstrapLargeSampleClusters, spec.Bootstrap.LargeSampleClusters, sink);
        if (spec.Trace is { } trace)
        {
            Range(AuditSpecOptions.TraceRandomDraws, trace.RandomDraws, sink);
            Range(AuditSpecOptions.TraceSeed, trace.Seed, sink);
        }

        if (spec.Bootstrap.Resamples is >= 100 and < 1000)
        {
            sink.Warning("bootstrap.resamples", $"bootstrap.resamples {spec.Bootstrap.Resamples} gives unstable confidence intervals; 10000 is the default.");
        }

        if (File.Exists(spec.Output.FullPath))
        {
            sink.Critical("output", $"output '{spec.Output.Text}' is a file; expected a folder.");
        }

        ValidatePolicy(spec, sink);
        return sink.Errors;
    }

    private static void ValidateName(string name, string field, ValidationSink sink)
    {
        if (!NameRule.IsValid(name))
        {
            sink.Critical(field, $"{field} '{name}' {NameRule.Allowed}; it names output folders.");
        }
    }

    private static void ValidateModels(IReadOnlyList<AuditedModel> models, ValidationSink sink)
    {
        if (models.Count == 0)
        {
            sink.Critical("models", "models must list at least one model.");
        }
        else if (models.All(m => m.Role == ModelRole.Reference))
        {
            // Reference models decide nothing, so an audit of references only would pass whatever they did.
            sink.Critical("models", $"models are all role '{SpecEnum.Name(ModelRole.Reference)}'; at least one must be '{SpecEnum.Name(ModelRole.Audited)}' (the model being judged), or the audit could decide nothing.");
        }

        Dictionary<string, int> firstIndexOfName = new(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < models.Count; i++)
        {
            string prefix = models.Count == 1 && models[i].Name == Path.GetFileNameWithoutExtension(models[i].Path.Text) ? "model" : $"models[{i}]";
            string pathField = prefix == "model" ? "model" : prefix + ".path";
            ValidateName(models[i].Name, prefix == "model" ? "model (its file name)" : prefix + ".name", sink);
            if (!firstIndexOfName.TryAdd(models[i].Name, i))
            {
                sink.Critical(prefix + ".name", $"{prefix}.name '{models[i].Name}' is already used by models[{firstIndexOfName[models[i].Name]}].");
            }

            RequireFile(models[i].Path, pathField, sink);
            if (!string.Equals(Path.GetExtension(models[i].Path.FullPath), ".onnx", StringComparison.OrdinalIgnoreCase))
            {
                sink.Critical(pathField, $"{pathField} '{models[i].Path.Text}' is not an ONNX file; expected a path ending in .onnx.");
            }
        }
    }

    private static void ValidateTaps(IReadOnlyList<string> taps, ValidationSink sink)
    {
        foreach (string duplicate in taps.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            sink.Warning("taps", $"taps lists '{duplicate}' more than once.");
        }
    }

    private static void ValidateDataset(AuditSpec spec, ValidationSink sink)
    {
        switch (spec.Dataset)
        {
            case ManifestDataset manifest:
                ValidateManifest(manifest, spec.Masking.Method, sink);
                break;
            case InsertionDataset insertion:
                ValidateInsertion(insertion, spec.Masking.Method, sink);
                break;
            default:
                sink.Critical("dataset", "dataset must have exactly one of manifest or insertion.");
                break;
        }
    }

    private static void ValidateManifest(ManifestDataset dataset, MaskingMethod method, ValidationSink sink)
    {
        ValidateAnnotations(dataset.Annotations, sink);
        const string field = "dataset.manifest";
        if (!RequireFile(dataset.Manifest, field, sink))
        {
            return;
        }

        string? header = File.ReadLines(dataset.Manifest.FullPath).FirstOrDefault();
        IEnumerable<string> required = method.ReadsMaskedImage()
            ? [.. ManifestDataset.RequiredColumns, ManifestDataset.CounterfactualColumn]
            : ManifestDataset.RequiredColumns;
        if (string.IsNullOrWhiteSpace(header))
        {
            string what = header is null ? "is empty (0 bytes or no line)" : "starts with an empty line";
            sink.Critical(field, $"{field} '{dataset.Manifest.Text}' {what}; expected a header line with the columns {string.Join(",", required)}.");
            return;
        }

        HashSet<string> columns = [.. header.Split(',').Select(c => c.Trim().Trim('"'))];
        foreach (string column in required.Where(c => !columns.Contains(c)))
        {
            string why = column == ManifestDataset.CounterfactualColumn ? $"needed by masking.method {SpecEnum.Name(method)}" : "needed by every audit";
            sink.Critical(field, $"{field} '{dataset.Manifest.Text}' has no column {column} ({why}); its header is: {header}");
        }
    }

    private static void ValidateAnnotations(MaskAnnotations annotations, ValidationSink sink)
    {
        if (annotations.Labels is { } labels)
        {
            bool isCoco = labels.FullPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (isCoco ? !File.Exists(labels.FullPath) : !Directory.Exists(labels.FullPath))
            {
                string expected = isCoco ? "a COCO JSON file" : "a folder of YOLO label files (or a COCO .json file)";
                string what = File.Exists(labels.FullPath) ? "is a file" : Directory.Exists(labels.FullPath) ? "is a folder" : "does not exist";
                sink.Critical("dataset.labels", $"dataset.labels '{labels.Text}' {what}; expected {expected}.");
            }

            if (annotations.ArtifactClasses.Count == 0)
            {
                sink.Critical("dataset.artifactClasses", "dataset.artifactClasses is required with dataset.labels: the classes drawn into the mask, by name or index (e.g. [\"ruler\", \"ink\"]).");
            }
        }

        if (annotations.ClassNames is { } classNames)
        {
            RequireFile(classNames, "dataset.classNames", sink);
        }
    }

    private static void ValidateInsertion(InsertionDataset dataset, MaskingMethod method, ValidationSink sink)
    {
        // The clean original is a true counterfactual of the painted image, so counterfactual is allowed; given names
        // a dataset's own masked image, which insertion does not have.
        if (method == MaskingMethod.Given)
        {
            sink.Critical("masking.method", "masking.method given reads the dataset's own masked image from a manifest, but dataset.insertion has none; use counterfactual (the clean original), inpaint-telea, inpaint-ns, fill-mean or blur.");
        }

        ValidateOriginals(dataset, sink);
        ArtifactInsertion artifact = dataset.Artifact;
        const string prefix = "dataset.insertion.artifact.";
        string type = SpecEnum.Name(artifact.Type);
        if (artifact.Type == InsertedArtifactType.Watermark && string.IsNullOrWhiteSpace(artifact.Text))
        {
            sink.Critical(prefix + "text", $"{prefix}text is required for type watermark.");
        }
        else if (artifact.Type != InsertedArtifactType.Watermark && artifact.Text is not null)
        {
            sink.Critical(prefix + "text", $"{prefix}text applies only to type watermark; type is {type}.");
        }

        if (artifact.Type == InsertedArtifactType.Logo)
        {
            if (artifact.Logo is null)
            {
                sink.Critical(prefix + "logo", $"{prefix}logo is required for type logo.");
            }
            else
            {
                RequireFile(artifact.Logo, prefix + "logo", sink);
            }
        }
        else if (artifact.Logo is not null)
        {
            sink.Critical(prefix + "logo", $"{prefix}logo applies only to type logo; type is {type}.");
        }

        if (artifact.Type == InsertedArtifactType.Ruler && artifact.Position == ArtifactPosition.Center)
        {
            sink.Critical(prefix + "position", $"{prefix}position center does not apply to a ruler, which lies along an edge; top-left and top-right draw it along the top edge, bottom-left and bottom-right along the bottom.");
        }

        Range(AuditSpecOptions.ArtifactFontScale, artifact.FontScale, sink);
        Range(AuditSpecOptions.ArtifactOpacity, artifact.Opacity, sink);
    }

    private static void ValidateOriginals(InsertionDataset dataset, ValidationSink sink)
    {
        const string field = "dataset.insertion.originals";
        SpecPath originals = dataset.Originals;
        if (!dataset.OriginalsIsPattern && File.Exists(originals.FullPath))
        {
            sink.Critical(field, $"{field} '{originals.Text}' is a file; expected a folder of images or a pattern such as originals/*.jpg.");
            return;
        }

        if (dataset.OriginalsIsPattern && Path.GetDirectoryName(originals.FullPath)!.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            sink.Critical(field, $"{field} '{originals.Text}' may use wildcards only in the file name, e.g. originals/*.jpg.");
            return;
        }

        try
        {
            // The same expansion the engine uses, so a spec that validates has at least one pair.
            InsertionPairs.Expand(originals);
        }
        catch (AuditInputException ex)
        {
            sink.Critical(field, ex.Message);
        }
    }

    private static void ValidatePolicy(AuditSpec spec, ValidationSink sink)
    {
        PolicyReference reference = spec.Policy;
        sink.AddRange(PolicyValidator.Validate(reference.Policy, reference.Source, reference.IsInline ? "policy." : string.Empty));
        if (spec.Taps.Count == 0)
        {
            return;
        }

        foreach (PolicyCheck check in reference.Policy.Checks.Where(c => c.Layer is not null && !spec.Taps.Contains(c.Layer, StringComparer.Ordinal)))
        {
            sink.Critical("taps", $"taps ({string.Join(", ", spec.Taps)}) do not include layer '{check.Layer}' that policy check '{check.Id}' measures; add it, or leave taps empty so the engine taps what the policy needs.");
        }
    }

    private static bool RequireFile(SpecPath path, string field, ValidationSink sink)
    {
        if (File.Exists(path.FullPath))
        {
            return true;
        }

        string what = Directory.Exists(path.FullPath) ? "is a folder; expected a file" : "does not exist";
        sink.Critical(field, $"{field} '{path.Text}' {what}.");
        return false;
    }

    private static void Range(SpecOption option, double value, ValidationSink sink)
    {
        double min = option.Minimum ?? double.NegativeInfinity;
        double max = option.Maximum ?? double.PositiveInfinity;
        bool aboveExclusive = option.ExclusiveMinimum is not { } exclusive || value > exclusive;
        if (value >= min && value <= max && aboveExclusive)
        {
            return;
        }

        string kind = option.Kind == SpecValueKind.Integer ? "an integer " : string.Empty;
        string limits = option.ExclusiveMinimum is { } above
            ? (option.Maximum is null ? $"greater than {SpecOption.Format(above)}" : $"greater than {SpecOption.Format(above)} and at most {SpecOption.Format(max)}")
            : option.Maximum is null || option.Maximum == int.MaxValue
            ? $"at least {SpecOption.Format(min)}"
            : $"between {SpecOption.Format(min)} and {SpecOption.Format(max)}";
        sink.Critical(option.Field, $"{option.Field} must be {kind}{limits}; got {SpecOption.Format(value)}.");
    }
}
