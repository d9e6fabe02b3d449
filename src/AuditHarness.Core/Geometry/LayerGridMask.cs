using System.Collections.Concurrent;

namespace AuditHarness.Core.Geometry;

/// <summary>
/// Maps an artifact mask given in source-image pixels onto the spatial grid of a tapped layer: each cell's weight
/// is the exact fraction of its area (in input-tensor pixels) that the letterboxed artifact covers.
/// </summary>
/// <remarks>
/// Source pixel (x, y) is treated as the rectangle it becomes after the letterbox resize,
/// <c>[PadLeft + x·sx, PadLeft + (x+1)·sx) × [PadTop + y·sy, PadTop + (y+1)·sy)</c>, with
/// <c>sx = ResizedWidth / SourceWidth</c> and <c>sy = ResizedHeight / SourceHeight</c> — the raster scales of
/// <see cref="LetterboxGeometry.SourceToInput"/>, which equal <c>r</c> except for the sub-pixel rounding of the
/// resized size; using them makes the source tile exactly the resized band, with no sliver at its far edge.
/// Cells are <c>InputWidth / gridWidth × InputHeight / gridHeight</c> input pixels (the layer stride, which may be
/// fractional); cells that lie in the padding get 0. This is area averaging, not nearest sampling, so a thin
/// artifact contributes to a coarse layer in proportion to the area it occupies.
/// </remarks>
public static class LayerGridMask
{
    /// <summary>The weight in [0, 1] of each cell, row-major (<c>gridHeight</c> rows of <c>gridWidth</c>).</summary>
    /// <param name="mask">Row-major source-pixel mask; nonzero marks the artifact.</param>
    public static float[] Map(
        ReadOnlySpan<byte> mask, int maskWidth, int maskHeight, LetterboxGeometry letterbox, int gridHeight, int gridWidth)
    {
        ArgumentNullException.ThrowIfNull(letterbox);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maskWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maskHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridWidth);
        if (mask.Length != (long)maskWidth * maskHeight)
        {
            throw new ArgumentException(
                $"The mask holds {mask.Length} values; {maskWidth}x{maskHeight} needs {(long)maskWidth * maskHeight}.", nameof(mask));
        }

        if (maskWidth != letterbox.SourceWidth || maskHeight != letterbox.SourceHeight)
        {
            throw new ArgumentException(
                $"The mask is {maskWidth}x{maskHeight}; the letterbox was computed for a {letterbox.SourceWidth}x{letterbox.SourceHeight} source.",
                nameof(mask));
        }

        double cellWidth = (double)letterbox.InputWidth / gridWidth;
        double cellHeight = (double)letterbox.InputHeight / gridHeight;
        AxisOverlaps columns = AxisOverlaps.Cached(
            maskWidth, letterbox.PadLeft, (double)letterbox.ResizedWidth / maskWidth, cellWidth, gridWidth);
        AxisOverlaps rows = AxisOverlaps.Cached(
            maskHeight, letterbox.PadTop, (double)letterbox.ResizedHeight / maskHeight, cellHeight, gridHeight);

        // The footprint of a pixel is a product of two intervals, so its overlap with a cell is the product of the
        // per-axis overlaps: sum each mask row into cell columns first, then spread that row over cell rows.
        var covered = new double[gridHeight * gridWidth];
        var rowByColumn = new double[gridWidth];
        int firstColumn = 0, lastColumn = -1;
        ReadOnlySpan<byte> summedLine = default;
        for (int y = 0; y < maskHeight; y++)
        {
            ReadOnlySpan<byte> line = mask.Slice(y * maskWidth, maskWidth);
            if (!line.ContainsAnyExcept((byte)0))
            {
                continue;
            }

            // A row equal to the one summed last has the same column sums (masks are often many equal rows).
            if (!line.SequenceEqual(summedLine))
            {
                rowByColumn.AsSpan(firstColumn, lastColumn - firstColumn + 1).Clear();
                (firstColumn, lastColumn) = columns.SumRow(line, rowByColumn);
                summedLine = line;
            }

            if (lastColumn < firstColumn)
            {
                continue; // every set pixel of the row lies outside the grid
            }

            // Only the columns the row reaches: elsewhere the term is height * 0, which adds nothing.
            ReadOnlySpan<double> sums = rowByColumn.AsSpan(firstColumn, lastColumn - firstColumn + 1);
            for (int k = 0; k < rows.Count(y); k++)
            {
                (int cellRow, double height) = rows.At(y, k);
                Span<double> target = covered.AsSpan((cellRow * gridWidth) + firstColumn, sums.Length);
                for (int column = 0; column < sums.Length; column++)
                {
                    target[column] += height * sums[column];
                }
            }
        }

