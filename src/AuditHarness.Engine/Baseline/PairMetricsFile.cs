using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Results;
using CsvHelper;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// <c>pair-metrics.csv</c>: the per-pair artifact effect, placebo effect and reliance behind every check of a run, with
/// the pair's weight in the check's pooled estimate and its subject (written by <see cref="AuditLog"/> when the run
/// completes), read back to compare a later run with it. A file without the last two columns was written before the
/// checks pooled over detections; it cannot give the pooled estimate and is refused with a request to re-run it.
/// </summary>
public static class PairMetricsFile
{
    public const string FileName = "pair-metrics.csv";

    public static IReadOnlyList<string> Columns { get; } = ["model", "pair_id", "artifact_type", "check", "artifact_effect", "placebo_effect", "reliance", "subject_id", "weight"];

    /// <summary>The header of files written before the pooled estimator (no weight, no subject).</summary>
    public static IReadOnlyList<string> PrePooledColumns { get; } = ["model", "pair_id", "artifact_type", "check", "artifact_effect", "placebo_effect", "reliance"];

    private static readonly CsvReaderOptions Options = new() { Separator = ',' };

    /// <summary>
    /// The rows of <paramref name="runFolder"/>'s <c>pair-metrics.csv</c>, streamed (a run of 10^6 pairs has tens of
    /// millions); a missing file is an <see cref="AuditInputException"/> at once, another header or a bad row when it is read.
    /// </summary>
    public static IEnumerable<PairMetricsRow> Read(string runFolder)
    {
        string path = Path.Combine(runFolder, FileName);
        if (!File.Exists(path))
        {
            throw new AuditInputException($"Run folder '{runFolder}' has no {FileName}; expected a folder written by 'run' (version with baseline support) when it completed.");
        }

        return ReadRows(path);
    }

    /// <summary>
    /// Every check's <see cref="CheckClusterSums"/> of <paramref name="runFolder"/>'s <c>pair-metrics.csv</c>, by model,
    /// artifact type and check id, summed a row at a time: the run writes each check's rows together, so only one check
    /// is being added to at a time. The checks share one table of the run's pair ids and one of its clusters.
    /// </summary>
    public static IReadOnlyDictionary<(string Model, string Type, string Check), CheckClusterSums> ReadSums(string runFolder)
    {
        var pairs = new IdTable();
        var clusters = new IdTable();
        var sums = new Dictionary<(string Model, string Type, string Check), CheckClusterSums>();
        CheckClusterSums? current = null;
        (string Model, string Type, string Check) currentKey = default;
        foreach (PairMetricsRow row in Read(runFolder))
        {
            var key = (row.Model, row.ArtifactType, row.CheckId);
            if (current is null || key != currentKey)
            {
                current?.Complete();
                if (!sums.TryGetValue(key, out current))
                {
                    current = new CheckClusterSums(pairs, clusters);
                    sums.Add(key, current);
                }

                currentKey = key;
            }

            current.Add(row.Value);
        }

        current?.Complete();
        return sums;
    }

    private static IEnumerable<PairMetricsRow> ReadRows(string path)
    {
        using CsvReader reader = CsvReader.FromFile(path, Options);
        reader.ReadHeader();
        if (reader.Headers.SequenceEqual(PrePooledColumns, StringComparer.Ordinal))
        {
            throw new AuditInputException($"'{path}' has no subject_id and weight columns: its run predates the pooled estimator the checks use, so its estimates cannot be recomputed; re-run that audit with this version to use it as a baseline.");
        }

        if (!reader.Headers.SequenceEqual(Columns, StringComparer.Ordinal))
        {
            throw new AuditInputException($"'{path}' has the header {string.Join(",", reader.Headers)}; expected {string.Join(",", Columns)}.");
        }

        while (reader.Read())
        {
            long row = reader.RowNumber;
            double Number(int index)
            {
                string text = reader.GetString(index);
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                    ? value
                    : throw new AuditInputException($"'{path}' row {row.ToString(CultureInfo.InvariantCulture)}: column '{Columns[index]}' is '{text}'; expected a finite number.");
            }

            double weight = Number(8);
            if (weight <= 0)
            {
                throw new AuditInputException($"'{path}' row {row.ToString(CultureInfo.InvariantCulture)}: column 'weight' is {weight.ToString(CultureInfo.InvariantCulture)}; expected a number above zero (a pair with nothing to count over has no row).");
            }

            string subject = CsvRowFormatter.ReadText(reader.GetString(7));
            yield return new PairMetricsRow(
                CsvRowFormatter.ReadText(reader.GetString(0)),
                CsvRowFormatter.ReadText(reader.GetString(2)),
                CsvRowFormatter.ReadText(reader.GetString(3)),
                new CheckPairValue(CsvRowFormatter.ReadText(reader.GetString(1)), Number(4), Number(5), Number(6))
                {
                    Weight = weight,
                    SubjectId = subject.Length == 0 ? null : subject,
                });
        }
    }
}
