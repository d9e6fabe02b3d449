namespace AuditHarness.Results;

/// <summary>
/// The order in which results list tapped layers: Ultralytics modules (<c>model.N</c>, the N-th entry of
/// <c>model.model.model</c>) shallow to deep, raw tensor names after them. Shared by the engine's profiles and the report.
/// </summary>
public static class TapOrder
{
    /// <summary>
    /// Taps shallow to deep: <c>model.N</c> by N, then any raw tensor names in the order the model reported them.
    /// </summary>
    public static IReadOnlyList<string> ByDepth(IEnumerable<string> taps)
    {
        ArgumentNullException.ThrowIfNull(taps);
        string[] all = [.. taps.Distinct(StringComparer.Ordinal)];
        return [.. all.Select((tap, index) => (tap, index, depth: ModuleIndex(tap)))
            .OrderBy(t => t.depth ?? int.MaxValue)
            .ThenBy(t => t.index)
            .Select(t => t.tap)];
    }

    /// <summary>N for a tap named <c>model.N</c>, else null.</summary>
    public static int? ModuleIndex(string tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        const string prefix = "model.";
        return tap.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(tap.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            ? n
            : null;
    }
}
