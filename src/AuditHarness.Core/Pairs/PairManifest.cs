using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using CsvHelper;

namespace AuditHarness.Core.Pairs;

/// <summary>
/// Reads a pair manifest (<c>pair_id,image,counterfactual,mask,artifact_type,label,subject_id</c>; paths relative
/// to the manifest). A missing file or a header without the required columns stops the audit before any work
/// (<see cref="AuditInputException"/>); a bad row becomes a <see cref="ManifestRowProblem"/> so the others still run.
/// Pair ids and artifact types follow <see cref="NameRule"/> (they go into file names, CSV cells and history keys);
/// a row breaking it is a problem row. Files named by a row are not opened here: a missing image is found, and logged, when its pair is processed.
/// </summary>
public static class PairManifest
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["pair_id", "image", "mask", "artifact_type"];

    public static IReadOnlyList<string> OptionalColumns { get; } = ["counterfactual", "label", "subject_id"];

    private static readonly CsvReaderOptions Options = new() { Separator = ',', TrimWhitespace = true };

    /// <param name="labels">A folder of YOLO label files or a COCO file (<c>dataset.labels</c>) that supplies the mask of a row whose mask cell is empty.</param>
    public static PairManifestContents Read(string path, string? labels = null)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"Manifest '{path}' does not exist.");
        }

        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        using CsvReader reader = CsvReader.FromFile(path, Options);
        reader.ReadHeader();
        IReadOnlyList<string> headers = reader.Headers;
        string[] missing = [.. RequiredColumns.Where(c => !headers.Contains(c, StringComparer.Ordinal))];
        if (missing.Length > 0)
        {
            throw new AuditInputException(
                $"Manifest '{path}' lacks column(s) {string.Join(", ", missing)}; expected a header with {string.Join(",", RequiredColumns)} (and optionally {string.Join(",", OptionalColumns)}).");
        }

        var columnIndex = headers.Select((name, i) => (name, i)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        int Index(string column) => columnIndex.TryGetValue(column, out int i) ? i : -1;
        int pairId = Index("pair_id"), image = Index("image"), mask = Index("mask"), artifact = Index("artifact_type");
        int counterfactual = Index("counterfactual"), label = Index("label"), subject = Index("subject_id");

        // Held compactly: a manifest may have millions of rows, and a merge keeps them all for its whole run.
        var pairs = new ManifestPairTable();
        var problems = new List<ManifestRowProblem>();
        while (reader.Read())
        {
            int row = checked((int)reader.RowNumber);
            string? Field(int index) => index < 0 || reader.IsEmpty(index) ? null : reader.GetString(index);

            string? id = Field(pairId);
            string? imagePath = Field(image), maskPath = Field(mask), artifactType = Field(artifact);
            if (maskPath is null && labels is not null && imagePath is not null)
            {
                // A COCO file is matched by the image's file name; a labels folder holds <image name>.txt.
                maskPath = labels.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? labels
                    : System.IO.Path.Combine(labels, System.IO.Path.GetFileNameWithoutExtension(imagePath) + ".txt");
            }

            string? emptyColumn = id is null ? "pair_id" : imagePath is null ? "image" : maskPath is null ? "mask" : artifactType is null ? "artifact_type" : null;
            if (emptyColumn is not null)
            {
                problems.Add(new ManifestRowProblem(row, id, $"Manifest row {row}: column '{emptyColumn}' is empty; expected a value."));
                continue;
            }

            string? badName = !NameRule.IsValid(id!) ? $"pair id '{id}'" : !NameRule.IsValid(artifactType!) ? $"artifact type '{artifactType}'" : null;
            if (badName is not null)
            {
                problems.Add(new ManifestRowProblem(row, id, $"Manifest row {row}: {badName} {NameRule.Allowed}."));
                continue;
            }

            string? counterfactualPath = Field(counterfactual);
            int repeated = pairs.Add(new ManifestPair(
                row,
                id!,
                Resolve(folder, imagePath!),
                counterfactualPath is null ? null : Resolve(folder, counterfactualPath),
                Resolve(folder, maskPath!),
                artifactType!,
                Field(label),
                Field(subject)));
            if (repeated >= 0)
            {
                problems.Add(new ManifestRowProblem(row, id, $"Manifest row {row}: pair id '{id}' repeats row {pairs.RowOf(repeated)}; expected unique pair ids."));
            }
        }

        return new PairManifestContents(path, pairs.Complete(), problems);
    }

    private static string Resolve(string folder, string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, path));
}
