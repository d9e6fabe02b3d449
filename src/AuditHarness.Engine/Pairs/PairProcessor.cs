using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Engine.Gallery;
using OpenCvSharp;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// Runs one pair through one model: the original, the artifact-removed variant and the placebo variant(s),
/// each once through the tapped model; then compares predictions and activations and drops the images and
/// activations. Bad input throws <see cref="PairException"/> naming the stage, which the runner logs.
/// An audit runs a pair with <see cref="ProcessAcross"/> (or <see cref="Prepare"/> then <see cref="Evaluate"/>); the
/// gallery runs it again with <see cref="Replay"/>, which takes the same steps.
/// </summary>
/// <remarks>
/// The placebo removes the same mask shape from neutral background. When the artifact variant is read from the
/// dataset (given or counterfactual, or for an insertion pair the clean original), there is nothing to "un-draw"
/// under the placebo, so it is inpainted with Telea at the spec's radius: the placebo then measures what
/// disturbing an equal area of background does.
/// </remarks>
/// <param name="inserter">Draws the artifact of an insertion dataset; required for <see cref="InsertionPair"/>s.</param>
public sealed class PairProcessor(YoloModel model, AuditSpec spec, ArtifactInserter? inserter = null) : IDisposable
{
    public const string OriginalVariant = "original";
    public const string ArtifactRemovedVariant = "artifact_removed";
    public const string PlaceboVariant = "placebo";

    /// <summary>The host image of a transplanted placebo, as the model saw it: the reference its placebo variant is matched against.</summary>
    public const string PlaceboHostVariant = "placebo_host";

    /// <summary>The variant name of placebo <paramref name="index"/> of <paramref name="count"/>: <c>placebo</c> when it is the only one, else numbered from 1.</summary>
    public static string PlaceboVariantName(int index, int count) => count == 1 ? PlaceboVariant : $"{PlaceboVariant}{index + 1}";

    private readonly PairPreparer _preparer = new(spec, inserter);
    private readonly PredictionBufferPool _buffers = new(model);
    private readonly DetectionMatcher _matcher = new(spec.Prediction.MatchIou);

    private readonly DecodeSettings _decode = new()
    {
        Confidence = (float)spec.Prediction.Confidence,
        Iou = (float)spec.Prediction.Iou,
    };

    /// <summary>When a pair keeps its gallery material: when it ranks among <see cref="Gallery"/>'s best (an audit), or always (a replay).</summary>
    private enum KeepMaterial
    {
        IfRanked,
        Always,
    }

    /// <summary>When set, pairs that may make this model's report gallery leave their images and heatmap layer here, so the gallery need not run them again.</summary>
    public GalleryCandidates? Gallery { get; init; }

    /// <summary>Where a transplanted placebo finds its host (the whole dataset's pairs); without it a pair has only the shifted control.</summary>
    public PlaceboHosts? Hosts { get; init; }

    /// <summary>
    /// One pair through several models that share this run's spec (and inserter): read and prepared once, then
    /// evaluated model after model from <paramref name="firstModel"/> on, so the images are decoded once and a placebo
    /// placed alike by two models is inpainted once. A bad input found while preparing fails the pair for every model;
    /// one found while evaluating fails it for that model only. The results are indexed like <paramref name="processors"/>.
    /// </summary>
    /// <param name="pairIndex">The pair's index in the dataset's pair list (the gallery's tie order).</param>
    /// <param name="timings">When set, the pair's stage times are added to it.</param>
    public static (ProcessedPair? Processed, PairException? Error)[] ProcessAcross(
        IReadOnlyList<PairProcessor> processors, AuditPair pair, int pairIndex, int firstModel, AuditStageTimings? timings)
    {
        ArgumentNullException.ThrowIfNull(processors);
        var results = new (ProcessedPair?, PairException?)[processors.Count];
        using PairStage.Timing timing = PairStage.TimeOnThisThread(timings);
        PreparedPair prepared;
        try
        {
            prepared = processors[firstModel].Prepare(pair);
        }
        catch (PairException ex)
        {
            for (int m = firstModel; m < processors.Count; m++)
            {
                results[m] = (null, ex);
            }

            return results;
        }

        using (prepared)
        {
            for (int m = firstModel; m < processors.Count; m++)
            {
                try
                {
                    results[m] = (processors[m].Evaluate(prepared, pairIndex), null);
                }
                catch (PairException ex)
                {
                    results[m] = (null, ex);
                }
            }
        }

        return results;
    }

    /// <summary>
    /// The model-free part of a pair: decoding, mask checks (or painting the inserted artifact) and the artifact-removed variant. Safe to run on another
    /// thread ahead of <see cref="Evaluate"/>, so this work overlaps inference.
    /// </summary>
    public PreparedPair Prepare(AuditPair pair) => _preparer.Prepare(pair);

    /// <summary>Runs a prepared pair's original, artifact-removed and placebo variants through the model and compares them.</summary>
    /// <param name="pairIndex">The pair's index in the dataset's pair list, for <see cref="Gallery"/>; -1 when not known (nothing is kept).</param>
    public ProcessedPair Evaluate(PreparedPair prepared, int pairIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        (ProcessedPair processed, GalleryMaterial? material, double shift) = Run(prepared, KeepMaterial.IfRanked, pairIndex);
        if (material is not null)
        {
            Gallery!.Add(pairIndex, prepared.Pair.PairId, shift, material);
        }

        return processed;
    }

