using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Results;
using CsvHelper;

namespace AuditHarness.Engine.History;

/// <summary>
/// <c>history.csv</c> at a spec's output root: one row per finished run, oldest first. A row is added by reading the
/// file, appending and writing the whole under a temporary name that is then renamed, while holding an exclusive
/// lock file, so concurrent runs under one root (a CronJob overlapping a manual run) neither lose a row nor leave a
/// half-written file. Lists are escaped (<c>%</c>, <c>;</c>, <c>=</c> as <c>%25</c>, <c>%3B</c>, <c>%3D</c>) and the
/// CSV quoted, so no value can break a row; a damaged file found by a run is set aside (<see cref="DamagedFileName"/>)
/// with a warning and a new history begun, so it never stops a run.
/// </summary>
/// <remarks>
/// The header is <see cref="Columns"/> followed by one column per key metric (each check's estimate), named by its
/// key <c>model|artifact_type|check</c>. When the checks change, a new key becomes a new column appended at the end
/// (new keys of one run in ordinal order), with the earlier rows empty in it; a key a run lacks stays a column and is
/// empty in that run's row; an empty cell is also how a check without a value (NaN) is written. Since the whole file is
/// rewritten for every row, the header grows in the same atomic rename. A file of the former layout, with the key
/// metrics packed into one <c>key_metrics</c> column (<see cref="PackedColumns"/>), is still read, and the next row
/// added rewrites it in this layout.
/// </remarks>
public static class RunHistory
{
    public const string FileName = "history.csv";

    /// <summary>The fixed columns, first in every row; the key metrics' columns follow them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["finished_utc", "run", "audit", "verdict", "models", "model_sha256", "pairs_completed", "pairs_failed", "failed_checks", "warned_checks", "regressions"];

    /// <summary>The header of the former layout: the fixed columns and every key metric packed into <c>key_metrics</c>.</summary>
    public static IReadOnlyList<string> PackedColumns { get; } = [.. Columns, "key_metrics"];

    private const char KeySeparator = '|';

    private static readonly CsvReaderOptions ReaderOptions = new() { Separator = ',' };

    /// <summary>The run's history row, from its frozen summary and the SHA-256 of each model file (null when unknown).</summary>
    public static RunHistoryEntry EntryFor(AuditSummary summary, DateTimeOffset finishedUtc, Func<string, string?> modelSha256)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(modelSha256);
        CheckResult[] checks = [.. summary.Models.SelectMany(m => m.Checks)];
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (CheckResult c in checks)
        {
            metrics[RunHistoryEntry.MetricKey(c.Model, c.ArtifactType, c.Check.Id)] = c.Estimate;
        }

