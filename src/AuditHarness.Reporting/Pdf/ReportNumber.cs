using System.Globalization;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The one way the PDF prints a measured number (tables, chart labels, sentences), the same as the console's check
/// lines: fixed point with exactly four decimals and never an exponent, so a column of numbers reads alike and a number
/// cannot wrap at an exponent's sign (0.4410, 12.3000); a p-value below 0.0001 as <c>&lt;0.0001</c>; a negative value that
/// rounds to zero as 0.0000 (no "-0.0000"); no value (NaN) as <c>n/a</c>. Full precision is in summary.csv.
/// </summary>
public static class ReportNumber
{
    /// <summary>Below this a p-value prints as <see cref="SmallPValue"/>: four decimals would show it as 0.0000.</summary>
    public const double PValueFloor = 0.0001;

    public const string SmallPValue = "<0.0001";

    public const string NoValue = "n/a";

    private const string Fixed = "0.0000";

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return NoValue;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        string text = value.ToString(Fixed, CultureInfo.InvariantCulture);
        return text == "-" + Fixed ? Fixed : text;
    }

    public static string PValue(double p) => double.IsNaN(p) ? NoValue : p < PValueFloor ? SmallPValue : Format(p);

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