    /// <summary>
    /// Runs one pair again for the report's gallery, through the same steps as <see cref="ProcessAcross"/> (the same
    /// inputs, seed and placement, so the same images and outcome), keeping its gallery material. The caller disposes
    /// the result.
    /// </summary>
    public PairReplay Replay(AuditPair pair)
    {
        using PreparedPair prepared = Prepare(pair);
        (ProcessedPair processed, GalleryMaterial? material, _) = Run(prepared, KeepMaterial.Always, pairIndex: -1);
        return new PairReplay(processed, material!);
    }

    public void Dispose() => _buffers.Dispose();

    /// <summary>The steps of a prepared pair through this model, and its gallery material when <paramref name="keep"/> asks for it.</summary>
    /// <returns>The pair's records; its material (owned by the caller) or null; the gallery's ranking shift, NaN when not needed.</returns>
    private (ProcessedPair Processed, GalleryMaterial? Material, double Shift) Run(PreparedPair prepared, KeepMaterial keep, int pairIndex)
    {
        // The variants share one set of buffers: each variant's layers are compared before the next one runs.
        PredictionBuffers? originalBuffers = _buffers.Rent();
        PredictionBuffers? variantBuffers = _buffers.Rent();
        try
        {
            return Run(prepared, keep, pairIndex, originalBuffers, variantBuffers);
        }
        finally
        {
            _buffers.Return(originalBuffers);
            _buffers.Return(variantBuffers);
        }
    }

