namespace AuditHarness.Tests.Inference.Imaging;

/// <summary>Finds the shared sample photos (shared/images) by walking up from the test assembly; null when absent.</summary>
internal static class SharedImages
{
    public static string? Find(string fileName)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "images", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
