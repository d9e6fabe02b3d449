namespace AuditHarness.Core.Comparison;

/// <summary>
/// Sum of finite doubles that is exact until the final rounding (Shewchuk's non-overlapping partials, as in
/// Python's math.fsum). A plain double sum depends on the order of the terms, (a + b) + c ≠ a + (b + c); this one
/// returns the correctly rounded exact sum, so the result does not depend on the order values were added in.
/// Memory is a handful of doubles (the partials), independent of how many values were added.
/// </summary>
internal sealed class ExactSum
{
    private readonly List<double> _partials = [];

    public void Add(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Only finite values can be summed exactly.");
        }

        int i = 0;
        for (int j = 0; j < _partials.Count; j++)
        {
            double y = _partials[j];
            if (Math.Abs(x) < Math.Abs(y))
            {
                (x, y) = (y, x);
            }

            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0)
            {
                _partials[i++] = lo;
            }

            x = hi;
        }

        _partials.RemoveRange(i, _partials.Count - i);
        _partials.Add(x);
    }

    /// <summary>The exact sum rounded once to the nearest double (ties to even).</summary>
    public double Value
    {
        get
        {
            int n = _partials.Count;
            if (n == 0)
            {
                return 0;
            }

            double hi = _partials[--n];
            double lo = 0;
            while (n > 0)
            {
                double x = hi;
                double y = _partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0)
                {
                    break;
                }
            }

            // hi + lo rounded half-even may be wrong when the remaining partials push the tie one way.
            if (n > 0 && ((lo < 0 && _partials[n - 1] < 0) || (lo > 0 && _partials[n - 1] > 0)))
            {
                double y = lo * 2;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr)
                {
                    hi = x;
                }
            }

            return hi;
        }
    }
}
