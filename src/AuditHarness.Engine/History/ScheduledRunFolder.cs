using System.Globalization;
using System.Security.Cryptography;

namespace AuditHarness.Engine.History;

/// <summary>
/// A scheduled run's own folder under the spec's output root: <c>&lt;yyyyMMddTHHmmssZ&gt;_&lt;8 hex&gt;</c>. The UTC
/// timestamp sorts the folders by start time; the short id is random, so runs started in the same second (parallel
/// jobs, shards) never share a folder, which a hash of time and spec would not guarantee.
/// </summary>
public static class ScheduledRunFolder
{
    /// <summary>The pattern every scheduled run folder's name matches.</summary>
    public const string NamePattern = "^[0-9]{8}T[0-9]{6}Z_[0-9a-f]{8}$";

    /// <summary>
    /// A new run folder path under <paramref name="root"/> for a run starting at <paramref name="startUtc"/>, not yet
    /// existing; the run creates it when it writes its first log, so a run stopped by bad input leaves nothing behind.
    /// </summary>
    public static string NewPath(string root, DateTimeOffset startUtc)
    {
        ArgumentNullException.ThrowIfNull(root);
        string stamp = startUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        while (true)
        {
            string folder = Path.Combine(root, stamp + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            if (!Directory.Exists(folder))
            {
                return folder;
            }
        }
    }
}
