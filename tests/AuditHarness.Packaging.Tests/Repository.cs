namespace AuditHarness.Packaging.Tests;

/// <summary>The repository these tests run in, and the solution build (configuration) they run under.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    /// <summary>The absolute path of a repository-relative path; the file need not exist.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Release or Debug: the configuration this test assembly was built in (bin/&lt;configuration&gt;/net10.0/).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The CLI the solution build made in this configuration; fails the test when it was not built.</summary>
    public static string BuiltCliDll()
    {
        string dll = PathOf($"src/AuditHarness.Cli/bin/{Configuration}/net10.0/audit-harness.dll");
        Assert.IsTrue(File.Exists(dll), $"{dll} is missing: build the solution ({Configuration}) before these tests");
        return dll;
    }

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
