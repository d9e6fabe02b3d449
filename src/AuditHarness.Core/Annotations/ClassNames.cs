using AuditHarness.Core.Errors;

namespace AuditHarness.Core.Annotations;

/// <summary>
/// The class names of a YOLO label set, by index: from a <c>classes.txt</c> (one name a line, as labelImg and
/// Label Studio export) or the <c>names</c> of an Ultralytics <c>data.yaml</c> (a list, <c>[a, b]</c> or one
/// <c>- a</c> a line, or a map, <c>0: a</c> a line).
/// </summary>
public static class ClassNames
{
    /// <summary>The files looked for beside a label file, then one and two folders up (Ultralytics keeps data.yaml at the dataset's root).</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["classes.txt", "data.yaml", "dataset.yaml"];

    /// <summary>The names file nearest to <paramref name="labelFile"/>, or null.</summary>
    public static string? FindFor(string labelFile)
    {
        DirectoryInfo? folder = new FileInfo(labelFile).Directory;
        for (int up = 0; up < 3 && folder is not null; up++, folder = folder.Parent)
        {
            foreach (string name in FileNames)
            {
                string candidate = Path.Combine(folder.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The names by index; a <c>.yaml</c>/<c>.yml</c> file is read as a data.yaml, anything else as one name a line.</summary>
    /// <exception cref="AuditInputException">The file is missing, or a data.yaml has no readable <c>names</c>.</exception>
    public static IReadOnlyDictionary<int, string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"Class names file '{path}' does not exist; expected a classes.txt (one name a line) or a data.yaml with names.");
        }

        string[] lines = File.ReadAllLines(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".yaml" or ".yml"))
        {
            var names = new Dictionary<int, string>();
            foreach (string line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                names[names.Count] = line;
            }

            return names;
        }

        return ReadYamlNames(path, lines);
    }

    private static Dictionary<int, string> ReadYamlNames(string path, string[] lines)
    {
        int at = Array.FindIndex(lines, l => l.StartsWith("names:", StringComparison.Ordinal));
        if (at < 0)
        {
            throw new AuditInputException($"Class names file '{path}' has no 'names:' line; expected names as a list ([a, b] or '- a' lines) or a map ('0: a' lines).");
        }

        var names = new Dictionary<int, string>();
        string inline = StripComment(lines[at]["names:".Length..]).Trim();
        if (inline.Length > 0)
        {
            if (!inline.StartsWith('[') || !inline.EndsWith(']'))
            {
                throw new AuditInputException($"Class names file '{path}' line {at + 1}: expected names as [a, b, ...] or on the following lines; got '{inline}'.");
            }

            foreach (string name in inline[1..^1].Split(','))
            {
                names[names.Count] = Unquote(name);
            }

            return names;
        }

        for (int i = at + 1; i < lines.Length; i++)
        {
            string raw = StripComment(lines[i]);
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(raw[0]) && !raw.StartsWith('-'))
            {
                break; // the next top-level key
            }

            string item = raw.Trim();
            if (item.StartsWith('-'))
            {
                names[names.Count] = Unquote(item[1..]);
                continue;
            }

            int colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !int.TryParse(item[..colon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            {
                throw new AuditInputException($"Class names file '{path}' line {i + 1}: expected '- name' or 'index: name' under names; got '{item}'.");
            }

            names[index] = Unquote(item[(colon + 1)..]);
        }

        return names;
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    private static string Unquote(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Length >= 2 && (trimmed[0] is '\'' or '"') && trimmed[^1] == trimmed[0] ? trimmed[1..^1] : trimmed;
    }
}
