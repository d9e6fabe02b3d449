using System.Buffers;
using System.Numerics;

namespace AuditHarness.Core.Comparison;

/// <summary>
/// Compares one tapped layer's activation on the original image (A) with a variant's (B), both of shape
/// [1, C, H, W] (NCHW, batch 1), with D = A − B and artifact cell weights w (length H·W, coverage in [0, 1]).
/// </summary>
/// <remarks>
/// One vectorised pass over the tensor with double accumulators; besides the result only O(C) scratch and two
/// pooled arrays of H·W doubles (the weights) are used, never anything the size of the tensor. Undefined cases are returned as values, not exceptions, because one degenerate
/// layer must not stop an audit:
/// <list type="bullet">
/// <item>RelativeChange: 0 when ||A|| = 0 and D = 0; +∞ when ||A|| = 0 and D ≠ 0 (the variant made something from
/// nothing: an unbounded change, and +∞ still ranks above every finite change where NaN would not).</item>
/// <item>PooledCosine: 1 when both pooled vectors are zero (they are identical); 0 when exactly one is zero (no
/// shared direction).</item>
/// <item>InsideShare and InsideShareExcess: NaN when D = 0 (no change to attribute anywhere).</item>
/// <item>ChannelSelectivity: (mean_on + ε) / (mean_off + ε) with ε = <see cref="SelectivityEpsilon"/>, so an
/// unchanged channel scores 1 (neutral) rather than 0/0; all NaN when the region has no weight on this grid
/// (Σw = 0) or covers all of it (Σ(1−w) = 0), because one of the two means does not exist. Each ratio is rounded to
/// bfloat16 (<see cref="BFloat16Rounding"/>, 3 significant digits): the journal keeps 240 of them per pair and
/// model, and their lower digits are noise.</item>
/// </list>
/// NaN or infinite activations propagate into the results.
/// </remarks>
public static class ActivationComparison
{
    /// <summary>
    /// Added to both mean |D_c| values of the selectivity ratio. Far below any meaningful activation difference of
    /// a float32 YOLO layer (activations are O(0.1–10)), large enough to keep 0/0 and x/0 out.
    /// </summary>
    public const double SelectivityEpsilon = 1e-6;

    /// <param name="tap">Layer name, copied into the result.</param>
    /// <param name="originalShape">Shape of <paramref name="original"/>: [1, C, H, W].</param>
    /// <param name="original">A, the activation on the original image.</param>
    /// <param name="variantShape">Shape of <paramref name="variant"/>; must equal <paramref name="originalShape"/>.</param>
    /// <param name="variant">B, the activation on the variant image.</param>
    /// <param name="cellWeights">Artifact coverage per cell of the H×W grid, row-major, each in [0, 1].</param>
    public static LayerChange Compare(
        string tap,
        IReadOnlyList<int> originalShape,
        ReadOnlySpan<float> original,
        IReadOnlyList<int> variantShape,
        ReadOnlySpan<float> variant,
        ReadOnlySpan<float> cellWeights)
    {
        ArgumentNullException.ThrowIfNull(tap);
        (int channels, int cells) = Validate(tap, originalShape, original, variantShape, variant, cellWeights);

        // Σ(1−w) summed directly rather than as H·W − Σw, which would cancel when the region covers nearly everything.
        // The weights are widened to double once per call (w and 1−w), not once per channel.
        double weightSum = 0, offWeightSum = 0;
        double[] on = ArrayPool<double>.Shared.Rent(cells);
        double[] off = ArrayPool<double>.Shared.Rent(cells);
        try
        {
            for (int i = 0; i < cells; i++)
            {
                double w = cellWeights[i];
                on[i] = w;
                off[i] = 1.0 - w;
                weightSum += w;
                offWeightSum += 1.0 - w;
            }

            bool selectivityDefined = weightSum > 0 && offWeightSum > 0;
            float[] selectivity = new float[channels];
            Totals totals = Accumulate(original, variant, channels, cells, on.AsSpan(0, cells), off.AsSpan(0, cells), selectivity, selectivityDefined ? weightSum : 0, offWeightSum);
            return Finish(tap, totals, weightSum, cells, selectivity);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(on);
            ArrayPool<double>.Shared.Return(off);
        }
    }

