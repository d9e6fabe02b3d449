using AuditHarness.Inference.Models;

namespace AuditHarness.Engine.Gallery;

/// <summary>
/// The gallery heatmap's layer (<see cref="GalleryBuilder.HeatmapLayer"/>, empty when nothing spatial was tapped) and
/// copies of its activations in the original and the artifact-removed prediction, taken while the prediction buffers
/// still hold them (the placebo's prediction reuses the variant's buffers).
/// </summary>
internal readonly record struct HeatmapLayerCopy(string Layer, TapActivation? Original, TapActivation? Removed);
