using AuditHarness.Core.Comparison;

namespace AuditHarness.Tests.Core.Comparison;

[TestClass]
public sealed class BFloat16RoundingTests
{
    [TestMethod]
    [DataRow(1f, 1f, DisplayName = "a bfloat16 stays")]
    [DataRow(3.14159f, 3.140625f, DisplayName = "pi to 8 significant bits (0x4049)")]
    [DataRow(1.00390625f, 1f, DisplayName = "1 + 2^-8, halfway: to the even 1")]
    [DataRow(1.01171875f, 1.015625f, DisplayName = "1 + 3 x 2^-8, halfway: to the even 1 + 2^-6")]
    [DataRow(1.0039064f, 1.0078125f, DisplayName = "just above halfway (0x3F808001): up")]
    [DataRow(-2.5f, -2.5f, DisplayName = "negative, exact")]
    [DataRow(-0f, -0f, DisplayName = "minus zero keeps its sign")]
    [DataRow(1e-45f, 0f, DisplayName = "the smallest subnormal rounds to zero")]
    [DataRow(float.PositiveInfinity, float.PositiveInfinity, DisplayName = "infinity stays")]
    [DataRow(float.NegativeInfinity, float.NegativeInfinity, DisplayName = "minus infinity stays")]
    [DataRow(float.MaxValue, 3.3895314E+38f, DisplayName = "float.MaxValue saturates at the largest finite bfloat16")]
    [DataRow(-float.MaxValue, -3.3895314E+38f, DisplayName = "and its negative")]
    [DataRow(1.5e38f, 1.5020276E+38f, DisplayName = "0x7EE1B1E6 up to 0x7EE2: large values keep their exponent (float16 would overflow)")]
    public void RoundsToTheNearestBFloat16TiesToEven(float value, float expected)
    {
        float rounded = BFloat16Rounding.Round(value);

        Assert.AreEqual(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(rounded), $"{value:R} -> {rounded:R}, expected {expected:R}");
        Assert.IsTrue(BFloat16Rounding.IsExact(rounded));
    }

    [TestMethod]
    public void NaNStaysNaNEvenWhenItsPayloadIsOnlyInTheLowBits()
    {
        float lowPayload = BitConverter.Int32BitsToSingle(0x7F80_0001); // a signalling NaN: truncating would give infinity

        Assert.IsTrue(float.IsNaN(BFloat16Rounding.Round(lowPayload)));
        Assert.IsTrue(float.IsNaN(BFloat16Rounding.Round(float.NaN)));
        Assert.IsTrue(BFloat16Rounding.IsExact(BFloat16Rounding.Round(lowPayload)));
    }

    [TestMethod]
    public void EveryRoundedValueIsWithinHalfABFloat16StepOfTheFloat()
    {
        var random = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next(0x0080_0000, 0x7F00_0000)); // normal, far from the top
            float rounded = BFloat16Rounding.Round(value);
            // 8 significant bits: a step is 2^-7 of the value's power of two, half a step at most 2^-8 of the value.
            Assert.IsLessThanOrEqualTo(Math.Abs((double)value) / 256, Math.Abs((double)rounded - value), $"{value:R} -> {rounded:R}");
        }
    }
}
