namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// One bar of the report's rates chart: a rate check's reliance estimate and interval exactly as the check holds them
/// (the chart is drawn from these, and prints <see cref="ValueLabel"/> on the bar), so a test can read the chart's numbers.
/// </summary>
/// <param name="CheckId">The policy check's id.</param>
/// <param name="ArtifactType">The artifact type the check was judged on.</param>
/// <param name="Estimate">The check's estimate (artifact minus placebo, pooled over the original detections).</param>
/// <param name="Low">The check's interval's lower bound.</param>
/// <param name="High">The check's interval's upper bound.</param>
/// <param name="ValueLabel">The estimate as printed on the bar, formatted as in the checks table.</param>
public sealed record RateChartBar(string CheckId, string ArtifactType, double Estimate, double Low, double High, string ValueLabel);
