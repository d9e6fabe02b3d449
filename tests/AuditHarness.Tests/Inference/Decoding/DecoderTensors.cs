namespace AuditHarness.Tests.Inference.Decoding;

/// <summary>Builds decoder inputs in the layouts the exports use, from one row per detection.</summary>
internal static class DecoderTensors
{
    /// <summary>[1, 4+nc, A], channel-major: value c of anchor a at c*A + a. Each row is cx, cy, w, h, then nc scores.</summary>
    public static (float[] Output, int[] Shape) AnchorGrid(params float[][] anchors)
    {
        int channels = anchors[0].Length;
        int count = anchors.Length;
        var output = new float[channels * count];
        for (int a = 0; a < count; a++)
        {
            for (int c = 0; c < channels; c++)
            {
                output[c * count + a] = anchors[a][c];
            }
        }

        return (output, [1, channels, count]);
    }

    /// <summary>[1, N, width], row-major: rows as given.</summary>
    public static (float[] Output, int[] Shape) Rows(params float[][] rows) =>
        ([.. rows.SelectMany(row => row)], [1, rows.Length, rows[0].Length]);
}
