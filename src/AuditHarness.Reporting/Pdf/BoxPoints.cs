using ScottPlot;
using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Points beside a box plot, each a small filled square. ScottPlot's own markers are circles, four Bézier curves at
/// six decimals each in the PDF (about 400 bytes a point); a square on a quarter-pixel grid is one short
/// <c>re</c> (about 25 bytes) and looks the same at 2.5 pt.
/// </summary>
public sealed class BoxPoints(double[] xs, double[] ys, Color color, float size) : IPlottable
{
    /// <summary>How many points it draws.</summary>
    public int Count => ys.Length;

    // Quarter pixels are exact in binary, so the PDF writes each coordinate in at most a few digits.
    private const float Grid = 4f;

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits() => xs.Length == 0
        ? AxisLimits.NoLimits
        : new AxisLimits(xs.Min(), xs.Max(), ys.Min(), ys.Max());

    public void Render(RenderPack rp)
    {
        using var paint = new SKPaint { Color = color.ToSKColor(), Style = SKPaintStyle.Fill, IsAntialias = true };
        float half = size / 2f;
        for (int i = 0; i < xs.Length; i++)
        {
            Pixel centre = Axes.GetPixel(new Coordinates(xs[i], ys[i]));
            float left = MathF.Round((centre.X - half) * Grid) / Grid;
            float top = MathF.Round((centre.Y - half) * Grid) / Grid;
            rp.Canvas.DrawRect(left, top, size, size, paint);
        }
    }
}
