using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AuditHarness.Engine.History;
using AuditHarness.Results;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// The run id the report and <c>summary.md</c> print. A scheduled run is known by its folder's name
/// (<c>20261125T215902Z_9315e659</c>, also in <c>history.csv</c> and the CLI's last line), so that is its id. A run written
/// to <c>--output</c> or merged from shards has no such name; its id is the start time and the first 8 hex digits of a
/// SHA-256 over the audit's name, start and inputs (policy, dataset and model hashes), so a merge and the single run it
/// equals get the same id, and a different run a different one.
/// </summary>
public static partial class RunIdentity
{
    public static string Of(string folder, AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(summary);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        if (ScheduledName().IsMatch(name))
        {
            return name;
        }

        AuditProvenance? provenance = summary.Provenance;
        if (provenance is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append(summary.AuditName).Append('\n')
            .Append(provenance.StartedUtc.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
            .Append(provenance.PolicyName).Append('\n')
            .Append(provenance.DatasetSha256).Append('\n');
        foreach (ModelFingerprint model in provenance.Models)
        {
            text.Append(model.Model).Append(' ').Append(model.Sha256).Append('\n');
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
        return provenance.StartedUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "_" + hash;
    }

    [GeneratedRegex(ScheduledRunFolder.NamePattern)]
    private static partial Regex ScheduledName();
}
