using System.Globalization;
using AuditHarness.Core.Detections;

namespace AuditHarness.Tests.Datasets;

/// <summary>One row of the demo manifest, with its lesion's ground-truth box from lesions.csv.</summary>
public sealed record DemoPair(
    string PairId, string Image, string Counterfactual, string Mask, string ArtifactType, string Label, string SubjectId, BoundingBox Lesion)
{
    /// <summary>Reads manifest.csv and lesions.csv (plain files without quoted fields) of an audit folder.</summary>
    public static IReadOnlyList<DemoPair> ReadManifest(string auditFolder)
    {
        var lesions = File.ReadLines(Path.Combine(auditFolder, "lesions.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => f[0], f => new BoundingBox(float.Parse(f[3], CultureInfo.InvariantCulture), float.Parse(f[4], CultureInfo.InvariantCulture), float.Parse(f[5], CultureInfo.InvariantCulture), float.Parse(f[6], CultureInfo.InvariantCulture)));

        return [.. File.ReadLines(Path.Combine(auditFolder, "manifest.csv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(f => new DemoPair(f[0], f[1], f[2], f[3], f[4], f[5], f[6], lesions[f[1]]))];
    }
}
