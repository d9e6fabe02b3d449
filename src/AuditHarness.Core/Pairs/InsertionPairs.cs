using AuditHarness.Core.Errors;
using AuditHarness.Core.Inputs;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Pairs;

/// <summary>Lists the pairs of an <see cref="InsertionDataset"/>: one per original image, in ordinal path order.</summary>
public static class InsertionPairs
{
    /// <summary>
    /// One pair per image that <see cref="InsertionDataset.Originals"/> names. The pair id is the file name without its
    /// extension; when two originals share it (<c>a.jpg</c>, <c>a.png</c>) the later ones get <c>-2</c>, <c>-3</c>, ...,
    /// skipping ids another original already has, so ids are unique and depend only on the set of file names.
    /// Files are not opened here: an unreadable original is found, and logged, when its pair is processed.
    /// </summary>
    /// <exception cref="AuditInputException">The folder or pattern names no image.</exception>
    public static IReadOnlyList<InsertionPair> List(InsertionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        IReadOnlyList<string> originals = Expand(dataset.Originals);
        string artifactType = SpecEnum.Name(dataset.Artifact.Type);
        var taken = new HashSet<string>(originals.Select(o => Path.GetFileNameWithoutExtension(o)), StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<InsertionPair>(originals.Count);
        foreach (string original in originals)
        {
            string stem = Path.GetFileNameWithoutExtension(original);
            string id = stem;
            for (int n = 2; given.Contains(id) || (id != stem && taken.Contains(id)); n++)
            {
                id = $"{stem}-{n}";
            }

            given.Add(id);
            pairs.Add(new InsertionPair(id, original, artifactType));
        }

        return pairs;
    }

    /// <summary>The originals' image paths, sorted; one error line naming the field when there are none.</summary>
    public static IReadOnlyList<string> Expand(SpecPath originals)
    {
        ArgumentNullException.ThrowIfNull(originals);
        string field = $"dataset.insertion.originals '{originals.Text}'";
        bool isPattern = originals.FullPath.AsSpan().IndexOfAny('*', '?') >= 0;
        string folder = isPattern ? Path.GetDirectoryName(originals.FullPath)! : originals.FullPath;
        if (!Directory.Exists(folder))
        {
            throw new AuditInputException(isPattern ? $"{field}: folder '{folder}' does not exist." : $"{field} does not exist.");
        }

        try
        {
            return ImageSource.Expand(originals.FullPath);
        }
        catch (AuditInputException)
        {
            // ImageSource names the resolved path; the spec's reader knows the field and the text as written.
            string[] extensions = [.. ImageSource.ImageExtensions.Order(StringComparer.Ordinal)];
            throw new AuditInputException($"{field} holds no image; expected files ending {string.Join(", ", extensions)}.");
        }
    }
}
