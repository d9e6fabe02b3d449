using System.Security.Cryptography;
using System.Text;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// A run's dataset reduced to one SHA-256: over the sorted SHA-256s of every dataset file the run manifest lists
/// (manifest, images, masks, counterfactuals, originals, logo). Contents only, not paths, so a dataset moved as a
/// whole keeps its identity, while one changed image gives another.
/// </summary>
public static class DatasetIdentity
{
    private static readonly HashSet<string> DatasetRoles = new(["manifest", "image", "mask", "counterfactual", "original", "logo"], StringComparer.Ordinal);

    /// <summary>The digest, or null when the inputs name no dataset file.</summary>
    public static string? Digest(IEnumerable<RecordedInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string[] lines = [.. inputs
            .Where(i => i.Roles.Any(DatasetRoles.Contains))
            .Select(i => i.Fingerprint?.Sha256 ?? "missing:" + i.Path)
            .Order(StringComparer.Ordinal)];
        if (lines.Length == 0)
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }
}
