namespace AuditHarness.Core.Annotations;

/// <summary>
/// pycocotools' compressed run-length string (<c>rleFrString</c>): each run is a little-endian number in 5-bit groups,
/// one character per group (character − 48; bit 0x20 says another group follows, bit 0x10 of the last group is the
/// sign), and from the fourth run on it is stored as the difference to the run two before.
/// </summary>
public static class CompressedRuns
{
    /// <exception cref="FormatException">A character outside the code's range, or a number cut off at the end.</exception>
    public static long[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<long>();
        int position = 0;
        while (position < text.Length)
        {
            long value = 0;
            int group = 0;
            bool more = true;
            while (more)
            {
                if (position >= text.Length)
                {
                    throw new FormatException("the compressed counts end inside a number.");
                }

                int c = text[position] - 48;
                if (c is < 0 or > 63 || group > 12)
                {
                    throw new FormatException($"the compressed counts hold '{text[position]}' at position {position + 1}; expected pycocotools' RLE string.");
                }

                value |= (long)(c & 0x1f) << (5 * group);
                more = (c & 0x20) != 0;
                position++;
                group++;
                if (!more && (c & 0x10) != 0)
                {
                    value |= -1L << (5 * group);
                }
            }

            if (runs.Count > 2)
            {
                value += runs[^2];
            }

            runs.Add(value);
        }

        return [.. runs];
    }
}
