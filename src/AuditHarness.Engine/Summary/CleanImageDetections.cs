using System.Globalization;
using AuditHarness.Core.Detections;
using AuditHarness.Core.IO;
using AuditHarness.Engine.Pairs;
using CsvHelper;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// A pair's detections on its artifact-free image (the <c>artifact_removed</c> variant), read back from the pair's
/// formatted <c>detections.csv</c> rows, which the journal keeps: an ablation audit compares two models on them
/// without the journal having to hold detections twice. Numbers were written in round-trip form, so they parse back exactly.
/// </summary>
public static class CleanImageDetections
{
    private static readonly CsvReaderOptions Options = new() { Separator = ',', HasHeader = false };

    /// <summary>The <c>artifact_removed</c> detections among <paramref name="detectionRows"/> (rows of <c>detections.csv</c>), in file order.</summary>
    public static IReadOnlyList<Detection> Parse(string detectionRows)
    {
        ArgumentNullException.ThrowIfNull(detectionRows);
        var detections = new List<Detection>();
        if (detectionRows.Length == 0)
        {
            return detections;
        }

        using CsvReader reader = CsvReader.FromText(detectionRows, Options);
        while (reader.Read())
        {
            // model,pair_id,variant,detection,class_id,class_name,score,x1,y1,x2,y2,...
            if (reader.GetString(2) != PairProcessor.ArtifactRemovedVariant)
            {
                continue;
            }

            detections.Add(new Detection(
                int.Parse(reader.GetString(4), NumberStyles.Integer, CultureInfo.InvariantCulture),
                CsvRowFormatter.ReadText(reader.GetString(5)),
                Float(reader.GetString(6)),
                new BoundingBox(Float(reader.GetString(7)), Float(reader.GetString(8)), Float(reader.GetString(9)), Float(reader.GetString(10)))));
        }

        return detections;
    }

    private static float Float(string text) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
