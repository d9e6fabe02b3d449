namespace AuditHarness.Tests.Engine;

/// <summary>
/// A few dozen rows of the demo manifest, with absolute paths, in a test's own folder: every <c>every</c>-th row
/// starting at <c>offset</c> (so each cut holds every artifact type and runs in a second or two), or the first rows.
/// </summary>
public static class DemoManifestCut
{
    public static string Write(string folder, int every, int offset = 0) => Write(folder, row => row % every == offset);

    /// <summary>The first <paramref name="count"/> rows of the demo manifest.</summary>
    public static string First(string folder, int count) => Write(folder, row => row < count);

    /// <summary>The rows whose 0-based index (header not counted) <paramref name="keep"/> selects.</summary>
    public static string Write(string folder, Func<int, bool> keep)
    {
        string source = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit/manifest.csv");
        string root = Path.GetDirectoryName(source)!;
        string[] lines = File.ReadAllLines(source);
        var kept = new List<string> { lines[0] };
        for (int i = 1; i < lines.Length; i++)
        {
            if (keep(i - 1))
            {
                string[] cells = lines[i].Split(',');
                for (int c = 1; c <= 3; c++)
                {
                    cells[c] = Path.Combine(root, cells[c]);
                }

                kept.Add(string.Join(',', cells));
            }
        }

        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(path, kept);
        return path;
    }
}
