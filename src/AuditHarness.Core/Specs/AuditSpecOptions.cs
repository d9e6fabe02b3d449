using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Specs;

/// <summary>
/// Every field an audit spec accepts, with default, description and limits. The parser takes defaults and
/// allowed values from here, <see cref="SpecValidator"/> takes limits from here, and a test checks
/// <c>audits/audit.schema.json</c> against this list, so help text, schema and messages agree.
/// </summary>
public static class AuditSpecOptions
{
    /// <summary>The default output folder, relative to the current directory; <c>&lt;name&gt;</c> is the spec's name.</summary>
    public const string DefaultOutput = "runs/<name>";

    /// <summary>The default of <see cref="DatasetMaxPixels"/>: 50 megapixels, far above any camera a detector is fed from.</summary>
    public const int DefaultMaxPixels = 50_000_000;

    public static readonly SpecOption Name = new("name", SpecValueKind.String, "Name of the audit (letters, digits, '.', '_', '-'); names the output folder.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption Description = new("description", SpecValueKind.String, "What the audit checks and why.");

    public static readonly SpecOption Model = new("model", SpecValueKind.Path, "The ONNX model to audit; use models for several.");

    public static readonly SpecOption Models = new("models", SpecValueKind.ObjectList, "Models to audit, each with its own verdict; use model for one.");

    public static readonly SpecOption ModelName = new("models[].name", SpecValueKind.String, "Short name of the model in reports (letters, digits, '.', '_', '-').")
    {
        IsRequired = true,
    };

    public static readonly SpecOption ModelPath = new("models[].path", SpecValueKind.Path, "The ONNX model file.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption ModelRole = new("models[].role", SpecValueKind.Enum, "audited: the model being judged, its verdict decides the audit's; reference: a known-bad or known-good control, its verdict is shown but decides nothing.")
    {
        Default = SpecEnum.Name(Specs.ModelRole.Audited),
        AllowedValues = SpecEnum.Names<ModelRole>(),
    };

    public static readonly SpecOption ModelCard = new("models[].modelCard", SpecValueKind.String, "A link to the model's card or documentation, printed in the report's model identification.");

    public static readonly SpecOption Taps = new("taps", SpecValueKind.StringList, "Layers to tap, as module names (model.6) or tensor names; empty lets the engine tap what the policy needs.")
    {
        Default = (IReadOnlyList<string>)[],
    };

    public static readonly SpecOption Dataset = new("dataset", SpecValueKind.Object, "Where the pairs come from: exactly one of manifest or insertion.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption DatasetManifest = new("dataset.manifest", SpecValueKind.Path, "A manifest CSV (pair_id, image, counterfactual, mask, artifact_type, label, subject_id; paths relative to it).");

    public static readonly SpecOption DatasetLabels = new("dataset.labels", SpecValueKind.Path, "Masks from annotations for manifest rows whose mask is empty: a folder of YOLO label files (<image name>.txt) or a COCO JSON file (images matched by file name); needs artifactClasses.");

    public static readonly SpecOption DatasetArtifactClasses = new("dataset.artifactClasses", SpecValueKind.StringList, "The annotation classes drawn into the mask, by name (ruler) or index (3); needed when a mask is a label file (.txt, .json, .json#image).")
    {
        Default = (IReadOnlyList<string>)[],
    };

    public static readonly SpecOption DatasetClassNames = new("dataset.classNames", SpecValueKind.Path, "The class names of YOLO label files: a classes.txt (one a line) or a data.yaml (names); by default the nearest one beside the label file or up to two folders up.");

    public static readonly SpecOption DatasetInsertion = new("dataset.insertion", SpecValueKind.Object, "Make pairs by drawing a synthetic artifact onto artifact-free originals.");

    public static readonly SpecOption DatasetDescription = new("dataset.description", SpecValueKind.String, "What the images are and where they come from (source, acquisition, licence), printed in the report's dataset description.");

    public static readonly SpecOption DatasetSynthetic = new("dataset.synthetic", SpecValueKind.Boolean, "true when the images are synthetic (rendered or generated), false when they are real photographs; the report names synthetic data as a limitation.");

    public static readonly SpecOption DatasetMaxPixels = new("dataset.maxPixels", SpecValueKind.Integer, "Largest image (width x height, read from the file's header before decoding) that is decoded; a larger image, mask, counterfactual, original or logo is refused, so a decompression bomb cannot exhaust memory.")
    {
        Default = DefaultMaxPixels,
        Minimum = 1,
        Maximum = 1 << 30,
    };

    public static readonly SpecOption DatasetDicom = new("dataset.dicom", SpecValueKind.Object, "How DICOM images (.dcm, .dicom, or any file with the DICM preamble) are turned into 8-bit pixels through DCMTK.");

    public static readonly SpecOption DatasetDicomWindow = new("dataset.dicom.window", SpecValueKind.StringOrObject, "The VOI window of monochrome DICOM images: file (the file's first window or VOI LUT; without one, 8-bit values as stored and wider ones min-max), minmax (the image's smallest to largest value), or { \"center\": c, \"width\": w } in the file's modality units (after RescaleSlope/Intercept).")
    {
        Default = "file",
    };

    public static readonly SpecOption InsertionOriginals = new("dataset.insertion.originals", SpecValueKind.Path, "A folder of artifact-free images, or a pattern with wildcards in the file name (originals/*.jpg).")
    {
        IsRequired = true,
    };

    public static readonly SpecOption InsertionArtifact = new("dataset.insertion.artifact", SpecValueKind.Object, "The artifact to draw.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption ArtifactType = new("dataset.insertion.artifact.type", SpecValueKind.Enum, "What to draw.")
    {
        IsRequired = true,
        AllowedValues = SpecEnum.Names<InsertedArtifactType>(),
    };

    public static readonly SpecOption ArtifactText = new("dataset.insertion.artifact.text", SpecValueKind.String, "The watermark's text (type watermark only).");

    public static readonly SpecOption ArtifactFontScale = new("dataset.insertion.artifact.fontScale", SpecValueKind.Number, "Size of the watermark text or the ruler's labels relative to the default (types watermark and ruler).")
    {
        Default = 1.0,
        Minimum = 0.1,
        Maximum = 10.0,
    };

    public static readonly SpecOption ArtifactOpacity = new("dataset.insertion.artifact.opacity", SpecValueKind.Number, "Opacity of the artifact: above 0 (0 would be invisible), 1 opaque.")
    {
        Default = 1.0,
        ExclusiveMinimum = 0.0,
        Maximum = 1.0,
    };

    public static readonly SpecOption ArtifactPosition = new("dataset.insertion.artifact.position", SpecValueKind.Enum, "Where the artifact is drawn; a ruler runs along the top edge for top-left and top-right, along the bottom for bottom-left and bottom-right (center is not allowed for a ruler).")
    {
        Default = SpecEnum.Name(Specs.ArtifactPosition.BottomRight),
        AllowedValues = SpecEnum.Names<ArtifactPosition>(),
    };

    public static readonly SpecOption ArtifactLogo = new("dataset.insertion.artifact.logo", SpecValueKind.Path, "The logo image to paste (type logo only).");

    public static readonly SpecOption Masking = new("masking", SpecValueKind.Object, "How the artifact-removed variant is obtained.");

    public static readonly SpecOption MaskingMethod = new("masking.method", SpecValueKind.Enum, "given: the manifest's masked image (column counterfactual) as supplied (manifest only); counterfactual: the manifest's true counterfactual, or for dataset.insertion the clean original; the others build the variant from the mask.")
    {
        Default = SpecEnum.Name(Specs.MaskingMethod.InpaintTelea),
        AllowedValues = SpecEnum.Names<MaskingMethod>(),
    };

    public static readonly SpecOption MaskingInpaintRadius = new("masking.inpaintRadius", SpecValueKind.Integer, "Neighbourhood radius in pixels for inpainting and blur.")
    {
        Default = 5,
        Minimum = 1,
        Maximum = 50,
    };

    public static readonly SpecOption MaskingDilate = new("masking.dilate", SpecValueKind.Integer, "Pixels by which the mask is grown before use.")
    {
        Default = 0,
        Minimum = 0,
        Maximum = 100,
    };

    public static readonly SpecOption Placebo = new("placebo", SpecValueKind.Object, "The placebo control: the same mask shape removed from neutral background.");

    public static readonly SpecOption PlaceboPerPair = new("placebo.perPair", SpecValueKind.Integer, "Placebo variants per pair.")
    {
        Default = 1,
        Minimum = 1,
        Maximum = 20,
    };

    public static readonly SpecOption PlaceboSeed = new("placebo.seed", SpecValueKind.Integer, "Seed of the placebo placement, so runs repeat.")
    {
        Default = 7,
        Minimum = 0,
        Maximum = int.MaxValue,
    };

    public static readonly SpecOption PlaceboAvoidDetections = new("placebo.avoidDetections", SpecValueKind.Boolean, "Keep the placebo patch off the original's detections.")
    {
        Default = true,
    };

    public static readonly SpecOption PlaceboMargin = new("placebo.margin", SpecValueKind.Integer, "Minimum gap in pixels between the placebo patch and the artifact or detections.")
    {
        Default = 4,
        Minimum = 0,
        Maximum = 1000,
    };

    public static readonly SpecOption PlaceboMaxAttempts = new("placebo.maxAttempts", SpecValueKind.Integer, "Random placements tried before a pair is reported as having no placebo.")
    {
        Default = 200,
        Minimum = 1,
        Maximum = 100_000,
    };

    public static readonly SpecOption PlaceboMode = new("placebo.mode", SpecValueKind.Enum, "The control: shifted (the mask's shape moved onto neutral background of the same image), transplant (the mask removed from another image of the dataset that lacks this artifact type, of another subject, same size), or auto (shifted, and transplant where no shifted placement fits).")
    {
        Default = SpecEnum.Name(Specs.PlaceboMode.Auto),
        AllowedValues = SpecEnum.Names<Specs.PlaceboMode>(),
    };

    public static readonly SpecOption Prediction = new("prediction", SpecValueKind.Object, "Detection thresholds used on every variant.");

    public static readonly SpecOption PredictionConfidence = new("prediction.confidence", SpecValueKind.Number, "Minimum detection score.")
    {
        Default = 0.25,
        Minimum = 0.0,
        Maximum = 1.0,
    };

    public static readonly SpecOption PredictionIou = new("prediction.iou", SpecValueKind.Number, "IoU above which non-maximum suppression drops the weaker box (anchor-grid models).")
    {
        Default = 0.7,
        Minimum = 0.0,
        Maximum = 1.0,
    };

    public static readonly SpecOption PredictionMatchIou = new("prediction.matchIou", SpecValueKind.Number, "IoU at or above which a variant's detection matches the original's.")
    {
        Default = 0.5,
        Minimum = 0.0,
        Maximum = 1.0,
    };

    public static readonly SpecOption Policy = new("policy", SpecValueKind.PathOrObject, "The policy: a path to a policy file or the policy object itself.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption MaxErrorRate = new("maxErrorRate", SpecValueKind.Number, "Largest share of pairs that may fail to process before the run counts as broken.")
    {
        Default = 0.05,
        Minimum = 0.0,
        Maximum = 1.0,
    };

    public static readonly SpecOption Output = new("output", SpecValueKind.Path, "Output folder, relative to the spec; by default runs/<name> under the current directory.")
    {
        Default = DefaultOutput,
    };

    public static readonly SpecOption Bootstrap = new("bootstrap", SpecValueKind.Object, "The bootstrap behind the confidence intervals.");

    public static readonly SpecOption BootstrapResamples = new("bootstrap.resamples", SpecValueKind.Integer, "Bootstrap resamples (fewer than 1000 gives unstable intervals).")
    {
        Default = 10_000,
        Minimum = 100,
        Maximum = 1_000_000,
    };

    public static readonly SpecOption BootstrapSeed = new("bootstrap.seed", SpecValueKind.Integer, "Bootstrap seed, so intervals repeat.")
    {
        Default = 7,
        Minimum = 0,
        Maximum = int.MaxValue,
    };

    public static readonly SpecOption BootstrapConfidence = new("bootstrap.confidence", SpecValueKind.Number, "Confidence level of the intervals.")
    {
        Default = 0.95,
        Minimum = 0.5,
        Maximum = 0.999,
    };

    public static readonly SpecOption BootstrapLargeSampleClusters = new("bootstrap.largeSampleClusters", SpecValueKind.Integer, "Clusters from which an interval is linearised (delta method, cluster-robust variance) instead of bootstrapped, when at least 100 clusters lie on each side of the estimate; 0 means the default.")
    {
        Default = 10_000,
        Minimum = 0,
        Maximum = int.MaxValue,
    };

    public static readonly SpecOption Trace = new("trace", SpecValueKind.Object, "Causal tracing (off when absent): patch a layer's channels from the artifact-removed pass into the original's and measure the share of the artifact's effect that this recovers (trace.csv).");

    public static readonly SpecOption TraceLayers = new("trace.layers", SpecValueKind.StringList, "Modules to trace (model.N), each one of the taps; by default every tap that is a module.");

    public static readonly SpecOption TraceK = new("trace.k", SpecValueKind.CountOrAllList, "Channel counts to patch, selective (ranked on the selection half) and random, positive integers and \"all\"; by default [1, 2, 4, 8, 16, 32, \"all\"].");

    public static readonly SpecOption TraceRandomDraws = new("trace.randomDraws", SpecValueKind.Integer, "Random channel sets drawn per k (the control).")
    {
        Default = 5,
        Minimum = 1,
        Maximum = 1000,
    };

    public static readonly SpecOption TracePairs = new("trace.pairs", SpecValueKind.CountOrAll, "Measurement pairs to trace: \"all\", or the N most affected (by the artifact's score effect in the pair phase).")
    {
        Default = "all",
    };

    public static readonly SpecOption TraceSeed = new("trace.seed", SpecValueKind.Integer, "Seed of the selection / measurement split and of the random channels; by default bootstrap.seed.")
    {
        Minimum = 0,
        Maximum = int.MaxValue,
    };

    /// <summary>Every option, in file order; <see cref="Policy"/> stands for the policy fields listed in Policies.PolicyOptions.</summary>
    public static IReadOnlyList<SpecOption> All { get; } =
    [
        Name, Description, Model, Models, ModelName, ModelPath, ModelRole, ModelCard, Taps,
        Dataset, DatasetManifest, DatasetLabels, DatasetArtifactClasses, DatasetClassNames, DatasetInsertion, DatasetDescription, DatasetSynthetic, DatasetMaxPixels, DatasetDicom, DatasetDicomWindow, InsertionOriginals, InsertionArtifact,
        ArtifactType, ArtifactText, ArtifactFontScale, ArtifactOpacity, ArtifactPosition, ArtifactLogo,
        Masking, MaskingMethod, MaskingInpaintRadius, MaskingDilate,
        Placebo, PlaceboPerPair, PlaceboSeed, PlaceboAvoidDetections, PlaceboMargin, PlaceboMaxAttempts, PlaceboMode,
        Prediction, PredictionConfidence, PredictionIou, PredictionMatchIou,
        Policy, MaxErrorRate, Output,
        Bootstrap, BootstrapResamples, BootstrapSeed, BootstrapConfidence, BootstrapLargeSampleClusters,
        Trace, TraceLayers, TraceK, TraceRandomDraws, TracePairs, TraceSeed,
    ];
}
