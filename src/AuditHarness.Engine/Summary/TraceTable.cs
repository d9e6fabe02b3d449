using AuditHarness.Core.IO;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// <c>trace.csv</c>: every model's <see cref="ModelTrace.Rows"/>, model by model, in file order; written only when some
/// model was traced. Invariant culture; a number that could not be computed (a share without pairs, an interval that is
/// undefined) is an empty cell.
/// </summary>
public static class TraceTable
{
    public const string FileName = "trace.csv";

    public static IReadOnlyList<string> Columns { get; } =
        ["model", "artifact_type", "layer", "selection", "k", "draw", "pairs", "recovered_share", "ci_low", "ci_high", "pairs_left_out"];

    public static void Write(string folder, AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Models.All(m => m.Trace is null))
        {
            return;
        }

        using var table = new CsvTableFile(Path.Combine(folder, FileName), Columns);
        foreach (TraceRow row in summary.Models.SelectMany(m => m.Trace?.Rows ?? []))
        {
            var w = table.Writer;
            w.WriteField(row.Model);
            w.WriteField(row.ArtifactType);
            w.WriteField(row.Layer);
            w.WriteField(SelectionName(row.Selection));
            w.WriteField(row.K, default);
            w.WriteField(row.Draw, default);
            w.WriteField(row.Pairs, default);
            w.WriteNumber(row.RecoveredShare);
            w.WriteNumber(row.CiLow);
            w.WriteNumber(row.CiHigh);
            w.WriteField(row.PairsLeftOut, default);
            w.EndRecord();
        }

        table.Complete();
    }

    /// <summary>The selection as <c>trace.csv</c> and <c>summary.json</c> write it: selective, random, region, outside.</summary>
    public static string SelectionName(TraceSelection selection) => selection.ToString().ToLowerInvariant();
}
