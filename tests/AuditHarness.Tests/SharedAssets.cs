namespace AuditHarness.Tests;

/// <summary>
/// Finds the read-only <c>shared/</c> folder beside the repository (real third-party models and photos, never
/// copied into the project). Tests that need it call <see cref="Model"/> or <see cref="Image"/>, which mark the
/// test inconclusive, not passed, when the folder is absent.
/// </summary>
public static class SharedAssets
{
    public const string Yolo26nInt8 = "yolo26n_int8.onnx";
    public const string Yolov8nInt8 = "yolov8n_int8.onnx";

    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string Model(string fileName) => Require(Path.Combine("models", fileName));

    public static string Image(string fileName) => Require(Path.Combine("images", fileName));

    private static string Require(string relative)
    {
        string? root = Root.Value;
        if (root is null)
        {
            Assert.Inconclusive($"The shared test assets (a folder 'shared' with models/ and images/ beside the repository) were not found above {AppContext.BaseDirectory}.");
        }

        string path = Path.Combine(root!, relative);
        if (!File.Exists(path))
        {
            Assert.Inconclusive($"Shared test asset '{path}' is missing.");
        }

        return path;
    }

    private static string? FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "models")))
            {
                return candidate;
            }
        }

        return null;
    }
}