    /// <summary>
    /// The one pass over both tensors. Vectorised over cells with <see cref="Vector{T}"/> lanes of doubles: each lane
    /// sums a fixed subset of the cells and the lanes are added in a fixed order, so the result depends only on the
    /// input (and the machine's vector width), never on timing; it differs from a strictly sequential sum only by
    /// rounding in the last digits.
    /// </summary>
    private static Totals Accumulate(
        ReadOnlySpan<float> original,
        ReadOnlySpan<float> variant,
        int channels,
        int cells,
        ReadOnlySpan<double> on,
        ReadOnlySpan<double> off,
        Span<float> selectivity,
        double weightSum,
        double offWeightSum)
    {
        int floatLanes = Vector<float>.Count;
        int doubleLanes = Vector<double>.Count;
        int vectorEnd = Vector.IsHardwareAccelerated ? cells - cells % floatLanes : 0;
        Vector<double> vSumA2 = Vector<double>.Zero, vSumD2 = Vector<double>.Zero, vInsideD2 = Vector<double>.Zero;
        double sumA2 = 0, sumD2 = 0, insideD2 = 0, pooledDot = 0, pooledA2 = 0, pooledB2 = 0;

        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> a = original.Slice(c * cells, cells);
            ReadOnlySpan<float> b = variant.Slice(c * cells, cells);
            Vector<double> vSumA = Vector<double>.Zero, vSumB = Vector<double>.Zero, vOnAbsD = Vector<double>.Zero, vOffAbsD = Vector<double>.Zero;
            for (int i = 0; i < vectorEnd; i += floatLanes)
            {
                Vector.Widen(new Vector<float>(a.Slice(i)), out Vector<double> aLow, out Vector<double> aHigh);
                Vector.Widen(new Vector<float>(b.Slice(i)), out Vector<double> bLow, out Vector<double> bHigh);
                // The two halves of the float vector, written out twice so the accumulators stay in registers.
                var w = new Vector<double>(on.Slice(i));
                var wOff = new Vector<double>(off.Slice(i));
                Vector<double> d = aLow - bLow;
                Vector<double> d2 = d * d;
                vSumA2 += aLow * aLow;
                vSumD2 += d2;
                vInsideD2 += w * d2;
                vSumA += aLow;
                vSumB += bLow;
                Vector<double> absD = Vector.Abs(d);
                vOnAbsD += w * absD;
                vOffAbsD += wOff * absD;

                w = new Vector<double>(on.Slice(i + doubleLanes));
                wOff = new Vector<double>(off.Slice(i + doubleLanes));
                d = aHigh - bHigh;
                d2 = d * d;
                vSumA2 += aHigh * aHigh;
                vSumD2 += d2;
                vInsideD2 += w * d2;
                vSumA += aHigh;
                vSumB += bHigh;
                absD = Vector.Abs(d);
                vOnAbsD += w * absD;
                vOffAbsD += wOff * absD;
            }

            double channelSumA = 0, channelSumB = 0, channelOnAbsD = 0, channelOffAbsD = 0;
            for (int i = vectorEnd; i < cells; i++)
            {
                double av = a[i], bv = b[i], w = on[i];
                double d = av - bv;
                double d2 = d * d;
                sumA2 += av * av;
                sumD2 += d2;
                insideD2 += w * d2;
                channelSumA += av;
                channelSumB += bv;
                double absD = Math.Abs(d);
                channelOnAbsD += w * absD;
                channelOffAbsD += off[i] * absD;
            }

            channelSumA += Vector.Sum(vSumA);
            channelSumB += Vector.Sum(vSumB);
            channelOnAbsD += Vector.Sum(vOnAbsD);
            channelOffAbsD += Vector.Sum(vOffAbsD);

            // The 1/(H·W) of the channel means cancels in the cosine, so the channel sums serve.
            pooledDot += channelSumA * channelSumB;
            pooledA2 += channelSumA * channelSumA;
            pooledB2 += channelSumB * channelSumB;

            if (weightSum > 0)
            {
                double meanOn = channelOnAbsD / weightSum;
                double meanOff = channelOffAbsD / offWeightSum;
                selectivity[c] = BFloat16Rounding.Round((float)((meanOn + SelectivityEpsilon) / (meanOff + SelectivityEpsilon)));
            }
            else
            {
                selectivity[c] = float.NaN;
            }
        }

