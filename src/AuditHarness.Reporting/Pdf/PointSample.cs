using AuditHarness.Core.Statistics;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The values a box plot draws as points: all of them up to <see cref="MaxPoints"/>, beyond that <see cref="MaxPoints"/>
/// evenly spaced order statistics (<see cref="OrderStatisticSample"/>, the sampler the engine also keeps its profiles'
/// values with, so the points include the true smallest and largest of every pair).
/// </summary>
public static class PointSample
{
    /// <summary>
    /// The most points drawn beside one box. A box's strip of points is about 15 pt wide: past a few hundred points
    /// they cover it and more add bytes (each is a path in the PDF) but nothing visible.
    /// </summary>
    public const int MaxPoints = 200;

    /// <summary><see cref="OrderStatisticSample.Of"/> with at most <paramref name="limit"/> points, as an array to draw.</summary>
    public static double[] Of(IReadOnlyList<double> values, int limit = MaxPoints) => [.. OrderStatisticSample.Of(values, limit)];
}
