using System.Collections.Concurrent;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using OpenCvSharp;
using ImagingMethod = AuditHarness.Inference.Imaging.MaskingMethod;
using ModelPrediction = AuditHarness.Inference.Models.PredictionSettings;
using SpecMethod = AuditHarness.Core.Specs.MaskingMethod;

namespace AuditHarness.Engine;

/// <summary>
/// Runs one pair through one model: the original, the artifact-removed variant and the placebo variant(s),
/// each once through the tapped model; then compares predictions and activations and drops the images and
/// activations. Bad input throws <see cref="PairException"/> naming the stage, which the runner logs.
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

    // The pair being timed on this worker thread; a pair runs start to end on one thread, so no lock is needed.
    [ThreadStatic]
    private static AuditStageTimings.PairScope? t_scope;

    private readonly DetectionMatcher _matcher = new(spec.Prediction.MatchIou);

    /// <summary>When set, pairs that may make this model's report gallery leave their images and heatmap layer here, so the gallery need not run them again.</summary>
    public GalleryCandidates? Gallery { get; init; }

    // Input and output memory that ONNX Runtime reads and writes directly, two sets per pair in flight (the original's
    // activations, and one variant's at a time); reused across pairs, so taps cost neither allocation nor copy.
    private readonly ConcurrentBag<PredictionBuffers> _buffers = [];

    private readonly ModelPrediction _prediction = new()
    {
        Confidence = (float)spec.Prediction.Confidence,
        Iou = (float)spec.Prediction.Iou,
    };

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
        using AuditStageTimings.PairScope? scope = timings?.StartPair();
        t_scope = scope;
        try
        {
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
        finally
        {
            t_scope = null;
        }
    }

    /// <summary>
    /// The model-free part of a pair: decoding, mask checks (or painting the inserted artifact) and the artifact-removed variant. Safe to run on another
    /// thread ahead of <see cref="Evaluate"/>, so this work overlaps inference.
    /// </summary>
    public PreparedPair Prepare(AuditPair pair) => pair switch
    {
        ManifestPair manifestPair => PrepareManifestPair(manifestPair),
        InsertionPair insertionPair => PrepareInsertionPair(insertionPair),
        _ => throw new ArgumentException($"Unknown pair kind {pair.GetType().Name}.", nameof(pair)),
    };

    /// <summary>Runs a prepared pair's original, artifact-removed and placebo variants through the model and compares them.</summary>
    /// <param name="pairIndex">The pair's index in the dataset's pair list, for <see cref="Gallery"/>; -1 when not known (nothing is kept).</param>
    public ProcessedPair Evaluate(PreparedPair prepared, int pairIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        PredictionBuffers? originalBuffers = RentBuffers();
        PredictionBuffers? variantBuffers = RentBuffers();
        try
        {
            return Evaluate(prepared, pairIndex, originalBuffers, variantBuffers);
        }
        finally
        {
            ReturnBuffers(originalBuffers);
            ReturnBuffers(variantBuffers);
        }
    }

    public void Dispose()
    {
        while (_buffers.TryTake(out PredictionBuffers? buffers))
        {
            buffers.Dispose();
        }
    }

    /// <param name="variantBuffers">Shared by the artifact-removed and the placebo variants: each variant's layers are compared before the next one runs.</param>
    private ProcessedPair Evaluate(PreparedPair prepared, int pairIndex, PredictionBuffers? originalBuffers, PredictionBuffers? variantBuffers)
    {
        AuditPair pair = prepared.Pair;
        Mat original = prepared.Original, removed = prepared.Removed;
        ArtifactMask mask = prepared.Mask;

        YoloPrediction originalPrediction = Stage("predict original", () => Predict(original, originalBuffers));
        YoloPrediction removedPrediction = Stage("predict artifact-removed variant", () => Predict(removed, variantBuffers));

        IReadOnlyList<BoundingBox> avoid = spec.Placebo.AvoidDetections ? [.. originalPrediction.Detections.Select(d => d.Box)] : [];
        IReadOnlyList<PlaceboPlacement> placements = Stage("place placebo", () => PlaceboPlacer.PlaceMany(
            original, mask, avoid, spec.Placebo.PerPair, PlaceboSeed(pair), spec.Placebo.Margin, spec.Placebo.MaxAttempts));
        try
        {
            // An artifact that spans the image (a vignette) leaves no room for its shape elsewhere. The pair still
            // counts, with the placebos that fit (possibly none): checks then use only pairs that have a control.
            var variants = new List<VariantRecord> { new(OriginalVariant, originalPrediction.Detections, null, null, [], null, null) };
            DetectionMatching artifactMatching = Stage("match detections", () => _matcher.Match(originalPrediction.Detections, removedPrediction.Detections, mask.Coverage));
            PredictionDelta artifactDelta = PredictionDelta.From(artifactMatching);
            IReadOnlyList<LayerChange> artifactLayers = Stage("compare layers", () => CompareLayers(originalPrediction, removedPrediction, mask));
            variants.Add(new VariantRecord(ArtifactRemovedVariant, removedPrediction.Detections, artifactMatching, artifactDelta, artifactLayers, null, null));

            // The gallery ranks pairs by the artifact's score shift, known now; a pair that may make it keeps its heatmap
            // layer before the placebo overwrites the variant buffers, and its images below.
            double shift = GalleryBuilder.RankingShift(new PairOutcome(pair.PairId, pair.ArtifactType, artifactDelta, [], artifactLayers, []));
            (string Layer, TapActivation? Original, TapActivation? Removed)? heatmap = pairIndex >= 0 && Gallery is { } gallery && gallery.WouldRank(shift, pairIndex)
                ? GalleryBuilder.CopyHeatmapLayer(spec.Policy.Policy, originalPrediction, removedPrediction)
                : null;
            (Mat Image, IReadOnlyList<Detection> Detections)? firstPlacebo = null;

            var placeboDeltas = new List<PredictionDelta>();
            var placeboLayers = new List<IReadOnlyList<LayerChange>>();
            for (int i = 0; i < placements.Count; i++)
            {
                PlaceboPlacement placement = placements[i];
                Mat placeboImage = Stage("build placebo variant", () => prepared.Placebo(placement.Dx, placement.Dy, () => MaskedVariantBuilder.Build(original, placement.Mask, RemovalMethod, spec.Masking.InpaintRadius)));
                YoloPrediction placeboPrediction = Stage("predict placebo", () => Predict(placeboImage, variantBuffers));

                // On-artifact is judged by the artifact's mask for both variants, so both split the same detections.
                DetectionMatching matching = Stage("match detections", () => _matcher.Match(originalPrediction.Detections, placeboPrediction.Detections, mask.Coverage));
                PredictionDelta delta = PredictionDelta.From(matching);
                IReadOnlyList<LayerChange> layers = Stage("compare layers", () => CompareLayers(originalPrediction, placeboPrediction, placement.Mask));
                placeboDeltas.Add(delta);
                // Channel selectivity feeds the top channels of the artifact variant only: the placebo's would be
                // about half of every journal line and never read, so the outcome does not carry it.
                placeboLayers.Add([.. layers.Select(l => l with { ChannelSelectivity = [] })]);
                firstPlacebo ??= (placeboImage, placeboPrediction.Detections);
                string name = placements.Count == 1 ? PlaceboVariant : $"{PlaceboVariant}{i + 1}";
                variants.Add(new VariantRecord(name, placeboPrediction.Detections, matching, delta, layers, placement.Dx, placement.Dy));
            }

            var outcome = new PairOutcome(pair.PairId, pair.ArtifactType, artifactDelta, placeboDeltas, artifactLayers, placeboLayers);
            if (heatmap is { } kept)
            {
                Gallery!.Add(pairIndex, pair.PairId, shift, GalleryBuilder.Keep(kept, prepared, originalPrediction, removedPrediction, firstPlacebo));
            }

            return new ProcessedPair(pair, outcome, variants);
        }
        finally
        {
            foreach (PlaceboPlacement placement in placements)
            {
                placement.Dispose();
            }
        }
    }

    private YoloPrediction Predict(Mat image, PredictionBuffers? buffers) =>
        buffers is null ? model.Predict(image, _prediction) : model.Predict(image, buffers, _prediction);

    /// <summary>A free set of buffers (new when none is free); null when the model cannot use buffers (float16).</summary>
    private PredictionBuffers? RentBuffers() =>
        !model.SupportsBuffers ? null : _buffers.TryTake(out PredictionBuffers? free) ? free : model.CreateBuffers();

    private void ReturnBuffers(PredictionBuffers? buffers)
    {
        if (buffers is not null)
        {
            _buffers.Add(buffers);
        }
    }

    /// <summary>
    /// Runs one pair again keeping its images and predictions, for the report's gallery: the same inputs, seed and
    /// placement as <see cref="ProcessAcross"/>, so the images are those the audit measured (the first placebo only).
    /// The caller disposes the result, before this processor (it hands the prediction buffers back).
    /// </summary>
    public PairReplay Replay(AuditPair pair)
    {
        PreparedPair prepared = Prepare(pair);
        Mat? placeboImage = null;

        // A set of buffers per variant, as the replay keeps all three predictions; they go back to this processor's
        // pool when the replay is disposed, so a gallery's replays reuse them instead of allocating every output.
        PredictionBuffers?[] buffers = [RentBuffers(), RentBuffers(), RentBuffers()];
        void ReturnAll()
        {
            foreach (PredictionBuffers? set in buffers)
            {
                ReturnBuffers(set);
            }
        }

        try
        {
            YoloPrediction originalPrediction = Stage("predict original", () => Predict(prepared.Original, buffers[0]));
            YoloPrediction removedPrediction = Stage("predict artifact-removed variant", () => Predict(prepared.Removed, buffers[1]));
            IReadOnlyList<BoundingBox> avoid = spec.Placebo.AvoidDetections ? [.. originalPrediction.Detections.Select(d => d.Box)] : [];
            IReadOnlyList<PlaceboPlacement> placements = Stage("place placebo", () => PlaceboPlacer.PlaceMany(
                prepared.Original, prepared.Mask, avoid, spec.Placebo.PerPair, PlaceboSeed(pair), spec.Placebo.Margin, spec.Placebo.MaxAttempts));
            YoloPrediction? placeboPrediction = null;
            try
            {
                if (placements.Count > 0)
                {
                    placeboImage = Stage("build placebo variant", () => MaskedVariantBuilder.Build(prepared.Original, placements[0].Mask, RemovalMethod, spec.Masking.InpaintRadius));
                    Mat image = placeboImage;
                    placeboPrediction = Stage("predict placebo", () => Predict(image, buffers[2]));
                }
            }
            finally
            {
                foreach (PlaceboPlacement placement in placements)
                {
                    placement.Dispose();
                }
            }

            return new PairReplay(prepared, originalPrediction, removedPrediction, placeboImage, placeboPrediction, ReturnAll);
        }
        catch
        {
            prepared.Dispose();
            placeboImage?.Dispose();
            ReturnAll();
            throw;
        }
    }

    private PreparedPair PrepareManifestPair(ManifestPair pair)
    {
        Mat? original = null;
        ArtifactMask? mask = null;
        try
        {
            original = Stage("read image", () => ImageFile.Read(pair.Image, spec.MaxPixels));
            Mat image = original;
            mask = Dilated(Stage("read mask", () => ArtifactMask.Load(pair.Mask, image.Width, image.Height, pair.Image)));
            ArtifactMask artifact = mask;
            Mat removed = Stage("build artifact-removed variant", () => BuildRemoved(pair, image, artifact));
            return new PreparedPair(pair, original, mask, removed);
        }
        catch
        {
            original?.Dispose();
            mask?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The painted image is the pair's original and the painter's mask (exactly the changed pixels) its mask. The
    /// clean image is a true counterfactual, so masking <c>counterfactual</c> uses it as it is; the mask-based methods
    /// remove the painted artifact like any other, so their own effect can be compared with the true one.
    /// </summary>
    private PreparedPair PrepareInsertionPair(InsertionPair pair)
    {
        ArtifactInserter painter = inserter ?? throw new InvalidOperationException("Insertion pairs need the ArtifactInserter of the spec's dataset.insertion.");
        Mat? clean = null;
        Mat? original = null;
        ArtifactMask? mask = null;
        try
        {
            clean = Stage("read image", () => ImageFile.Read(pair.Image, spec.MaxPixels));
            Mat image = clean;
            PaintedArtifact painted = Stage("insert artifact", () => painter.Paint(image, pair.Image));
            original = painted.Image;
            mask = Dilated(painted.Mask);
            Mat removed;
            if (spec.Masking.Method.ReadsMaskedImage())
            {
                removed = clean;
                clean = null; // handed over to the prepared pair
            }
            else
            {
                Mat withArtifact = original;
                ArtifactMask artifact = mask;
                removed = Stage("build artifact-removed variant", () => MaskedVariantBuilder.Build(withArtifact, artifact, RemovalMethod, spec.Masking.InpaintRadius));
            }

            return new PreparedPair(pair, original, mask, removed);
        }
        catch
        {
            original?.Dispose();
            mask?.Dispose();
            throw;
        }
        finally
        {
            clean?.Dispose();
        }
    }

    /// <summary>The mask grown by the spec's <c>masking.dilate</c>; takes ownership of <paramref name="mask"/>.</summary>
    private ArtifactMask Dilated(ArtifactMask mask)
    {
        if (spec.Masking.Dilate == 0)
        {
            return mask;
        }

        using (mask)
        {
            return mask.Dilate(spec.Masking.Dilate);
        }
    }

    /// <summary>How a region is removed when it is built from a mask: the spec's method, or Telea when the spec reads its artifact variant from the dataset.</summary>
    private ImagingMethod RemovalMethod => spec.Masking.Method switch
    {
        SpecMethod.InpaintNs => ImagingMethod.InpaintNavierStokes,
        SpecMethod.FillMean => ImagingMethod.FillMean,
        SpecMethod.Blur => ImagingMethod.Blur,
        _ => ImagingMethod.InpaintTelea,
    };

    /// <summary>A per-pair seed from the spec's seed and the pair id, so a pair's placebo does not depend on which other pairs run.</summary>
    private int PlaceboSeed(AuditPair pair)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a over the pair id: stable across runs, platforms and shards
        foreach (char c in pair.PairId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((int)(hash ^ (ulong)spec.Placebo.Seed) ^ (int)(hash >> 32));
    }

    private Mat BuildRemoved(ManifestPair pair, Mat original, ArtifactMask mask)
    {
        if (spec.Masking.Method is SpecMethod.Given or SpecMethod.Counterfactual)
        {
            if (pair.Counterfactual is null)
            {
                throw new AuditInputException($"Pair '{pair.PairId}' has no counterfactual image; masking method '{spec.Masking.Method}' reads it from the manifest's counterfactual column.");
            }

            Mat read = ImageFile.Read(pair.Counterfactual, spec.MaxPixels);
            if (read.Width != original.Width || read.Height != original.Height)
            {
                string message = $"Counterfactual '{pair.Counterfactual}' is {read.Width}x{read.Height}; its image '{pair.Image}' is {original.Width}x{original.Height}.";
                read.Dispose();
                throw new AuditInputException(message);
            }

            return read;
        }

        return MaskedVariantBuilder.Build(original, mask, RemovalMethod, spec.Masking.InpaintRadius);
    }

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

    private static T Stage<T>(string stage, Func<T> action)
    {
        try
        {
            AuditStageTimings.PairScope? scope = t_scope;
            if (scope is null)
            {
                return action();
            }

            T result = scope.Time(stage, action);
            if (result is YoloPrediction prediction)
            {
                // The parts of a prediction, so the fixed cost around ONNX Runtime can be told from the forward pass.
                scope.Add("  of which letterbox", prediction.Timings.PreprocessMs);
                scope.Add("  of which onnx run", prediction.Timings.InferenceMs);
                scope.Add("  of which decode", prediction.Timings.PostprocessMs);
                scope.Add("  of which tap copy", prediction.Timings.TapCopyMs);
            }

            return result;
        }
        catch (AuditInputException ex)
        {
            throw new PairException(ex is InvalidModelOutputException ? InvalidModelOutputException.Stage : stage, ex.Message, ex);
        }
    }
}
