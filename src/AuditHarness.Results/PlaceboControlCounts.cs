using System.Globalization;

namespace AuditHarness.Results;

/// <summary>How many of the pairs behind a check's estimate had each placebo control (pairs without one are not behind it).</summary>
public sealed record PlaceboControlCounts(int Shifted, int Transplant)
{
    public static PlaceboControlCounts Empty { get; } = new(0, 0);

    /// <summary>In words: <c>shifted</c>, <c>transplant</c>, <c>shifted 120 + transplant 20</c>, or <c>none</c>.</summary>
    public string Describe() => (Shifted, Transplant) switch
    {
        (0, 0) => PlaceboControls.None,
        (_, 0) => PlaceboControls.Shifted,
        (0, _) => PlaceboControls.Transplant,
        _ => string.Create(CultureInfo.InvariantCulture, $"{PlaceboControls.Shifted} {Shifted} + {PlaceboControls.Transplant} {Transplant}"),
    };
}
