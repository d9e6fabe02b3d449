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
    /// extension, held to <see cref="NameRule"/> like a manifest's pair ids (ids go into file names, CSV cells and
    /// <c>history.csv</c>): every other character becomes <c>_</c>, and an id that would not start with a letter or digit
    /// gets the prefix <c>img-</c> (<c>=cmd.png</c> is <c>img-_cmd</c>, <c>a;b.png</c> is <c>a_b</c>). When two originals
    /// share an id (<c>a.jpg</c>, <c>a.png</c>; or <c>a;b.png</c>, <c>a_b.png</c>) a file whose name was kept comes
    /// first, then ordinal path order, and the later ones get <c>-2</c>, <c>-3</c>, ..., skipping ids another original
    /// already has, so ids are unique and depend only on the set of file names.
    /// Files are not opened here: an unreadable original is found, and logged, when its pair is processed.
    /// </summary>
    /// <exception cref="AuditInputException">The folder or pattern names no image.</exception>
    public static IReadOnlyList<InsertionPair> List(InsertionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        IReadOnlyList<string> originals = Expand(dataset.Originals);
        string artifactType = SpecEnum.Name(dataset.Artifact.Type);
        string[] stems = [.. originals.Select(o => IdFromFileName(Path.GetFileNameWithoutExtension(o)))];
        var taken = new HashSet<string>(stems, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var ids = new string[originals.Count];

        // Kept names first, so a file really named a_b.png keeps its id when a;b.png is beside it.
        IEnumerable<int> order = Enumerable.Range(0, originals.Count)
            .OrderBy(i => NameRule.IsValid(Path.GetFileNameWithoutExtension(originals[i])) ? 0 : 1);
        foreach (int i in order)
        {
            string stem = stems[i];
            string id = stem;
            for (int n = 2; given.Contains(id) || (id != stem && taken.Contains(id)); n++)
            {
                id = $"{stem}-{n}";
            }

            given.Add(id);
            ids[i] = id;
        }

        return [.. originals.Select((original, i) => new InsertionPair(ids[i], original, artifactType))];
    }

    /// <summary>The pair id a file name (without extension) gives: the name itself when <see cref="NameRule"/> allows it.</summary>
    public static string IdFromFileName(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        string id = string.Concat(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        return id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) ? id : $"img-{id}";
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
