using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Reporting;

/// <summary>Spellings shared by the exporters, so junit.xml, summary.json and summary.csv name things alike.</summary>
internal static class ReportText
{
    public static string Direction(ThresholdDirection direction) => SpecEnum.Name(direction);

    /// <summary>A confidence level as the report names an interval's: 0.95 is "95 %", 0.975 is "97.5 %".</summary>
    public static string ConfidenceLevel(double confidence) => (confidence * 100).ToString("G4", CultureInfo.InvariantCulture) + " %";

    /// <summary>Shortest round-trip form, invariant culture, so a reader can paste the value back exactly.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
