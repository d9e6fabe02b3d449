using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Engine.Baseline;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// The run's CSV logs, written as pairs finish (rows flushed per pair, invariant culture, fixed column order)
/// and renamed from <c>*.partial</c> to their real names only when the run completes. Columns are documented in
/// the README; <c>summary.csv</c> and <c>channels.csv</c> are written once, from the frozen summary.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly CsvTableFile _pairs;
    private readonly CsvTableFile _detections;
    private readonly CsvTableFile _layers;
    private readonly CsvTableFile _errors;
    private readonly string _folder;

    public AuditLog(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        _pairs = new CsvTableFile(Path.Combine(folder, "pairs.csv"), ["model", "pair_id", "artifact_type", "label", "variant", "detections", "matched", "flipped", "lost", "new", "on_artifact", "mean_score_drop", "mean_score_drop_off_artifact", "matched_score_drop", "matched_score_drop_off_artifact", "placebo_dx", "placebo_dy", "placebo_control", "placebo_host"]);
        _detections = new CsvTableFile(Path.Combine(folder, "detections.csv"), ["model", "pair_id", "variant", "detection", "class_id", "class_name", "score", "x1", "y1", "x2", "y2", "matched_original", "flipped", "on_artifact", "score_drop", "matched_score_drop"]);
        _layers = new CsvTableFile(Path.Combine(folder, "layers.csv"), ["model", "pair_id", "artifact_type", "variant", "tap", "relative_change", "pooled_cosine", "inside_share", "area_share", "inside_share_excess"]);
        _errors = new CsvTableFile(Path.Combine(folder, "errors.csv"), ["model", "pair_id", "manifest_row", "stage", "message"]);
    }

    /// <summary>Formats and appends one <c>errors.csv</c> row.</summary>
    public void WriteFailure(PairFailure failure) => Append(new PairLogRows(string.Empty, string.Empty, string.Empty, FormatFailure(failure)));

    /// <summary>Appends rows formatted by <see cref="FormatPair"/> or <see cref="FormatFailure"/> (possibly read back from a run journal) and flushes them.</summary>
    public void Append(PairLogRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AppendTo(_pairs, rows.Pairs);
        AppendTo(_detections, rows.Detections);
        AppendTo(_layers, rows.Layers);
        AppendTo(_errors, rows.Errors);
    }

    /// <summary>The <c>pairs.csv</c>, <c>detections.csv</c> and <c>layers.csv</c> rows of one processed pair, as text.</summary>
    public static PairLogRows FormatPair(string model, ProcessedPair processed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(processed);
        string pairs = CsvRowFormatter.Format(w =>
        {
            foreach (VariantRecord variant in processed.Variants)
            {
                WritePairRow(w, model, processed, variant);
            }
        });
        string detections = CsvRowFormatter.Format(w =>
        {
            foreach (VariantRecord variant in processed.Variants)
            {
                WriteDetections(w, model, processed, variant);
            }
        });
        string layers = CsvRowFormatter.Format(w =>
        {
            foreach (VariantRecord variant in processed.Variants)
            {
                foreach (LayerChange layer in variant.Layers)
                {
                    w.WriteField(model);
                    w.WriteField(processed.Pair.PairId);
                    w.WriteField(processed.Pair.ArtifactType);
                    w.WriteField(variant.Variant);
                    w.WriteField(layer.Tap);
                    w.WriteField(layer.RelativeChange, default);
                    w.WriteField(layer.PooledCosine, default);
                    w.WriteField(layer.InsideShare, default);
                    w.WriteField(layer.AreaShare, default);
                    w.WriteField(layer.InsideShareExcess, default);
                    w.EndRecord();
                }
            }
        });
        return new PairLogRows(pairs, detections, layers, string.Empty);
    }

    /// <summary>The <c>errors.csv</c> row of a pair (or manifest row) that could not be processed, as text.</summary>
    public static string FormatFailure(PairFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return CsvRowFormatter.Format(w =>
        {
            w.WriteField(failure.Model);
            w.WriteField(failure.PairId);
            if (failure.ManifestRow is int row)
            {
                w.WriteField(row, default);
            }
            else
            {
                w.WriteField(string.Empty);
            }

            w.WriteField(failure.Stage);
            w.WriteField(failure.Message);
            w.EndRecord();
        });
    }

    /// <summary>Writes the summary tables and gives every log its real name.</summary>
    public void Complete(AuditSummary summary)
    {
        using (var table = new CsvTableFile(Path.Combine(_folder, "summary.csv"), ["model", "artifact_type", "check", "metric", "layer", "direction", "threshold", "pairs", "estimate", "ci_low", "ci_high", "artifact_effect", "placebo_effect", "p_value", "p_holm", "resampled_unit", "clusters", "verdict", "note", "pairs_shifted_control", "pairs_transplant_control"]))
        {
            foreach (CheckResult r in summary.Models.SelectMany(m => m.Checks))
            {
                var w = table.Writer;
                w.WriteField(r.Model);
                w.WriteField(r.ArtifactType);
                w.WriteField(r.Check.Id);
                w.WriteField(r.Check.Metric.Definition().Name);
                w.WriteField(r.Check.Layer ?? string.Empty);
                w.WriteField(Core.Specs.Validation.SpecEnum.Name(r.Check.Direction));
                w.WriteField(r.Check.Threshold, default);
                w.WriteField(r.Pairs, default);
                w.WriteField(r.Estimate, default);
                w.WriteField(r.Low, default);
                w.WriteField(r.High, default);
                w.WriteField(r.ArtifactEffect, default);
                w.WriteField(r.PlaceboEffect, default);
                w.WriteField(r.PValue, default);
                w.WriteField(r.HolmPValue, default);
                w.WriteField(r.ResampledUnit);
                w.WriteField(r.Clusters, default);
                w.WriteField(VerdictText.Of(r.Verdict));
                w.WriteField(r.Note ?? string.Empty);
                w.WriteField(r.Controls.Shifted, default);
                w.WriteField(r.Controls.Transplant, default);
                w.EndRecord();
            }

            table.Complete();
        }

        // Exactly the per-pair values behind each check's statistics, so a later run can be compared pair by pair.
        using (var table = new CsvTableFile(Path.Combine(_folder, PairMetricsFile.FileName), PairMetricsFile.Columns))
        {
            foreach (CheckResult r in summary.Models.SelectMany(m => m.Checks))
            {
                foreach (CheckPairValue v in r.PairValues)
                {
                    var w = table.Writer;
                    w.WriteField(r.Model);
                    w.WriteField(v.PairId);
                    w.WriteField(r.ArtifactType);
                    w.WriteField(r.Check.Id);
                    w.WriteField(v.ArtifactEffect, default);
                    w.WriteField(v.PlaceboEffect, default);
                    w.WriteField(v.Reliance, default);
                    w.WriteField(v.SubjectId ?? string.Empty);
                    w.WriteField(v.Weight, default);
                    w.EndRecord();
                }
            }

            table.Complete();
        }

        using (var table = new CsvTableFile(Path.Combine(_folder, "channels.csv"), ["model", "tap", "rank", "channel", "mean_selectivity", "max_selectivity", "pairs", "max_pair_id"]))
        {
            foreach (ModelAuditSummary model in summary.Models)
            {
                foreach ((string tap, IReadOnlyList<SelectiveChannel> channels) in model.TopChannels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    for (int rank = 0; rank < channels.Count; rank++)
                    {
                        SelectiveChannel c = channels[rank];
                        var w = table.Writer;
                        w.WriteField(model.Model);
                        w.WriteField(tap);
                        w.WriteField(rank + 1, default);
                        w.WriteField(c.Channel, default);
                        w.WriteField(c.MeanSelectivity, default);
                        w.WriteField(c.MaxSelectivity, default);
                        w.WriteField(c.Pairs, default);
                        w.WriteField(c.MaxPairId);
                        w.EndRecord();
                    }
                }
            }

            table.Complete();
        }

        TraceTable.Write(_folder, summary);
        _pairs.Complete();
        _detections.Complete();
        _layers.Complete();
        _errors.Complete();
    }

    public void Dispose()
    {
        _pairs.Dispose();
        _detections.Dispose();
        _layers.Dispose();
        _errors.Dispose();
    }

    private static void AppendTo(CsvTableFile table, string rows)
    {
        if (rows.Length > 0)
        {
            table.AppendRows(rows);
        }
    }

    private static void WritePairRow(CsvHelper.CsvWriter w, string model, ProcessedPair processed, VariantRecord variant)
    {
        PredictionDelta? d = variant.Delta;
        w.WriteField(model);
        w.WriteField(processed.Pair.PairId);
        w.WriteField(processed.Pair.ArtifactType);
        w.WriteField(processed.Pair.Label ?? string.Empty);
        w.WriteField(variant.Variant);
        w.WriteField(variant.Detections.Count, default);
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
            w.WriteField(d.MeanScoreDrop, default);
            w.WriteField(d.MeanScoreDropOffArtifact, default);
            w.WriteField(0 - d.MeanScoreDelta, default); // 0 - x, not -x: a -0 would print as "-0"
            w.WriteField(0 - d.MeanScoreDeltaOffArtifact, default);
        }

        WriteOptional(w, variant.PlaceboDx);
        WriteOptional(w, variant.PlaceboDy);
        w.WriteField(processed.Outcome.PlaceboControl); // a property of the pair, on each of its rows
        w.WriteField(processed.Outcome.PlaceboHost ?? string.Empty);
        w.EndRecord();
    }

    private static void WriteDetections(CsvHelper.CsvWriter w, string model, ProcessedPair processed, VariantRecord variant)
    {
        // For the original, on-artifact comes from the artifact variant's matching (it is a property of the original's box).
        DetectionMatching? artifactMatching = processed.Variants.FirstOrDefault(v => v.Variant == PairProcessor.ArtifactRemovedVariant)?.Matching;
        for (int i = 0; i < variant.Detections.Count; i++)
        {
            Detection det = variant.Detections[i];
            DetectionChange? change = variant.Matching?.Changes.FirstOrDefault(c => c.Matched is not null && ReferenceEquals(c.Matched, det));
            // The host of a transplanted placebo is another image: the original's on-artifact flags do not apply to it.
            bool? onArtifact = variant.Variant == PairProcessor.PlaceboHostVariant ? null
                : variant.Matching is null ? artifactMatching?.Changes[i].OnArtifact : change?.OnArtifact;
            w.WriteField(model);
            w.WriteField(processed.Pair.PairId);
            w.WriteField(variant.Variant);
            w.WriteField(i, default);
            w.WriteField(det.ClassId, default);
            w.WriteField(det.ClassName);
            w.WriteField(det.Score, default);
            w.WriteField(det.Box.X1, default);
            w.WriteField(det.Box.Y1, default);
            w.WriteField(det.Box.X2, default);
            w.WriteField(det.Box.Y2, default);
            WriteOptional(w, change?.OriginalIndex);
            w.WriteField(change is null ? string.Empty : change.Flipped ? "true" : "false");
            w.WriteField(onArtifact is null ? string.Empty : onArtifact.Value ? "true" : "false");
            WriteOptional(w, change?.ClassScoreDrop);
            WriteOptional(w, change?.MatchedScoreDrop);
            w.EndRecord();
        }
    }

    private static void WriteOptional(CsvHelper.CsvWriter w, float? value)
    {
        if (value is float v)
        {
            w.WriteField(v, default);
        }
        else
        {
            w.WriteField(string.Empty);
        }
    }

    private static void WriteOptional(CsvHelper.CsvWriter w, int? value)
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