        return new Totals(sumA2 + Vector.Sum(vSumA2), sumD2 + Vector.Sum(vSumD2), insideD2 + Vector.Sum(vInsideD2), pooledDot, pooledA2, pooledB2);
    }

    private static LayerChange Finish(string tap, Totals totals, double weightSum, int cells, float[] selectivity)
    {
        (double sumA2, double sumD2, double insideD2, double pooledDot, double pooledA2, double pooledB2) = totals;
        double relativeChange = sumA2 > 0 ? Math.Sqrt(sumD2 / sumA2) : sumD2 == 0 ? 0 : double.PositiveInfinity;

        double pooledCosine;
        if (pooledA2 == 0 || pooledB2 == 0)
        {
            pooledCosine = pooledA2 == pooledB2 ? 1 : 0;
        }
        else
        {
            // Rounding can push a parallel pair a hair past ±1.
            pooledCosine = Math.Clamp(pooledDot / (Math.Sqrt(pooledA2) * Math.Sqrt(pooledB2)), -1, 1);
        }

        double insideShare = sumD2 > 0 ? insideD2 / sumD2 : double.NaN;
        double areaShare = weightSum / cells;
        return new LayerChange(tap, relativeChange, pooledCosine, insideShare, areaShare, insideShare - areaShare, selectivity);
    }

    private readonly record struct Totals(double SumA2, double SumD2, double InsideD2, double PooledDot, double PooledA2, double PooledB2);

    private static (int Channels, int Cells) Validate(
        string tap,
        IReadOnlyList<int> originalShape,
        ReadOnlySpan<float> original,
        IReadOnlyList<int> variantShape,
        ReadOnlySpan<float> variant,
        ReadOnlySpan<float> cellWeights)
    {
        ArgumentNullException.ThrowIfNull(originalShape);
        ArgumentNullException.ThrowIfNull(variantShape);

        // Built only on failure: this runs for every layer of every variant.
        string Shapes() => $"original shape {Format(originalShape)}, variant shape {Format(variantShape)}";
        if (originalShape.Count != 4 || originalShape[0] != 1 || originalShape[1] <= 0 || originalShape[2] <= 0 || originalShape[3] <= 0)
        {
            throw new ArgumentException($"Tap '{tap}': expected an activation of shape [1, C, H, W] with C, H, W > 0; got {Shapes()}.", nameof(originalShape));
        }

        if (!originalShape.SequenceEqual(variantShape))
        {
            throw new ArgumentException($"Tap '{tap}': the two activations differ in shape: {Shapes()}.", nameof(variantShape));
        }

        int channels = originalShape[1];
        int cells = checked(originalShape[2] * originalShape[3]);
        long expected = (long)channels * cells;
        if (original.Length != expected || variant.Length != expected)
        {
            throw new ArgumentException(
                $"Tap '{tap}': {Shapes()} hold {expected} values, but original has {original.Length} and variant has {variant.Length}.",
                original.Length != expected ? nameof(original) : nameof(variant));
        }

        if (cellWeights.Length != cells)
        {
            throw new ArgumentException(
                $"Tap '{tap}': {cellWeights.Length} cell weights for a {originalShape[2]}x{originalShape[3]} grid ({Shapes()}); expected {cells}.",
                nameof(cellWeights));
        }

        for (int i = 0; i < cellWeights.Length; i++)
        {
            if (!(cellWeights[i] >= 0 && cellWeights[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(cellWeights), cellWeights[i], $"Tap '{tap}': cell weight {i} must be in [0, 1].");
            }
        }

        return (channels, cells);
    }

    private static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";
}
