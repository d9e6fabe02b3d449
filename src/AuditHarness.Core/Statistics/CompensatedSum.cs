namespace AuditHarness.Core.Statistics;

/// <summary>
/// Neumaier's compensated sum (Kahan-Babuska): the rounding error of each addition is carried along and added back at
/// the end, so a sum of hundreds of thousands of terms is good to the last bits and barely depends on their order.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double value)
    {
        double t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }
}
