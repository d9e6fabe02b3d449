namespace AuditHarness.Inference.Imaging;

/// <summary>
/// A mask's shape as horizontal runs of set pixels, so the placebo search can test a shifted copy of the shape
/// with one prefix-sum lookup per run instead of one step per pixel.
/// </summary>
internal sealed class ShapeRuns
{
    private readonly int[] _rows;
    private readonly int[] _starts;
    private readonly int[] _ends;

    private ShapeRuns(int[] rows, int[] starts, int[] ends)
    {
        _rows = rows;
        _starts = starts;
        _ends = ends;
    }

    public static ShapeRuns From(ArtifactMask mask)
    {
        ReadOnlySpan<byte> data = mask.Data;
        int width = mask.Width;
        var rows = new List<int>();
        var starts = new List<int>();
        var ends = new List<int>();
        for (int y = 0; y < mask.Height; y++)
        {
            ReadOnlySpan<byte> row = data.Slice(y * width, width);
            int x = 0;
            while (x < width)
            {
                int start = row[x..].IndexOfAnyExcept((byte)0);
                if (start < 0)
                {
                    break;
                }

                start += x;
                int length = row[start..].IndexOf((byte)0);
                x = length < 0 ? width : start + length;
                rows.Add(y);
                starts.Add(start);
                ends.Add(x);
            }
        }

        return new ShapeRuns([.. rows], [.. starts], [.. ends]);
    }

    /// <summary>
    /// The mean texture under the shape shifted by (dx, dy), or null when any shifted pixel is forbidden; the same
    /// value as summing pixel by pixel, since the texture sums are exact whole numbers.
    /// </summary>
    /// <param name="stride">Row length of the prefix arrays (image width + 1).</param>
    public double? Score(int dx, int dy, int stride, int[] forbiddenPrefix, int[] texturePrefix, int area)
    {
        for (int i = 0; i < _rows.Length; i++)
        {
            int row = (_rows[i] + dy) * stride;
            if (forbiddenPrefix[row + _ends[i] + dx] != forbiddenPrefix[row + _starts[i] + dx])
            {
                return null;
            }
        }

        long sum = 0;
        for (int i = 0; i < _rows.Length; i++)
        {
            int row = (_rows[i] + dy) * stride;
            sum += (long)texturePrefix[row + _ends[i] + dx] - texturePrefix[row + _starts[i] + dx];
        }

        return (double)sum / area;
    }
}
