namespace AuditHarness.Tests;

/// <summary>Finds files committed in this repository (datasets, audits) from the test assembly's folder.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of a repository-relative path; the file need not exist.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root.Value, relativePath);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AuditHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AuditHarness.sln above {AppContext.BaseDirectory}.");
    }
}
