namespace AuditHarness.Core.Annotations;

/// <summary>
/// Draws annotation shapes into a row-major mask (255 = artifact) by one rule for every format: a pixel belongs to a
/// shape when its centre (x + ½, y + ½) lies inside it, even-odd for a polygon, with a centre exactly on a left or top
/// edge inside and on a right or bottom edge outside (so two shapes sharing an edge never both take its pixels). A box
/// from x1 to x2 thus takes the columns ⌈x1 − ½⌉ to ⌈x2 − ½⌉ − 1. Shapes add up (union); parts outside the image are dropped.
/// </summary>
public static class MaskRasterizer
{
    /// <summary>Fills the polygon with corners (<paramref name="xy"/>[2k], <paramref name="xy"/>[2k+1]) in pixel coordinates.</summary>
    public static void FillPolygon(byte[] mask, int width, int height, IReadOnlyList<double> xy)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(xy);
        RequireSize(mask, width, height);
        if (xy.Count < 6 || xy.Count % 2 != 0)
        {
            throw new ArgumentException($"A polygon needs at least 3 corners as x,y pairs; got {xy.Count} numbers.", nameof(xy));
        }

        int corners = xy.Count / 2;
        double minY = double.MaxValue, maxY = double.MinValue;
        for (int i = 0; i < corners; i++)
        {
            minY = Math.Min(minY, xy[(2 * i) + 1]);
            maxY = Math.Max(maxY, xy[(2 * i) + 1]);
        }

        int firstRow = (int)Math.Clamp(Math.Ceiling(minY - 0.5), 0, height);
        int lastRow = (int)Math.Clamp(Math.Ceiling(maxY - 0.5) - 1, -1, height - 1);
        var crossings = new List<double>(8);
        for (int y = firstRow; y <= lastRow; y++)
        {
            double centre = y + 0.5;
            crossings.Clear();
            for (int i = 0; i < corners; i++)
            {
                int j = (i + 1) % corners;
                double x0 = xy[2 * i], y0 = xy[(2 * i) + 1], x1 = xy[2 * j], y1 = xy[(2 * j) + 1];
                // Half-open in y: an edge counts for the rows whose centre is at or below its upper end and above its lower one.
                if ((y0 <= centre && centre < y1) || (y1 <= centre && centre < y0))
                {
                    crossings.Add(x0 + ((centre - y0) * (x1 - x0) / (y1 - y0)));
                }
            }

            crossings.Sort();
            for (int k = 0; k + 1 < crossings.Count; k += 2)
            {
                FillRun(mask, width, y, crossings[k], crossings[k + 1]);
            }
        }
    }

    /// <summary>Fills the box from (x1, y1) to (x2, y2), pixel edges, by the same centre rule as a polygon.</summary>
    public static void FillBox(byte[] mask, int width, int height, double x1, double y1, double x2, double y2) =>
        FillPolygon(mask, width, height, [x1, y1, x2, y1, x2, y2, x1, y2]);

    /// <summary>
    /// Fills a COCO run-length encoding: run lengths alternating background and artifact, starting with background,
    /// over the pixels in column-major order (down the first column, then the next). The runs must add up to the image.
    /// </summary>
    /// <exception cref="FormatException">The runs do not add up to width x height, or one is negative.</exception>
    public static void FillRuns(byte[] mask, int width, int height, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(counts);
        RequireSize(mask, width, height);
        long total = (long)width * height;
        long index = 0;
        for (int run = 0; run < counts.Count; run++)
        {
            long length = counts[run];
            if (length < 0 || index + length > total)
            {
                throw new FormatException($"run {run + 1} ({length}) goes {(length < 0 ? "backwards" : "past the image's last pixel")}; the runs must add up to {width}x{height} = {total}.");
            }

            if (run % 2 == 1)
            {
                for (long i = index; i < index + length; i++)
                {
                    int x = (int)(i / height), y = (int)(i % height);
                    mask[(y * width) + x] = 255;
                }
            }

            index += length;
        }

        if (index != total)
        {
            throw new FormatException($"the runs add up to {index} pixels; the image has {width}x{height} = {total}.");
        }
    }

    private static void FillRun(byte[] mask, int width, int y, double from, double to)
    {
        // Clamped as doubles first: a coordinate far off the image must not overflow the cast.
        int first = (int)Math.Clamp(Math.Ceiling(from - 0.5), 0, width);
        int last = (int)Math.Clamp(Math.Ceiling(to - 0.5) - 1, -1, width - 1);
        if (first <= last)
        {
            mask.AsSpan((y * width) + first, last - first + 1).Fill(255);
        }
    }

    private static void RequireSize(byte[] mask, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (mask.Length != (long)width * height)
        {
            throw new ArgumentException($"The mask holds {mask.Length} pixels, not {width}x{height}.", nameof(mask));
        }
    }
}
