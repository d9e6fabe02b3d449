namespace AuditHarness.Tests.TestModels;

/// <summary>
/// The real third-party models in <c>shared/models</c> beside the repository (never copied into it).
/// Tests that need them are inconclusive, not passing, when the folder is absent.
/// </summary>
public static class SharedModels
{
    public const string Yolo26nInt8 = "yolo26n_int8.onnx";
    public const string Yolov8nInt8 = "yolov8n_int8.onnx";

    /// <summary>The first <c>shared/models</c> folder found walking up from the test assembly, or null.</summary>
    public static string? FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "models");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The path of a shared model; marks the test inconclusive when it is missing.</summary>
    public static string RequirePath(string fileName)
    {
        var directory = FindDirectory();
        if (directory is null)
        {
            Assert.Inconclusive($"The shared models were not found: no folder shared/models at or above {AppContext.BaseDirectory}.");
        }

        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            Assert.Inconclusive($"The shared model {fileName} was not found at {path}.");
        }

        return path;
    }
}
