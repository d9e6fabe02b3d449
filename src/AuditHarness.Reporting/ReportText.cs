using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Reporting;

/// <summary>Spellings shared by the exporters, so junit.xml, summary.json and summary.csv name things alike.</summary>
internal static class ReportText
{
    public static string Direction(ThresholdDirection direction) => SpecEnum.Name(direction);

    /// <summary>Shortest round-trip form, invariant culture, so a reader can paste the value back exactly.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
