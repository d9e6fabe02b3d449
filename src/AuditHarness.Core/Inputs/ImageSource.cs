using System.IO.Enumeration;
using AuditHarness.Core.Errors;

namespace AuditHarness.Core.Inputs;

/// <summary>
/// Expands a <c>--source</c> argument into image paths: one file, every image in a folder, or a glob such as
/// <c>data/*.jpg</c> or <c>data/**/*.png</c> (wildcards <c>*</c> and <c>?</c>; <c>**</c> also descends into sub-folders).
/// Results are sorted ordinally so every run sees the same order.
/// </summary>
public static class ImageSource
{
    /// <summary>File extensions OpenCV decodes that are taken from a folder.</summary>
    public static IReadOnlySet<string> ImageExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".dcm", ".dicom",
    };

    /// <summary>
    /// The images a source names. A single file is returned as given, even when it does not exist or is not an
    /// image, so that the caller reports it on its own line; a folder or glob that matches nothing is an error.
    /// </summary>
    public static IReadOnlyList<string> Expand(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new AuditInputException("Source is empty; expected an image file, a folder or a glob such as 'images/*.jpg'.");
        }

        if (Directory.Exists(source))
        {
            return Matches(source, "*", recursive: false, source);
        }

        if (source.IndexOfAny(['*', '?']) < 0)
        {
            return [source];
        }

        (string root, string pattern) = SplitGlob(source);
        if (!Directory.Exists(root))
        {
            throw new AuditInputException($"Source '{source}': folder '{root}' does not exist.");
        }

        return Matches(root, pattern, recursive: pattern.Contains("**", StringComparison.Ordinal) || pattern.Contains('/'), source);
    }

    private static IReadOnlyList<string> Matches(string root, string pattern, bool recursive, string source)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, MatchType = MatchType.Simple, IgnoreInaccessible = true };
        var files = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*", options))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (ImageExtensions.Contains(Path.GetExtension(file)) && GlobMatches(pattern, relative))
            {
                files.Add(file);
            }
        }

        if (files.Count == 0)
        {
            throw new AuditInputException(
                $"Source '{source}' matches no image; expected files ending {string.Join(", ", ImageExtensions.Order(StringComparer.Ordinal))}.");
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Splits <c>a/b/*.jpg</c> into the folder before the first wildcard segment and the rest.</summary>
    private static (string Root, string Pattern) SplitGlob(string glob)
    {
        string normalized = glob.Replace('\\', '/');
        string[] segments = normalized.Split('/');
        int firstWild = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?']) >= 0);
        string root = string.Join('/', segments[..firstWild]);
        if (root.Length == 0)
        {
            root = normalized.StartsWith('/') ? "/" : ".";
        }

        return (root, string.Join('/', segments[firstWild..]));
    }

    /// <summary>Matches a relative path segment by segment; a <c>**</c> segment matches zero or more folders.</summary>
    private static bool GlobMatches(string pattern, string relativePath)
    {
        if (pattern == "*")
        {
            return !relativePath.Contains('/');
        }

        return MatchSegments(pattern.Split('/'), relativePath.Split('/'));
    }

    private static bool MatchSegments(ReadOnlySpan<string> pattern, ReadOnlySpan<string> path)
    {
        if (pattern.IsEmpty)
        {
            return path.IsEmpty;
        }

        if (pattern[0] == "**")
        {
            for (int skip = 0; skip <= path.Length; skip++)
            {
                if (MatchSegments(pattern[1..], path[skip..]))
                {
                    return true;
                }
            }

            return false;
        }

        return !path.IsEmpty
            && FileSystemName.MatchesSimpleExpression(pattern[0], path[0], ignoreCase: false)
            && MatchSegments(pattern[1..], path[1..]);
    }
}
