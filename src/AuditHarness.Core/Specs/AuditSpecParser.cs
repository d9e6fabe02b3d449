using System.Text.Json;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Core.Specs;

/// <summary>
/// Builds an <see cref="AuditSpec"/> from the spec's JSON, recording every shape error (unknown, missing,
/// mistyped or mutually exclusive fields, values outside an enum) in the sink. Absent fields take their
/// defaults from <see cref="AuditSpecOptions"/>; the result is meaningful only when no critical error was recorded.
/// </summary>
internal sealed class AuditSpecParser(SpecPath source, ValidationSink sink)
{
    private readonly string _folder = Path.GetDirectoryName(source.FullPath)!;
    private int _maxPixels = AuditSpecOptions.DefaultMaxPixels;
    private string? _datasetDescription;
    private bool? _datasetSynthetic;
    private DicomSettings _dicom = DicomSettings.Default;

    public AuditSpec Read(JsonObjectReader root)
    {
        root.AllowSchemaProperty();
        string name = root.String(AuditSpecOptions.Name) ?? string.Empty;
        AuditSpec spec = new()
        {
            Source = source,
            Name = name,
            Description = root.String(AuditSpecOptions.Description),
            Models = ReadModels(root),
            Taps = root.StringList(AuditSpecOptions.Taps),
            Dataset = ReadDataset(root),
            MaxPixels = _maxPixels,
            DatasetDescription = _datasetDescription,
            DatasetSynthetic = _datasetSynthetic,
            Dicom = _dicom,
            Masking = ReadMasking(root.Object(AuditSpecOptions.Masking)),
            Placebo = ReadPlacebo(root.Object(AuditSpecOptions.Placebo)),
            Prediction = ReadPrediction(root.Object(AuditSpecOptions.Prediction)),
            Policy = ReadPolicy(root),
            MaxErrorRate = root.Number(AuditSpecOptions.MaxErrorRate),
            Output = ReadOutput(root, name),
            Bootstrap = ReadBootstrap(root.Object(AuditSpecOptions.Bootstrap)),
        };
        spec = spec with { Trace = ReadTrace(root.Object(AuditSpecOptions.Trace), spec) };
        root.RejectUnknownProperties();
        return spec;
    }

    private IReadOnlyList<AuditedModel> ReadModels(JsonObjectReader root)
    {
        bool hasModel = root.Has(AuditSpecOptions.Model.Name);
        bool hasModels = root.Has(AuditSpecOptions.Models.Name);
        if (hasModel && hasModels)
        {
            sink.Critical("model", "model and models are both given; give model for one model or models for several, not both.");
            return [];
        }

        if (!hasModel && !hasModels)
        {
            sink.Critical("model", "model is required: give model (a path to an .onnx file) or models (a list of { \"name\", \"path\" }).");
            return [];
        }

        if (hasModel)
        {
            SpecPath? path = ReadPath(root, AuditSpecOptions.Model);
            return path is null ? [] : [new AuditedModel(Path.GetFileNameWithoutExtension(path.FullPath), path)];
        }

        List<AuditedModel> models = [];
        foreach (JsonObjectReader? entry in root.ObjectList(AuditSpecOptions.Models) ?? [])
        {
            if (entry is null)
            {
                continue;
            }

            string modelName = entry.String(AuditSpecOptions.ModelName) ?? string.Empty;
            SpecPath? path = ReadPath(entry, AuditSpecOptions.ModelPath);
            ModelRole role = entry.Enum<ModelRole>(AuditSpecOptions.ModelRole) ?? ModelRole.Audited;
            string? modelCard = entry.String(AuditSpecOptions.ModelCard);
            entry.RejectUnknownProperties();
            if (path is not null)
            {
                models.Add(new AuditedModel(modelName, path) { Role = role, ModelCard = modelCard });
            }
        }

        return models;
    }

