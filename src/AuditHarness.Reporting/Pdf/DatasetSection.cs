using System.Globalization;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Dataset": its kind, where it is (as the spec names it, relative to the spec; an absolute path is shown by file
/// name only, so no local folder leaks into the report), its hash and description, synthetic or real, how the artifact
/// was removed, and the pairs per artifact type and label with their subjects.
/// </summary>
public static class DatasetSection
{
    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        AuditProvenance? provenance = summary.Provenance;
        DatasetComposition? composition = summary.Dataset;
        if (provenance is null && composition is null)
        {
            return;
        }

        blocks.Add(new HeadingBlock("Dataset"));
        var entries = new List<KeyValuePair<string, string>>();
        if (provenance is not null)
        {
            entries.Add(new("kind", provenance.DatasetKind == "manifest" ? "paired manifest (images with their artifact, masks, artifact-removed images)" : "insertion (the harness draws a synthetic artifact onto artifact-free originals)"));
            entries.Add(new("source", SourceText(provenance.DatasetPath)));
            if (provenance.DatasetKind == "manifest")
            {
                entries.Add(new("manifest SHA-256", provenance.DatasetSha256));
            }

            entries.Add(new("dataset digest", provenance.DatasetDigest ?? provenance.DatasetSha256));
            entries.Add(new("description", provenance.DatasetDescription is { Length: > 0 } d ? d.Trim() : "not given (spec dataset.description)"));
            entries.Add(new("synthetic or real", SyntheticText(provenance)));
            entries.Add(new("artifact removal", SpecEnum.Name(provenance.Masking.Method)));
            entries.Add(new("rows in the dataset", Int(provenance.PairCount)));
        }

        if (composition is not null)
        {
            entries.Add(new("pairs read", Int(composition.Pairs)));
            entries.Add(new("subjects", composition.Subjects == 0
                ? "none named (no subject_id): each pair is its own cluster"
                : $"{Int(composition.Subjects)} distinct subject_id" + (composition.PairsWithoutSubject > 0 ? $", and {Int(composition.PairsWithoutSubject)} pairs without one" : string.Empty)));
        }

        blocks.Add(new KeyValueBlock("dataset", entries, 9f, 115f));
        if (composition is { Groups.Count: > 0 })
        {
            blocks.Add(new TableBlock("pairs per artifact type and label", ["artifact type", "label", "pairs", "subjects"], [1.5f, 1.5f, 1f, 1f],
                [.. composition.Groups.Select(g => new TableRow([g.ArtifactType, g.Label ?? "(none)", Int(g.Pairs), Int(g.Subjects)]))]));
        }
    }

    /// <summary>The dataset's path as the spec wrote it (relative to the spec), or only its file name when it is absolute.</summary>
    public static string SourceText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.IsPathRooted(path) || (path.Length > 1 && path[1] == ':')
            ? Path.GetFileName(path.TrimEnd('/', '\\')) + " (an absolute path in the spec; shown by name only)"
            : path + " (relative to the spec)";
    }

    private static string SyntheticText(AuditProvenance provenance)
    {
        string insertion = provenance.DatasetKind == "insertion" ? "; the artifact itself is synthetic (drawn by the harness)" : string.Empty;
        return provenance.DatasetSynthetic switch
        {
            true => "synthetic images" + insertion,
            false => "real images" + insertion,
            null => "not stated (spec dataset.synthetic)" + insertion,
        };
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
