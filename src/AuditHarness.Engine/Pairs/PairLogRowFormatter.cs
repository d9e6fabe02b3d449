using AuditHarness.Core.Comparison;
using AuditHarness.Core.IO;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// Formats a processed pair's <c>pairs.csv</c> and <c>layers.csv</c> rows: for <see cref="Summary.AuditLog.FormatPair"/>
/// as the pair finishes, and again from its outcome (and the few values the outcome lacks) for a run journal, which
/// keeps no rows it can have formatted again. One formatter for both, so the rows are the same bytes.
/// </summary>
public static class PairLogRowFormatter
{
    /// <summary>
    /// The <c>layers.csv</c> rows of a processed pair formatted again from its outcome alone: the artifact variant's
    /// layers, then each placebo's (named as <see cref="PairProcessor.PlaceboVariantName"/> names them). A run journal
    /// keeps only the outcome and this gives back the rows <see cref="Summary.AuditLog.FormatPair"/> wrote.
    /// </summary>
    public static string FormatLayerRows(string model, PairOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outcome);
        return CsvRowFormatter.Format(w =>
        {
            WriteLayerRows(w, model, outcome.PairId, outcome.ArtifactType, PairProcessor.ArtifactRemovedVariant, outcome.ArtifactLayers);
            for (int i = 0; i < outcome.PlaceboLayers.Count; i++)
            {
                WriteLayerRows(w, model, outcome.PairId, outcome.ArtifactType, PairProcessor.PlaceboVariantName(i, outcome.PlaceboLayers.Count), outcome.PlaceboLayers[i]);
            }
        });
    }

    internal static void WriteLayerRows(CsvHelper.CsvWriter w, string model, string pairId, string artifactType, string variant, IReadOnlyList<LayerChange> layers)
    {
        foreach (LayerChange layer in layers)
        {
            w.WriteField(model);
            w.WriteField(pairId);
            w.WriteField(artifactType);
            w.WriteField(variant);
            w.WriteField(layer.Tap);
            w.WriteNumber(layer.RelativeChange);
            w.WriteNumber(layer.PooledCosine);
            w.WriteNumber(layer.InsideShare);
            w.WriteNumber(layer.AreaShare);
            w.WriteNumber(layer.InsideShareExcess);
            w.EndRecord();
        }
    }

    /// <summary>
    /// The <c>pairs.csv</c> rows of a processed pair formatted again from its outcome and what the outcome does not hold:
    /// the pair's label and, per variant (original, artifact removed, then a transplant's host and placebo or each
    /// shifted placebo, as <see cref="PairProcessor"/> orders them), its detection count and placebo shift. A run
    /// journal keeps only those and this gives back the rows <see cref="Summary.AuditLog.FormatPair"/> wrote.
    /// </summary>
    internal static string FormatPairRows(string model, PairOutcome outcome, string label, ReadOnlySpan<(int Detections, int? Dx, int? Dy)> variants)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(label);
        (string Name, PredictionDelta? Delta)[] names = PairRowVariants(outcome);
        if (variants.Length != names.Length)
        {
            throw new ArgumentException($"The outcome of pair '{outcome.PairId}' has {names.Length} variants; {variants.Length} given.", nameof(variants));
        }

        (int Detections, int? Dx, int? Dy)[] counts = variants.ToArray();
        return CsvRowFormatter.Format(w =>
        {
            for (int i = 0; i < names.Length; i++)
            {
                WritePairRow(w, model, outcome.PairId, outcome.ArtifactType, label, names[i].Name, counts[i].Detections, names[i].Delta, counts[i].Dx, counts[i].Dy, outcome);
            }
        });
    }

    /// <summary>The variants of a processed pair in the order of its <c>pairs.csv</c> rows, with their prediction deltas.</summary>
    internal static (string Name, PredictionDelta? Delta)[] PairRowVariants(PairOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.PlaceboHost is not null)
        {
            return [(PairProcessor.OriginalVariant, null), (PairProcessor.ArtifactRemovedVariant, outcome.Artifact), .. outcome.Placebos.SelectMany(p => new (string, PredictionDelta?)[] { (PairProcessor.PlaceboHostVariant, null), (PairProcessor.PlaceboVariant, p) })];
        }

        return [(PairProcessor.OriginalVariant, null), (PairProcessor.ArtifactRemovedVariant, outcome.Artifact), .. outcome.Placebos.Select((p, i) => (PairProcessor.PlaceboVariantName(i, outcome.Placebos.Count), (PredictionDelta?)p))];
    }

    internal static void WritePairRow(
        CsvHelper.CsvWriter w, string model, string pairId, string artifactType, string label, string variant, int detections, PredictionDelta? d, int? placeboDx, int? placeboDy, PairOutcome outcome)
    {
        w.WriteField(model);
        w.WriteField(pairId);
        w.WriteField(artifactType);
        w.WriteField(label);
        w.WriteField(variant);
        w.WriteField(detections, default);
        if (d is null)
        {
            for (int i = 0; i < 9; i++)
            {
                w.WriteField(string.Empty);
            }
        }
        else
        {
            w.WriteField(d.OriginalCount - d.Lost, default);
            w.WriteField(d.Flips, default);
            w.WriteField(d.Lost, default);
            w.WriteField(d.New, default);
            w.WriteField(d.OnArtifact, default);
            // Every score column is a drop (original minus variant): positive = the model leaned on what was removed.
            w.WriteNumber(d.MeanScoreDrop);
            w.WriteNumber(d.MeanScoreDropOffArtifact);
            w.WriteNumber(0 - d.MeanScoreDelta); // 0 - x, not -x: a -0 would print as "-0"
            w.WriteNumber(0 - d.MeanScoreDeltaOffArtifact);
        }

        WriteOptional(w, placeboDx);
        WriteOptional(w, placeboDy);
        w.WriteField(outcome.PlaceboControl); // a property of the pair, on each of its rows
        w.WriteField(outcome.PlaceboHost ?? string.Empty);
        w.EndRecord();
    }

    internal static void WriteOptional(CsvHelper.CsvWriter w, int? value)
    {
        if (value is int v)
        {
            w.WriteField(v, default);
        }
        else
        {
            w.WriteField(string.Empty);
        }
    }
}