    private DatasetSource ReadDataset(JsonObjectReader root)
    {
        JsonObjectReader? dataset = root.Object(AuditSpecOptions.Dataset);
        if (dataset is null)
        {
            return new ManifestDataset(SpecPath.Resolve(string.Empty, _folder));
        }

        bool hasManifest = dataset.Has(AuditSpecOptions.DatasetManifest.Name);
        bool hasInsertion = dataset.Has(AuditSpecOptions.DatasetInsertion.Name);
        DatasetSource result;
        if (hasManifest == hasInsertion)
        {
            string got = hasManifest ? "both" : "neither";
            sink.Critical("dataset", $"dataset must have exactly one of manifest (a paired manifest CSV) or insertion (originals plus a synthetic artifact); got {got}.");
            result = new ManifestDataset(SpecPath.Resolve(string.Empty, _folder));
        }
        else if (hasManifest)
        {
            result = new ManifestDataset(ReadPath(dataset, AuditSpecOptions.DatasetManifest) ?? SpecPath.Resolve(string.Empty, _folder))
            {
                Annotations = new MaskAnnotations(
                    ReadPath(dataset, AuditSpecOptions.DatasetLabels),
                    dataset.StringList(AuditSpecOptions.DatasetArtifactClasses),
                    ReadPath(dataset, AuditSpecOptions.DatasetClassNames)),
            };
        }
        else
        {
            result = ReadInsertion(dataset.Object(AuditSpecOptions.DatasetInsertion));
        }

        _maxPixels = dataset.Integer(AuditSpecOptions.DatasetMaxPixels);
        _datasetDescription = dataset.String(AuditSpecOptions.DatasetDescription);
        _datasetSynthetic = dataset.Has(AuditSpecOptions.DatasetSynthetic.Name) ? dataset.Boolean(AuditSpecOptions.DatasetSynthetic) : null;
        _dicom = ReadDicom(dataset.Object(AuditSpecOptions.DatasetDicom));
        dataset.RejectUnknownProperties();
        return result;
    }

    private static DicomSettings ReadDicom(JsonObjectReader? dicom)
    {
        if (dicom is null)
        {
            return DicomSettings.Default;
        }

        JsonElement? value = dicom.Raw(AuditSpecOptions.DatasetDicomWindow);
        DicomWindow window = value is null ? DicomWindow.File : ReadDicomWindow(value.Value, dicom.FieldOf(AuditSpecOptions.DatasetDicomWindow.Name), dicom.Sink);
        dicom.RejectUnknownProperties();
        return new DicomSettings(window);
    }

