namespace AuditHarness.Core.Policies;

/// <summary>
/// A check's measured value with its confidence interval, as the statistics produce it. Kept here as a plain
/// record so policies do not depend on the statistics code.
/// </summary>
public sealed record CheckEstimate
{
    public CheckEstimate(double estimate, double low, double high)
    {
        if (!double.IsFinite(estimate) || !double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException($"A check estimate must be finite; got {estimate} [{low}, {high}].");
        }

        if (low > estimate || estimate > high)
        {
            throw new ArgumentException($"A check estimate must lie within its interval; got {estimate} [{low}, {high}].");
        }

        Estimate = estimate;
        Low = low;
        High = high;
    }

    public double Estimate { get; }

    public double Low { get; }

    public double High { get; }

    public void Deconstruct(out double estimate, out double low, out double high)
    {
        estimate = Estimate;
        low = Low;
        high = High;
    }
}