        return new RunHistoryEntry(
            finishedUtc.ToUniversalTime(),
            Path.GetFileName(Path.TrimEndingDirectorySeparator(summary.OutputFolder)),
            summary.AuditName,
            VerdictText.Of(summary.Verdict, summary.IsBroken),
            [.. summary.Models.Select(m => m.Model)],
            [.. summary.Models.Select(m => modelSha256(m.ModelPath) ?? string.Empty)],
            summary.Models.Sum(m => m.PairsCompleted),
            summary.Models.Sum(m => m.Failures.Count),
            checks.Count(c => c.Verdict is Verdict.Fail or Verdict.Inconclusive), // both fail the gate
            checks.Count(c => c.Verdict == Verdict.Warn),
            summary.Baseline?.Results.Count(r => r.Verdict == Verdict.Fail) ?? 0,
            metrics);
    }

    /// <summary>The rows of <c>history.csv</c> under <paramref name="root"/>, oldest first; none when the file does not exist yet.</summary>
    public static IReadOnlyList<RunHistoryEntry> Read(string root) => ReadTable(root).Entries;

    /// <summary>The rows and the key metrics' columns in file order (for a packed file: its keys in ordinal order).</summary>
    private static (IReadOnlyList<RunHistoryEntry> Entries, IReadOnlyList<string> MetricColumns) ReadTable(string root)
    {
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return ([], []);
        }

        using CsvReader reader = CsvReader.FromFile(path, ReaderOptions);
        reader.ReadHeader();
        string[] header = [.. reader.Headers];
        bool packed = header.SequenceEqual(PackedColumns, StringComparer.Ordinal);
        string[] metricColumns = packed ? [] : header[Math.Min(Columns.Count, header.Length)..];
        if (!packed && (!header.Take(Columns.Count).SequenceEqual(Columns, StringComparer.Ordinal) || header.Length < Columns.Count
            || metricColumns.Any(c => !c.Contains(KeySeparator, StringComparison.Ordinal)) || metricColumns.Distinct(StringComparer.Ordinal).Count() != metricColumns.Length))
        {
            throw new AuditInputException($"'{path}' has the header {string.Join(",", header)}; expected {string.Join(",", Columns)} followed by one column per key metric named model|artifact_type|check. Move it aside to start a new history.");
        }

        var entries = new List<RunHistoryEntry>();
        while (reader.Read())
        {
            string row = reader.RowNumber.ToString(CultureInfo.InvariantCulture);
            try
            {
                Dictionary<string, double> metrics = packed ? ParseMetrics(CsvRowFormatter.ReadText(reader.GetString(Columns.Count))) : [];
                for (int m = 0; !packed && m < metricColumns.Length; m++)
                {
                    string cell = reader.GetString(Columns.Count + m);
                    if (cell.Length > 0)
                    {
                        metrics[metricColumns[m]] = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
                    }
                }

                entries.Add(new RunHistoryEntry(
                    DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    CsvRowFormatter.ReadText(reader.GetString(1)),
                    CsvRowFormatter.ReadText(reader.GetString(2)),
                    CsvRowFormatter.ReadText(reader.GetString(3)),
                    Split(CsvRowFormatter.ReadText(reader.GetString(4))),
                    Split(CsvRowFormatter.ReadText(reader.GetString(5))),
                    int.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                    int.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                    int.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                    int.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
                    int.Parse(reader.GetString(10), CultureInfo.InvariantCulture),
                    metrics));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or CsvFormatException or CsvValidationException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                throw new AuditInputException($"'{path}' row {row} is malformed ({ex.Message}); expected the columns {string.Join(",", header)}.", ex);
            }
        }

        IReadOnlyList<string> columns = packed ? [.. entries.SelectMany(e => e.KeyMetrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : metricColumns;
        return (entries, columns);
    }

    /// <summary>
    /// The rows of <c>history.csv</c> under <paramref name="root"/> like <see cref="Read"/>, except that a damaged file is
    /// renamed to <see cref="DamagedFileName"/>, <paramref name="warn"/> told so in one line, and no rows returned, so
    /// the run goes on and starts a new history.
    /// </summary>
    public static IReadOnlyList<RunHistoryEntry> ReadOrSetAside(string root, Action<string> warn) => ReadTableOrSetAside(root, warn).Entries;

    private static (IReadOnlyList<RunHistoryEntry> Entries, IReadOnlyList<string> MetricColumns) ReadTableOrSetAside(string root, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        try
        {
            return ReadTable(root);
        }
        catch (Exception ex) when (ex is AuditInputException or CsvFormatException or CsvValidationException)
        {
            string path = Path.Combine(root, FileName);
            string aside = Path.Combine(root, DamagedFileName(DateTimeOffset.UtcNow));
            for (int n = 2; File.Exists(aside); n++)
            {
                aside = Path.Combine(root, Path.GetFileNameWithoutExtension(DamagedFileName(DateTimeOffset.UtcNow)) + $"-{n.ToString(CultureInfo.InvariantCulture)}.csv");
            }

            File.Move(path, aside);
            warn($"warning: {ex.Message} It was moved to '{aside}' and a new {FileName} begun.");
            return ([], []);
        }
    }

    /// <summary>The name a damaged <c>history.csv</c> is moved to: <c>history.damaged-yyyyMMddTHHmmssZ.csv</c>.</summary>
    public static string DamagedFileName(DateTimeOffset now) =>
        $"history.damaged-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.csv";

    /// <summary>
    /// Adds <paramref name="entry"/> to <c>history.csv</c> under <paramref name="root"/> (created when missing) and returns
    /// every row, oldest first; a damaged file is set aside as in <see cref="ReadOrSetAside"/>.
    /// </summary>
    public static IReadOnlyList<RunHistoryEntry> Append(string root, RunHistoryEntry entry, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(root);
        using FileStream gate = AcquireLock(Path.Combine(root, FileName + ".lock"));
        (IReadOnlyList<RunHistoryEntry> earlier, IReadOnlyList<string> known) = ReadTableOrSetAside(root, warn ?? (_ => { }));
        List<RunHistoryEntry> entries = [.. earlier, entry];

        // Earlier columns keep their place; this run's new keys are appended, so a reader's column positions stay valid.
        var knownSet = new HashSet<string>(known, StringComparer.Ordinal);
        string[] metricColumns = [.. known, .. entry.KeyMetrics.Keys.Where(k => !knownSet.Contains(k)).Order(StringComparer.Ordinal)];
        using (var table = new CsvTableFile(Path.Combine(root, FileName), [.. Columns, .. metricColumns]))
        {
            foreach (RunHistoryEntry e in entries)
            {
                var w = table.Writer;
                w.WriteField(e.FinishedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteField(e.Run);
                w.WriteField(e.AuditName);
                w.WriteField(e.Verdict);
                w.WriteField(Join(e.Models));
                w.WriteField(Join(e.ModelSha256));
                w.WriteField(e.PairsCompleted, default);
                w.WriteField(e.PairsFailed, default);
                w.WriteField(e.FailedChecks, default);
                w.WriteField(e.WarnedChecks, default);
                w.WriteField(e.Regressions, default);
                foreach (string key in metricColumns)
                {
                    w.WriteNumber(e.KeyMetrics.TryGetValue(key, out double value) ? value : double.NaN);
                }

                w.EndRecord();
            }

            table.Complete();
        }

        return entries;
    }

    private static FileStream AcquireLock(string path)
    {
        // Another run appending holds the lock for milliseconds; wait up to a minute before giving up loudly.
        DateTime giveUp = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : [.. text.Split(';').Select(Unescape)];

    private static string Join(IEnumerable<string> items) => string.Join(';', items.Select(Escape));

    // Percent-escapes exactly the characters that separate items and keys from values; names following the spec's
    // name rule contain none of them, so their rows read as before.
    private static string Escape(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal);

    private static string Unescape(string text) => text.Replace("%3D", "=", StringComparison.Ordinal).Replace("%3B", ";", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    /// <summary>The <c>key_metrics</c> cell of a file of the former layout: <c>key=value;key=value</c>, NaN for no data.</summary>
    private static Dictionary<string, double> ParseMetrics(string text)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string item in text.Length == 0 ? [] : text.Split(';'))
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"key metric '{item}' is not key=value");
            }

            metrics[Unescape(item[..equals])] = double.Parse(item[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return metrics;
    }
}