    /// <summary><c>"file"</c>, <c>"minmax"</c> or <c>{ "center": c, "width": w }</c> with a finite center and a width of at least 1 (DICOM's own minimum).</summary>
    private static DicomWindow ReadDicomWindow(JsonElement value, string field, ValidationSink sink)
    {
        const string Expected = "expected \"file\", \"minmax\" or { \"center\": c, \"width\": w } (numbers, width at least 1)";
        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "file":
                    return DicomWindow.File;
                case "minmax":
                    return DicomWindow.MinMax;
                default:
                    sink.Critical(field, $"{field} is {JsonObjectReader.Describe(value)}; {Expected}.");
                    return DicomWindow.File;
            }
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            sink.Critical(field, $"{field} is {JsonObjectReader.Describe(value)}; {Expected}.");
            return DicomWindow.File;
        }

        double? center = null, width = null;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            bool number = property.Value.ValueKind == JsonValueKind.Number;
            switch (property.Name)
            {
                case "center" when number:
                    center = property.Value.GetDouble();
                    break;
                case "width" when number:
                    width = property.Value.GetDouble();
                    break;
                case "center" or "width":
                    sink.Critical($"{field}.{property.Name}", $"{field}.{property.Name} must be a number; got {JsonObjectReader.Describe(property.Value)}.");
                    return DicomWindow.File;
                default:
                    sink.Critical($"{field}.{property.Name}", $"{field}.{property.Name} is not a known property; expected center, width.");
                    return DicomWindow.File;
            }
        }

        if (center is null || width is null || width < 1 || !double.IsFinite(center.Value) || !double.IsFinite(width.Value))
        {
            sink.Critical(field, $"{field} is {JsonObjectReader.Describe(value)}; {Expected}.");
            return DicomWindow.File;
        }

        return DicomWindow.Explicit(center.Value, width.Value);
    }

    private InsertionDataset ReadInsertion(JsonObjectReader? insertion)
    {
        SpecPath originals = (insertion is null ? null : ReadPath(insertion, AuditSpecOptions.InsertionOriginals)) ?? SpecPath.Resolve(string.Empty, _folder);
        JsonObjectReader? artifact = insertion?.Object(AuditSpecOptions.InsertionArtifact);
        insertion?.RejectUnknownProperties();

        ArtifactInsertion drawn = new(
            Type: artifact?.Enum<InsertedArtifactType>(AuditSpecOptions.ArtifactType) ?? InsertedArtifactType.Ruler,
            Text: artifact?.String(AuditSpecOptions.ArtifactText),
            FontScale: artifact?.Number(AuditSpecOptions.ArtifactFontScale) ?? (double)AuditSpecOptions.ArtifactFontScale.Default!,
            Opacity: artifact?.Number(AuditSpecOptions.ArtifactOpacity) ?? (double)AuditSpecOptions.ArtifactOpacity.Default!,
            Position: artifact?.Enum<ArtifactPosition>(AuditSpecOptions.ArtifactPosition) ?? ArtifactPosition.BottomRight,
            Logo: artifact is null ? null : ReadPath(artifact, AuditSpecOptions.ArtifactLogo));
        artifact?.RejectUnknownProperties();
        return new InsertionDataset(originals, drawn);
    }

    private static MaskingSettings ReadMasking(JsonObjectReader? masking)
    {
        JsonObjectReader reader = masking ?? Empty(AuditSpecOptions.Masking);
        MaskingSettings settings = new(
            reader.Enum<MaskingMethod>(AuditSpecOptions.MaskingMethod) ?? MaskingMethod.InpaintTelea,
            reader.Integer(AuditSpecOptions.MaskingInpaintRadius),
            reader.Integer(AuditSpecOptions.MaskingDilate));
        reader.RejectUnknownProperties();
        return settings;
    }

    private static PlaceboSettings ReadPlacebo(JsonObjectReader? placebo)
    {
        JsonObjectReader reader = placebo ?? Empty(AuditSpecOptions.Placebo);
        PlaceboSettings settings = new(
            reader.Integer(AuditSpecOptions.PlaceboPerPair),
            reader.Integer(AuditSpecOptions.PlaceboSeed),
            reader.Boolean(AuditSpecOptions.PlaceboAvoidDetections),
            reader.Integer(AuditSpecOptions.PlaceboMargin),
            reader.Integer(AuditSpecOptions.PlaceboMaxAttempts))
        {
            Mode = reader.Enum<PlaceboMode>(AuditSpecOptions.PlaceboMode) ?? PlaceboMode.Auto,
        };
        reader.RejectUnknownProperties();
        return settings;
    }

    private static PredictionSettings ReadPrediction(JsonObjectReader? prediction)
    {
        JsonObjectReader reader = prediction ?? Empty(AuditSpecOptions.Prediction);
        PredictionSettings settings = new(
            reader.Number(AuditSpecOptions.PredictionConfidence),
            reader.Number(AuditSpecOptions.PredictionIou),
            reader.Number(AuditSpecOptions.PredictionMatchIou));
        reader.RejectUnknownProperties();
        return settings;
    }

    private static BootstrapSettings ReadBootstrap(JsonObjectReader? bootstrap)
    {
        JsonObjectReader reader = bootstrap ?? Empty(AuditSpecOptions.Bootstrap);
        // 0 (or absent, as in specs written before the setting) is the default threshold; a negative value is kept for the validator to refuse.
        int largeSampleClusters = reader.Integer(AuditSpecOptions.BootstrapLargeSampleClusters);
        BootstrapSettings settings = new(
            reader.Integer(AuditSpecOptions.BootstrapResamples),
            reader.Integer(AuditSpecOptions.BootstrapSeed),
            reader.Number(AuditSpecOptions.BootstrapConfidence))
        {
            LargeSampleClusters = largeSampleClusters == 0 ? ClusterInterval.DefaultLargeSampleClusters : largeSampleClusters,
        };
        reader.RejectUnknownProperties();
        return settings;
    }

    /// <summary>The trace section, null when absent; its layers must be modules the run taps (the pairs carry their selectivity).</summary>
    private TraceSettings? ReadTrace(JsonObjectReader? trace, AuditSpec spec)
    {
        if (trace is null)
        {
            return null;
        }

        string[] tapped = [.. spec.Taps.Concat(spec.Policy.Policy.Checks.Where(c => c.Layer is not null).Select(c => c.Layer!)).Distinct(StringComparer.Ordinal)];
        string layersField = trace.FieldOf(AuditSpecOptions.TraceLayers.Name);
        IReadOnlyList<string> layers = trace.Has(AuditSpecOptions.TraceLayers.Name)
            ? trace.StringList(AuditSpecOptions.TraceLayers)
            : [.. tapped.Where(TraceLayerName.IsModule)];
        if (layers.Count == 0)
        {
            sink.Critical(layersField, $"{layersField} is empty and no tap is a module; expected modules to trace (model.N) among the taps.");
        }

        foreach (string layer in layers)
        {
            if (!TraceLayerName.IsModule(layer))
            {
                sink.Critical(layersField, $"{layersField}: '{layer}' is not a module; expected model.N (a traced layer is cut after its module).");
            }
            else if (!tapped.Contains(layer, StringComparer.Ordinal))
            {
                sink.Critical(layersField, $"{layersField}: '{layer}' is not tapped; expected one of the taps ({(tapped.Length == 0 ? "none given" : string.Join(", ", tapped))}), as its channel ranking needs the pairs' activations.");
            }
        }

        IReadOnlyList<int> k = trace.Has(AuditSpecOptions.TraceK.Name) ? ReadCounts(trace, AuditSpecOptions.TraceK) : TraceSettings.DefaultK;
        int draws = trace.Integer(AuditSpecOptions.TraceRandomDraws);
        int pairs = ReadCount(trace, AuditSpecOptions.TracePairs, TraceSettings.AllPairs);
        int seed = trace.Has(AuditSpecOptions.TraceSeed.Name) ? trace.Integer(AuditSpecOptions.TraceSeed) : spec.Bootstrap.Seed;
        trace.RejectUnknownProperties();
        return new TraceSettings([.. layers.Distinct(StringComparer.Ordinal)], k, draws, pairs, seed);
    }

    /// <summary>A positive integer or "all" (<paramref name="all"/>).</summary>
    private int ReadCount(JsonObjectReader reader, SpecOption option, int all)
    {
        JsonElement? value = reader.Raw(option);
        string field = reader.FieldOf(option.Name);
        if (value is null || (value.Value.ValueKind == JsonValueKind.String && value.Value.GetString() == "all"))
        {
            return all;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out int n) && n >= 1)
        {
            return n;
        }

        sink.Critical(field, $"{field} must be \"all\" or a positive integer; got {JsonObjectReader.Describe(value.Value)}.");
        return all;
    }

    /// <summary>A non-empty list of positive integers and "all", returned ascending without repeats.</summary>
    private List<int> ReadCounts(JsonObjectReader reader, SpecOption option)
    {
        JsonElement value = reader.Raw(option)!.Value;
        string field = reader.FieldOf(option.Name);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            sink.Critical(field, $"{field} must be a non-empty list of positive integers and \"all\"; got {JsonObjectReader.Describe(value)}.");
            return [.. TraceSettings.DefaultK];
        }

        var counts = new SortedSet<int>();
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() == "all")
            {
                counts.Add(TraceSettings.AllChannels);
            }
            else if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int k) && k >= 1)
            {
                counts.Add(k);
            }
            else
            {
                sink.Critical($"{field}[{index}]", $"{field}[{index}] must be a positive integer or \"all\"; got {JsonObjectReader.Describe(item)}.");
            }

            index++;
        }

        return [.. counts];
    }

    private PolicyReference ReadPolicy(JsonObjectReader root)
    {
        Policy placeholder = new(string.Empty, null, []);
        JsonElement? value = root.Raw(AuditSpecOptions.Policy);
        if (value is null)
        {
            return new PolicyReference(placeholder, null, source.Text);
        }

        if (value.Value.ValueKind == JsonValueKind.Object)
        {
            return new PolicyReference(PolicyLoader.Parse(value.Value, "policy", sink) ?? placeholder, null, source.Text);
        }

        if (value.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.Value.GetString()))
        {
            sink.Critical("policy", $"policy must be a path to a policy file or a policy object; got {JsonObjectReader.Describe(value.Value)}.");
            return new PolicyReference(placeholder, null, source.Text);
        }

        SpecPath file = SpecPath.Resolve(value.Value.GetString()!, _folder);
        string display = Path.Combine(Path.GetDirectoryName(source.Text) ?? string.Empty, file.Text);
        if (!File.Exists(file.FullPath))
        {
            sink.Critical("policy", $"policy '{file.Text}' does not exist.");
            return new PolicyReference(placeholder, file, display);
        }

        ValidationSink policySink = new(display);
        using JsonDocument? document = JsonSpecFile.Parse(file.FullPath, policySink);
        Policy? policy = document is null ? null : PolicyLoader.Parse(document.RootElement, string.Empty, policySink);
        sink.AddRange(policySink.Errors);
        return new PolicyReference(policy ?? placeholder, file, display);
    }

    private SpecPath ReadOutput(JsonObjectReader root, string name)
    {
        SpecPath? output = ReadPath(root, AuditSpecOptions.Output);
        if (output is not null)
        {
            return output;
        }

        // The default lives under the current directory, not beside the spec, so runs never land inside audits/.
        string text = AuditSpecOptions.DefaultOutput.Replace("<name>", name, StringComparison.Ordinal);
        return new SpecPath(text, Path.GetFullPath(text));
    }

    private SpecPath? ReadPath(JsonObjectReader reader, SpecOption option)
    {
        if (!reader.Has(option.Name))
        {
            // Let the reader report a missing required path; an absent optional one has no default to resolve here.
            _ = reader.String(option);
            return null;
        }

        string? text = reader.String(option);
        return text is null ? null : SpecPath.Resolve(text, _folder);
    }

    // An absent optional object reads as an empty one, so every field takes its default.
    private static JsonObjectReader Empty(SpecOption option)
    {
        using JsonDocument empty = JsonDocument.Parse("{}");
        return JsonObjectReader.Open(empty.RootElement.Clone(), option.Field, new ValidationSink(string.Empty))!;
    }
}
