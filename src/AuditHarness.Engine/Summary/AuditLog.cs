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
/// <c>docs/columns.md</c> (one missing-value rule: an empty field; flags <c>true</c>/<c>false</c>; counts named <c>*_count</c>
/// where the bare name could read as a flag); <c>pair-metrics.csv</c> grows model by model as checks are judged;
/// <c>summary.csv</c> and <c>channels.csv</c> are written once, from the frozen summary.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly CsvTableFile _pairs;
    private readonly CsvTableFile _detections;
    private readonly CsvTableFile _layers;
    private readonly CsvTableFile _errors;
    private readonly CsvTableFile _pairMetrics;
    private readonly string _folder;

    public AuditLog(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        _pairs = new CsvTableFile(Path.Combine(folder, "pairs.csv"), ["model", "pair_id", "artifact_type", "label", "variant", "detection_count", "matched_count", "flipped_count", "lost_count", "new_count", "on_artifact_count", "mean_score_drop", "mean_score_drop_off_artifact", "matched_score_drop", "matched_score_drop_off_artifact", "placebo_dx", "placebo_dy", "placebo_control", "placebo_host"]);
        _detections = new CsvTableFile(Path.Combine(folder, "detections.csv"), ["model", "pair_id", "variant", "detection", "class_id", "class_name", "score", "x1", "y1", "x2", "y2", "matched_original", "flipped", "on_artifact", "score_drop", "matched_score_drop"]);
        _layers = new CsvTableFile(Path.Combine(folder, "layers.csv"), ["model", "pair_id", "artifact_type", "variant", "tap", "relative_change", "pooled_cosine", "inside_share", "area_share", "inside_share_excess"]);
        _errors = new CsvTableFile(Path.Combine(folder, "errors.csv"), ["model", "pair_id", "manifest_row", "stage", "message"]);
        _pairMetrics = new CsvTableFile(Path.Combine(folder, PairMetricsFile.FileName), PairMetricsFile.Columns);
    }

    /// <summary>Formats and appends one <c>errors.csv</c> row.</summary>
    public void WriteFailure(PairFailure failure) => Append(new PairLogRows(string.Empty, string.Empty, string.Empty, FormatFailure(failure)));

    /// <summary>Appends rows formatted by <see cref="FormatPair"/> or <see cref="FormatFailure"/> (possibly read back from a run journal) and flushes them.</summary>
    public void Append(PairLogRows rows) => Append(rows, flush: true);

    /// <summary>
    /// Appends rows as <see cref="Append(PairLogRows)"/> does; with <paramref name="flush"/> false they may wait in the
    /// logs' buffers until <see cref="Flush"/> (records read back from a journal come faster than a reader follows them).
    /// </summary>
    public void Append(PairLogRows rows, bool flush)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AppendTo(_pairs, rows.Pairs, flush);
        AppendTo(_detections, rows.Detections, flush);
        AppendTo(_layers, rows.Layers, flush);
        AppendTo(_errors, rows.Errors, flush);
    }

    /// <summary>Writes the rows appended so far through to the logs.</summary>
    public void Flush()
    {
        _pairs.FlushRows();
        _detections.FlushRows();
        _layers.FlushRows();
        _errors.FlushRows();
    }

    /// <summary>
    /// Appends one model's <c>pair-metrics.csv</c> rows when its checks are judged: exactly the per-pair values behind
    /// each check's statistics, check after check, so a later run can be compared pair by pair. Written per model, so
    /// no summary holds them.
    /// </summary>
    internal void AppendPairMetrics(PairColumns columns, IReadOnlyList<CheckResult> checks)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(checks);
        CsvHelper.CsvWriter w = _pairMetrics.Writer;
        foreach (CheckResult r in checks)
        {
            foreach (int row in SummaryBuilder.RowsWithValue(columns, r))
            {
                (double artifact, double placebo) = columns.Effects(row, r.Check.Metric, r.Check.Layer);
                int subject = columns.SubjectOf(row);
                w.WriteField(r.Model);
                w.WriteField(columns.PairIdOf(row));
                w.WriteField(r.ArtifactType);
                w.WriteField(r.Check.Id);
                w.WriteNumber(artifact);
                w.WriteNumber(placebo);
                w.WriteNumber(artifact - placebo);
                w.WriteField(subject < 0 ? string.Empty : columns.Subjects[subject]);
                w.WriteNumber(columns.Pooled(row, r.Check.Metric, r.Check.Layer).Weight);
                w.EndRecord();
            }
        }

        _pairMetrics.FlushRows();
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
                PairLogRowFormatter.WritePairRow(w, model, processed.Pair.PairId, processed.Pair.ArtifactType, processed.Pair.Label ?? string.Empty, variant.Variant, variant.Detections.Count, variant.Delta, variant.PlaceboDx, variant.PlaceboDy, processed.Outcome);
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
                PairLogRowFormatter.WriteLayerRows(w, model, processed.Pair.PairId, processed.Pair.ArtifactType, variant.Variant, variant.Layers);
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
                w.WriteNumber(r.Check.Threshold);
                w.WriteField(r.Pairs, default);
                w.WriteNumber(r.Estimate);
                w.WriteNumber(r.Low);
                w.WriteNumber(r.High);
                w.WriteNumber(r.ArtifactEffect);
                w.WriteNumber(r.PlaceboEffect);
                w.WriteNumber(r.PValue);
                w.WriteNumber(r.HolmPValue);
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

        // Ranked per artifact type: the channels one artifact drives are not averaged with another's.
        using (var table = new CsvTableFile(Path.Combine(_folder, "channels.csv"), ["model", "artifact_type", "tap", "rank", "channel", "mean_selectivity", "max_selectivity", "pairs", "max_pair_id"]))
        {
            foreach (ModelAuditSummary model in summary.Models)
            {
                var groups = model.TopChannels.Values.SelectMany(c => c)
                    .GroupBy(c => (c.ArtifactType, c.Tap))
                    .OrderBy(g => g.Key.ArtifactType, StringComparer.Ordinal).ThenBy(g => g.Key.Tap, StringComparer.Ordinal);
                foreach (var group in groups)
                {
                    SelectiveChannel[] channels = [.. group];
                    for (int rank = 0; rank < channels.Length; rank++)
                    {
                        SelectiveChannel c = channels[rank];
                        var w = table.Writer;
                        w.WriteField(model.Model);
                        w.WriteField(c.ArtifactType);
                        w.WriteField(c.Tap);
                        w.WriteField(rank + 1, default);
                        w.WriteField(c.Channel, default);
                        w.WriteNumber(c.MeanSelectivity);
                        w.WriteNumber(c.MaxSelectivity);
                        w.WriteField(c.Pairs, default);
                        w.WriteField(c.MaxPairId);
                        w.EndRecord();
                    }
                }
            }

            table.Complete();
        }

        TraceTable.Write(_folder, summary);
        _pairMetrics.Complete();
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
        _pairMetrics.Dispose();
    }

    private static void AppendTo(CsvTableFile table, string rows, bool flush)
    {
        if (rows.Length > 0)
        {
            table.AppendRows(rows, flush);
        }
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
            w.WriteNumber(det.Score);
            w.WriteNumber(det.Box.X1);
            w.WriteNumber(det.Box.Y1);
            w.WriteNumber(det.Box.X2);
            w.WriteNumber(det.Box.Y2);
            PairLogRowFormatter.WriteOptional(w, change?.OriginalIndex);
            w.WriteFlag(change?.Flipped);
            w.WriteFlag(onArtifact);
            WriteOptional(w, change?.ClassScoreDrop);
            WriteOptional(w, change?.MatchedScoreDrop);
            w.EndRecord();
        }
    }

    private static void WriteOptional(CsvHelper.CsvWriter w, float? value)
    {
        if (value is float v)
        {
            w.WriteNumber(v);
        }
        else
        {
            w.WriteField(string.Empty);
        }
    }
}