        double cellArea = cellWidth * cellHeight;
        var weights = new float[covered.Length];
        for (int i = 0; i < covered.Length; i++)
        {
            // Summing many fractional overlaps can overshoot 1 by a rounding error.
            weights[i] = (float)Math.Clamp(covered[i] / cellArea, 0.0, 1.0);
        }

        return weights;
    }

    /// <summary>For each source index along one axis, the cells its footprint overlaps and by how much (input pixels).</summary>
    private sealed class AxisOverlaps
    {
        private readonly int[] _start;
        private readonly int[] _cells;
        private readonly double[] _lengths;

        private AxisOverlaps(int[] start, int[] cells, double[] lengths)
        {
            _start = start;
            _cells = cells;
            _lengths = lengths;
        }

        // A dataset's images mostly share a size, and each image is mapped onto every tapped layer twice per model, so
        // the few distinct axes are kept (bounded, so a dataset of many sizes cannot grow it without limit).
        private const int CacheLimit = 256;
        private static readonly ConcurrentDictionary<(int, int, double, double, int), AxisOverlaps> Cache = new();

        public static AxisOverlaps Cached(int sourceLength, int padding, double scale, double cellLength, int cellCount)
        {
            var key = (sourceLength, padding, scale, cellLength, cellCount);
            if (Cache.TryGetValue(key, out AxisOverlaps? known))
            {
                return known;
            }

            AxisOverlaps computed = Compute(sourceLength, padding, scale, cellLength, cellCount);
            if (Cache.Count < CacheLimit)
            {
                Cache.TryAdd(key, computed);
            }

            return computed;
        }

        private static AxisOverlaps Compute(int sourceLength, int padding, double scale, double cellLength, int cellCount)
        {
            var start = new int[sourceLength + 1];
            var cells = new List<int>();
            var lengths = new List<double>();
            for (int i = 0; i < sourceLength; i++)
            {
                start[i] = cells.Count;
                double from = padding + i * scale;
                double to = padding + (i + 1) * scale;
                int first = Math.Max(0, (int)Math.Floor(from / cellLength));
                int last = Math.Min(cellCount - 1, (int)Math.Ceiling(to / cellLength) - 1);
                for (int cell = first; cell <= last; cell++)
                {
                    double overlap = Math.Min(to, (cell + 1) * cellLength) - Math.Max(from, cell * cellLength);
                    if (overlap > 0)
                    {
                        cells.Add(cell);
                        lengths.Add(overlap);
                    }
                }
            }

            start[sourceLength] = cells.Count;
            return new AxisOverlaps(start, [.. cells], [.. lengths]);
        }

        public int Count(int index) => _start[index + 1] - _start[index];

        public (int Cell, double Length) At(int index, int k) => (_cells[_start[index] + k], _lengths[_start[index] + k]);

        /// <summary>
        /// Adds the overlap lengths of the set pixels of <paramref name="line"/> into <paramref name="target"/> (each
        /// cell's lengths in increasing source index, the order of a plain per-pixel loop, so the same sums); returns
        /// the range of cells it reached (last &lt; first when none).
        /// </summary>
        public (int First, int Last) SumRow(ReadOnlySpan<byte> line, double[] target)
        {
            int first = int.MaxValue, last = -1;
            int x = 0;
            while (x < line.Length)
            {
                int runStart = line[x..].IndexOfAnyExcept((byte)0);
                if (runStart < 0)
                {
                    break;
                }

                runStart += x;
                int runLength = line[runStart..].IndexOf((byte)0);
                int runEnd = runLength < 0 ? line.Length : runStart + runLength;
                x = runEnd;

                // The pixels of a run own one contiguous stretch of entries, in which a cell's additions follow each
                // other: they are summed in a register from the cell's current value, the same additions in the same order.
                int k = _start[runStart];
                int end = _start[runEnd];
                while (k < end)
                {
                    int cell = _cells[k];
                    first = Math.Min(first, cell);
                    last = Math.Max(last, cell);
                    double sum = target[cell];
                    do
                    {
                        sum += _lengths[k];
                        k++;
                    }
                    while (k < end && _cells[k] == cell);
                    target[cell] = sum;
                }
            }

            return last < 0 ? (0, -1) : (first, last);
        }
    }
}
