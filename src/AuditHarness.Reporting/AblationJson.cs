using System.Text.Json;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// The <c>ablations</c> array of <c>summary.json</c>: per ablated model audited beside its source, the reliance before
/// and after and the clean-image cost. Absent when the run audited no ablated model, so other runs' files are unchanged.
/// </summary>
internal static class AblationJson
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<AblationAudit> ablations)
    {
        if (ablations.Count == 0)
        {
            return;
        }

        json.WriteStartArray("ablations");
        foreach (AblationAudit a in ablations)
        {
            json.WriteStartObject();
            json.WriteString("sourceModel", a.SourceModel);
            json.WriteString("ablatedModel", a.AblatedModel);
            json.WriteString("layer", a.Layer);
            json.WriteStartArray("channels");
            foreach (int channel in a.Channels)
            {
                json.WriteNumberValue(channel);
            }

            json.WriteEndArray();
            json.WriteString("fill", a.Fill);
            json.WriteStartArray("reliance");
            foreach (AblationCheckChange c in a.Reliance)
            {
                json.WriteStartObject();
                json.WriteString("checkId", c.CheckId);
                json.WriteString("artifactType", c.ArtifactType);
                JsonSummaryExporter.Number(json, "before", c.Before);
                JsonSummaryExporter.Number(json, "after", c.After);
                json.WriteString("verdictBefore", VerdictText.Of(c.VerdictBefore));
                json.WriteString("verdictAfter", VerdictText.Of(c.VerdictAfter));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("cleanImageCost");
            json.WriteNumber("cleanImages", a.CleanImages);
            json.WriteNumber("sourceDetections", a.SourceDetections);
            json.WriteNumber("detectionsChanged", a.DetectionsChanged);
            json.WriteNumber("detectionsLost", a.DetectionsLost);
            json.WriteNumber("detectionsGained", a.DetectionsGained);
            JsonSummaryExporter.Number(json, "meanScoreDrift", a.MeanScoreDrift);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
