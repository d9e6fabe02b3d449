namespace AuditHarness.Core.Comparison;

/// <summary>
/// Rounds a float32 to the nearest bfloat16 (the float32's sign, all 8 exponent bits and the top 7 mantissa bits):
/// about 3 significant decimal digits with float32's whole range. Channel selectivities are kept at this precision
/// from where they are computed, so the run journal stores two bytes per value instead of four and every reader of
/// them (top channels, channels.csv, tracing, a resumed or merged run) sees the same numbers.
/// </summary>
public static class BFloat16Rounding
{
    /// <summary>The largest finite bfloat16, 0x7F7F0000 (3.3895314E+38): where a finite value that would round up to infinity stays.</summary>
    public static readonly float MaxFinite = BitConverter.Int32BitsToSingle(0x7F7F_0000);

    /// <summary>
    /// <paramref name="value"/> rounded to nearest bfloat16, ties to even. A finite value stays finite (one above
    /// <see cref="MaxFinite"/> saturates there instead of becoming infinity); infinities are kept; NaN stays NaN
    /// (made quiet, so that clearing the low mantissa bits cannot turn it into infinity).
    /// </summary>
    public static float Round(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return BitConverter.UInt32BitsToSingle((bits | 0x0040_0000u) & 0xFFFF_0000u);
        }

        uint rounded = (bits + 0x7FFFu + ((bits >> 16) & 1u)) & 0xFFFF_0000u;
        if (float.IsFinite(value) && (rounded & 0x7FFF_FFFFu) == 0x7F80_0000u)
        {
            return value > 0 ? MaxFinite : -MaxFinite;
        }

        return BitConverter.UInt32BitsToSingle(rounded);
    }

    /// <summary>Whether <paramref name="value"/> is a bfloat16 already (its low 16 bits are zero), so two bytes hold it exactly.</summary>
    public static bool IsExact(float value) => (BitConverter.SingleToUInt32Bits(value) & 0xFFFFu) == 0;
}