    private (ProcessedPair Processed, GalleryMaterial? Material, double Shift) Run(
        PreparedPair prepared, KeepMaterial keep, int pairIndex, PredictionBuffers? originalBuffers, PredictionBuffers? variantBuffers)
    {
        AuditPair pair = prepared.Pair;
        Mat original = prepared.Original, removed = prepared.Removed;
        ArtifactMask mask = prepared.Mask;

        YoloPrediction originalPrediction = PairStage.Run("predict original", () => Predict(original, originalBuffers));
        YoloPrediction removedPrediction = PairStage.Run("predict artifact-removed variant", () => Predict(removed, variantBuffers));

        IReadOnlyList<BoundingBox> avoid = spec.Placebo.AvoidDetections ? [.. originalPrediction.Detections.Select(d => d.Box)] : [];
        IReadOnlyList<PlaceboPlacement> placements = spec.Placebo.Mode == PlaceboMode.Transplant ? [] : PairStage.Run("place placebo", () => PlaceboPlacer.PlaceMany(
            original, mask, avoid, spec.Placebo.PerPair, PlaceboSeed.Of(pair.PairId, spec.Placebo.Seed), spec.Placebo.Margin, spec.Placebo.MaxAttempts));
        try
        {
            // An artifact that spans the image (a vignette) leaves no room for its shape elsewhere. The pair still
            // counts, with the placebos that fit (possibly none): checks then use only pairs that have a control.
            var variants = new List<VariantRecord> { new(OriginalVariant, originalPrediction.Detections, null, null, [], null, null) };
            DetectionMatching artifactMatching = PairStage.Run("match detections", () => _matcher.Match(originalPrediction.Detections, removedPrediction.Detections, mask.Coverage, ClassScoreOf(removedPrediction)));
            PredictionDelta artifactDelta = PredictionDelta.From(artifactMatching);
            IReadOnlyList<LayerChange> artifactLayers = PairStage.Run("compare layers", () => CompareLayers(originalPrediction, removedPrediction, mask));
            variants.Add(new VariantRecord(ArtifactRemovedVariant, removedPrediction.Detections, artifactMatching, artifactDelta, artifactLayers, null, null));

            // The gallery ranks pairs by the artifact's score shift, known now; a pair it keeps copies its heatmap layer
            // before the placebo overwrites the variant buffers, and its images at the end.
            double shift = GalleryBuilder.RankingShift(new PairOutcome(pair.PairId, pair.ArtifactType, artifactDelta, [], artifactLayers, []) { ScoreSource = model.ScoreSource });
            HeatmapLayerCopy? heatmap = keep == KeepMaterial.Always || (pairIndex >= 0 && Gallery is { } gallery && gallery.WouldRank(shift, pairIndex))
                ? GalleryBuilder.CopyHeatmapLayer(spec.Policy.Policy, originalPrediction, removedPrediction)
                : null;
            (Mat Image, IReadOnlyList<Detection> Detections, ArtifactMask Region)? firstPlacebo = null;

            var placeboDeltas = new List<PredictionDelta>();
            var placeboLayers = new List<IReadOnlyList<LayerChange>>();

            // Predicts one placebo image and compares it with what it is the placebo of (the original, or a transplant
            // host), adding its delta and layer changes to the pair's placebos.
            (YoloPrediction Prediction, DetectionMatching Matching, PredictionDelta Delta, IReadOnlyList<LayerChange> Layers) ComparePlacebo(
                YoloPrediction basis, Mat placeboImage, ArtifactMask region)
            {
                YoloPrediction placeboPrediction = PairStage.Run("predict placebo", () => Predict(placeboImage, variantBuffers));

                // On-artifact is judged by the artifact's mask for both variants, so both split the same detections.
                DetectionMatching matching = PairStage.Run("match detections", () => _matcher.Match(basis.Detections, placeboPrediction.Detections, mask.Coverage, ClassScoreOf(placeboPrediction)));
                PredictionDelta delta = PredictionDelta.From(matching);
                IReadOnlyList<LayerChange> layers = PairStage.Run("compare layers", () => CompareLayers(basis, placeboPrediction, region));
                placeboDeltas.Add(delta);
                // Channel selectivity feeds the top channels of the artifact variant only: the placebo's would be
                // about half of every journal line and never read, so the outcome does not carry it.
                placeboLayers.Add([.. layers.Select(l => l with { ChannelSelectivity = [] })]);
                firstPlacebo ??= (placeboImage, placeboPrediction.Detections, region);
                return (placeboPrediction, matching, delta, layers);
            }

            for (int i = 0; i < placements.Count; i++)
            {
                PlaceboPlacement placement = placements[i];
                Mat placeboImage = PairStage.Run("build placebo variant", () => prepared.Placebo(placement.Dx, placement.Dy, () => MaskedVariantBuilder.Build(original, placement.Mask, spec.Masking.Method.MaskFill(), spec.Masking.InpaintRadius)));
                var placebo = ComparePlacebo(originalPrediction, placeboImage, placement.Mask);
                string name = PlaceboVariantName(i, placements.Count);
                variants.Add(new VariantRecord(name, placebo.Prediction.Detections, placebo.Matching, placebo.Delta, placebo.Layers, placement.Dx, placement.Dy));
            }

            // No shifted placebo (none fits, or the spec asks for transplants only): the mask, where it is, is removed
            // from a host image that lacks this artifact type, and the host's own change is the placebo effect.
            string? hostId = null;
            if (placements.Count == 0 && spec.Placebo.Mode != PlaceboMode.Shifted && Hosts is { } hosts
                && PairStage.Run("choose placebo host", () => prepared.Transplant(() => _preparer.PrepareHost(prepared, hosts))) is { } host)
            {
                // The host needs its activations beside the placebo's, so it takes a third set of buffers.
                PredictionBuffers? hostBuffers = _buffers.Rent();
                try
                {
                    YoloPrediction hostPrediction = PairStage.Run("predict placebo host", () => Predict(host.Image, hostBuffers));
                    var placebo = ComparePlacebo(hostPrediction, host.Placebo, mask);
                    variants.Add(new VariantRecord(PlaceboHostVariant, hostPrediction.Detections, null, null, [], null, null));
                    variants.Add(new VariantRecord(PlaceboVariant, placebo.Prediction.Detections, placebo.Matching, placebo.Delta, placebo.Layers, null, null));
                    hostId = host.PairId;
                }
                finally
                {
                    _buffers.Return(hostBuffers);
                }
            }

            var outcome = new PairOutcome(pair.PairId, pair.ArtifactType, artifactDelta, placeboDeltas, artifactLayers, placeboLayers)
            {
                SubjectId = (pair as ManifestPair)?.SubjectId,
                PlaceboHost = hostId,
                ScoreSource = model.ScoreSource,
            };
            GalleryMaterial? material = heatmap is { } kept ? GalleryBuilder.Keep(kept, prepared, originalPrediction, removedPrediction, firstPlacebo) : null;
            return (new ProcessedPair(pair, outcome, variants), material, shift);
        }
        finally
        {
            foreach (PlaceboPlacement placement in placements)
            {
                placement.Dispose();
            }
        }
    }

    /// <summary>
    /// The variant's score of an original detection's class at the detection's anchor; null when the model's head shows
    /// no per-anchor class scores (the matcher then uses the matched score). Read before the variant's buffers are reused.
    /// </summary>
    private static Func<Detection, float>? ClassScoreOf(YoloPrediction variant) =>
        variant.ClassScores is { } scores ? original => scores.Score(original.Anchor, original.ClassId) : null;

    private YoloPrediction Predict(Mat image, PredictionBuffers? buffers) =>
        buffers is null ? model.Predict(image, _decode) : model.Predict(image, buffers, _decode);

    private static IReadOnlyList<LayerChange> CompareLayers(YoloPrediction original, YoloPrediction variant, ArtifactMask region)
    {
        var changes = new List<LayerChange>(original.Activations.Count);
        for (int i = 0; i < original.Activations.Count; i++)
        {
            TapActivation a = original.Activations[i], b = variant.Activations[i];
            if (a.Shape.Count != 4)
            {
                continue; // only spatial [1,C,H,W] layers have a region to compare against
            }

            float[] weights = region.ToLayerGrid(original.Letterbox, a.Shape[2], a.Shape[3]);
            changes.Add(ActivationComparison.Compare(a.Tap, a.Shape, a.Values, b.Shape, b.Values, weights));
        }

        return changes;
    }
}
