using System.Globalization;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// One of <see cref="Count"/> disjoint parts of a dataset: the pairs whose 0-based index in the dataset's pair list
/// leaves remainder <see cref="Index"/> when divided by <see cref="Count"/>. Interleaving (rather than blocks) keeps
/// the parts equally long and equally mixed in artifact types whatever the manifest's order.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Kubernetes Indexed Jobs give each pod its index here (0-based).</summary>
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>Slurm job arrays give each task its id here; counted from <see cref="SlurmMinimumVariable"/> (so <c>--array=1-4</c> works too).</summary>
    public const string SlurmIndexVariable = "SLURM_ARRAY_TASK_ID";

    public const string SlurmMinimumVariable = "SLURM_ARRAY_TASK_MIN";

    public bool Contains(int pairIndex) => pairIndex % Count == Index;

    /// <summary>How many of <paramref name="pairCount"/> pairs fall in this shard.</summary>
    public int PairsOf(int pairCount) => pairCount <= Index ? 0 : ((pairCount - 1 - Index) / Count) + 1;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// Parses <c>i/n</c> (0 &lt;= i &lt; n) or <c>auto/n</c>, which takes <c>i</c> from <see cref="KubernetesIndexVariable"/>, else from
    /// <see cref="SlurmIndexVariable"/> minus <see cref="SlurmMinimumVariable"/> (0 when unset). On bad text, returns null and a
    /// one-line <paramref name="error"/> naming <paramref name="optionName"/>.
    /// </summary>
    public static ShardSpec? Parse(string? text, Func<string, string?> environment, string optionName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        string[] parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 2 || !TryCount(parts[1], out int count))
        {
            error = $"Option '{optionName}' must be i/n with 0 <= i < n, or auto/n; got '{text}'.";
            return null;
        }

        if (parts[0].Trim() == "auto")
        {
            return FromEnvironment(count, environment, optionName, out error);
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= count)
        {
            error = $"Option '{optionName}' must be i/n with 0 <= i < n, or auto/n; got '{text}'.";
            return null;
        }

        return new ShardSpec(index, count);
    }

    private static ShardSpec? FromEnvironment(int count, Func<string, string?> environment, string optionName, out string? error)
    {
        error = null;
        string? kubernetes = environment(KubernetesIndexVariable);
        string variable = KubernetesIndexVariable;
        int offset = 0;
        string? value = kubernetes;
        if (string.IsNullOrEmpty(kubernetes))
        {
            variable = SlurmIndexVariable;
            value = environment(SlurmIndexVariable);
            string? minimum = environment(SlurmMinimumVariable);
            if (!string.IsNullOrEmpty(minimum) && !int.TryParse(minimum, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                error = $"Option '{optionName}' auto/{count}: {SlurmMinimumVariable} must be a whole number; got '{minimum}'.";
                return null;
            }
        }

        if (string.IsNullOrEmpty(value))
        {
            error = $"Option '{optionName}' auto/{count} takes the shard index from {KubernetesIndexVariable} (Kubernetes Indexed Job) or {SlurmIndexVariable} (Slurm array); neither is set.";
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id - offset < 0 || id - offset >= count)
        {
            string range = offset == 0 ? $"0 to {count - 1}" : $"{offset} to {offset + count - 1} ({SlurmMinimumVariable} {offset})";
            error = $"Option '{optionName}' auto/{count}: {variable} must be {range}; got '{value}'.";
            return null;
        }

        return new ShardSpec(id - offset, count);
    }

    private static bool TryCount(string text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1;
}
