using System.Globalization;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// <c>ablation.csv</c> (one row per check both models have: the reliance before and after) and
/// <c>ablation-cost.csv</c> (one row per ablated model: what it changed on the artifact-free images), written only by a
/// run that audits an ablated model beside its source. Two small tables rather than one with two kinds of rows, so
/// each has one meaning per column (<c>docs/columns.md</c>).
/// </summary>
public static class AblationLog
{
    public const string RelianceFileName = "ablation.csv";

    public const string CostFileName = "ablation-cost.csv";

    public static IReadOnlyList<string> RelianceColumns { get; } = ["model", "source_model", "layer", "channels", "fill", "artifact_type", "check", "estimate_before", "estimate_after", "change", "verdict_before", "verdict_after"];

    public static IReadOnlyList<string> CostColumns { get; } = ["model", "source_model", "layer", "channels", "fill", "clean_images", "source_detections", "changed", "lost", "gained", "mean_score_drift"];

    /// <summary>Writes both files into <paramref name="folder"/>; nothing when <paramref name="ablations"/> is empty.</summary>
    public static void Write(string folder, IReadOnlyList<AblationAudit> ablations)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(ablations);
        if (ablations.Count == 0)
        {
            return;
        }

        using (var table = new CsvTableFile(Path.Combine(folder, RelianceFileName), RelianceColumns))
        {
            foreach (AblationAudit a in ablations)
            {
                foreach (AblationCheckChange c in a.Reliance)
                {
                    var w = table.Writer;
                    WriteModelFields(w, a);
                    w.WriteField(c.ArtifactType);
                    w.WriteField(c.CheckId);
                    w.WriteNumber(c.Before);
                    w.WriteNumber(c.After);
                    w.WriteNumber(c.After - c.Before);
                    w.WriteField(VerdictText.Of(c.VerdictBefore));
                    w.WriteField(VerdictText.Of(c.VerdictAfter));
                    w.EndRecord();
                }
            }

            table.Complete();
        }

        using (var table = new CsvTableFile(Path.Combine(folder, CostFileName), CostColumns))
        {
            foreach (AblationAudit a in ablations)
            {
                var w = table.Writer;
                WriteModelFields(w, a);
                w.WriteField(a.CleanImages, default);
                w.WriteField(a.SourceDetections, default);
                w.WriteField(a.DetectionsChanged, default);
                w.WriteField(a.DetectionsLost, default);
                w.WriteField(a.DetectionsGained, default);
                w.WriteNumber(a.MeanScoreDrift);
                w.EndRecord();
            }

            table.Complete();
        }
    }

    /// <summary>The channels as one cell, space-separated (no comma, so the cell needs no quotes).</summary>
    public static string ChannelList(IReadOnlyList<int> channels) => string.Join(' ', channels.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    private static void WriteModelFields(CsvHelper.CsvWriter w, AblationAudit a)
    {
        w.WriteField(a.AblatedModel);
        w.WriteField(a.SourceModel);
        w.WriteField(a.Layer);
        w.WriteField(ChannelList(a.Channels));
        w.WriteField(a.Fill);
    }
}
