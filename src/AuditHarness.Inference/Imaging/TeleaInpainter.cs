using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Telea's fast-marching inpainting (A. Telea, "An Image Inpainting Technique Based on the Fast Marching Method",
/// 2004) of 8-bit images with 1 or 3 channels. It reproduces OpenCV's <c>cv::inpaint(src, mask, dst, r,
/// INPAINT_TELEA)</c> (OpenCV 4.13) exactly: the narrow band, the outside distances over the band of width r and
/// their negation, the queue's first-in-first-out order among equal times, the float and double arithmetic of the
/// distances and weights (including which of them OpenCV's compiled code takes in float and which in double), the
/// shifted gradient reads at the image border, and the final rounding. It was checked byte for byte against OpenCV's
/// Cv2.Inpaint (TeleaInpainterTests: random images and masks, radii 1 to 40, 1 and 3 channels, and the demo
/// dataset's ruler masks). It is faster because each neighbour's weight is computed once for all channels, the
/// distance term once per radius, and the cells are walked in flat arrays over a window around the mask only.
/// </summary>
public static class TeleaInpainter
{
    /// <summary>The largest neighbourhood radius; larger ones are clamped to it, as OpenCV does.</summary>
    public const int MaximumRadius = 100;

    // Cell states as bits, so one byte answers every question the marching asks of a cell.
    private const byte Unknown = 1;      // still to be filled: OpenCV's INSIDE
    private const byte OffImage = 2;     // the one-cell frame around the image (known, distance 1e6) and the margin beyond
    private const byte ImageEdge = 4;    // the image's outer rows and columns, where OpenCV reads shifted neighbours

    private const float FarTime = 1.0e6f;

    [ThreadStatic]
    private static Workspace? s_workspace;

    /// <summary>
    /// A new image (the caller disposes it): <paramref name="image"/> with the pixels where <paramref name="mask"/>
    /// is nonzero filled, the same bytes as OpenCV's <c>inpaint(image, mask, dst, radius, INPAINT_TELEA)</c>.
    /// </summary>
    /// <param name="image">An 8-bit image with 1 or 3 channels.</param>
    /// <param name="mask">An 8-bit 1-channel mask of the same size; nonzero marks the pixels to fill.</param>
    /// <param name="radius">The neighbourhood radius, clamped to 1..<see cref="MaximumRadius"/> like OpenCV's.</param>
    public static Mat Inpaint(Mat image, Mat mask, int radius)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mask);
        if (image.Empty() || image.Dims != 2 || image.Depth() != MatType.CV_8U || image.Channels() is not (1 or 3))
        {
            throw new ArgumentException("Expected a non-empty 8-bit image with 1 or 3 channels.", nameof(image));
        }

        if (mask.Type() != MatType.CV_8UC1 || mask.Dims != 2 || mask.Cols != image.Cols || mask.Rows != image.Rows)
        {
            throw new ArgumentException(
                $"Expected an 8-bit 1-channel mask of the image's size {image.Cols}x{image.Rows}.", nameof(mask));
        }

        int range = Math.Clamp(radius, 1, MaximumRadius);
        Mat result = image.Clone();
        unsafe
        {
            var maskOrigin = (byte*)mask.Data;
            long maskStep = mask.Step();
            if (!TryFindBounds(maskOrigin, maskStep, mask.Cols, mask.Rows, out int minX, out int minY, out int maxX, out int maxY))
            {
                return result;
            }

            // Nothing farther than range + 2 from the mask's bounding box can change a filled pixel (the weights reach
            // range, the outside distances range, the gradients one more), and the window keeps the cells' raster
            // order, which sets the queue's tie order; so filling the window gives the bytes of filling the image.
            // Where the window meets the image's border, the border's own rules apply as in the whole image.
            int pad = range + 4;
            int x1 = Math.Max(0, minX - pad);
            int y1 = Math.Max(0, minY - pad);
            int x2 = Math.Min(image.Cols, maxX + 1 + pad);
            int y2 = Math.Min(image.Rows, maxY + 1 + pad);
            int channels = image.Channels();
            long imageStep = result.Step();
            byte* imageOrigin = (byte*)result.Data + (y1 * imageStep) + (x1 * channels);
            byte* windowMask = maskOrigin + (y1 * maskStep) + x1;
            Workspace workspace = s_workspace ??= new Workspace();
            workspace.Fill(imageOrigin, imageStep, windowMask, maskStep, x2 - x1, y2 - y1, channels, range);
        }

        return result;
    }

    private static unsafe bool TryFindBounds(byte* mask, long step, int width, int height, out int minX, out int minY, out int maxX, out int maxY)
    {
        minX = width;
        minY = height;
        maxX = -1;
        maxY = -1;
        for (int y = 0; y < height; y++)
        {
            var row = new ReadOnlySpan<byte>(mask + (y * step), width);
            int first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            minX = Math.Min(minX, first);
            maxX = Math.Max(maxX, row.LastIndexOfAnyExcept((byte)0));
            minY = Math.Min(minY, y);
            maxY = y;
        }

        return maxY >= 0;
    }

    /// <summary>The reusable buffers of one thread's inpaintings, and the marching itself.</summary>
    private sealed class Workspace
    {
        private readonly FastMarchingQueue _queue = new();
        private byte[] _state = [];
        private byte[] _outsideState = [];
        private float[] _time = [];
        private byte[] _pixels = [];
        private int[] _cells = [];
        private int[] _popped = [];
        private int[] _rowCounts = [];
        private int[] _offsets = [];
        private int _offsetRange;
        private int _offsetStride;
        private NeighbourTerms? _terms;

        // The grid: the window's pixels with a margin of `range` cells on every side, so that every neighbour within
        // the radius of a pixel has a cell (marked OffImage beyond the image) and the hot loop needs no bounds checks.
        private int _width;
        private int _height;
        private int _margin;
        private int _stride;
        private int _channels;

        public unsafe void Fill(byte* image, long imageStep, byte* mask, long maskStep, int width, int height, int channels, int range)
        {
            _width = width;
            _height = height;
            _margin = range;
            _stride = width + (2 * range);
            _channels = channels;
            int cellCount = _stride * (height + (2 * range));
            Grow(ref _state, cellCount);
            Grow(ref _outsideState, cellCount);
            Grow(ref _time, cellCount);
            Grow(ref _pixels, cellCount * channels);
            Grow(ref _cells, cellCount);
            Grow(ref _popped, cellCount);
            Grow(ref _rowCounts, (width + 1) * (height + 1));
            PrepareOffsets(range);

            LoadCells(image, imageStep, mask, maskStep);
            int bandCount = FindBand();
            MarchOutside(bandCount, range);
            MarchInside(bandCount);
            StorePixels(image, imageStep, mask, maskStep);
        }

        private static void Grow<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new T[length];
            }
        }

        private int Cell(int x, int y) => ((y + _margin) * _stride) + x + _margin;

        private unsafe void LoadCells(byte* image, long imageStep, byte* mask, long maskStep)
        {
            int cellCount = _stride * (_height + (2 * _margin));
            _state.AsSpan(0, cellCount).Fill(OffImage);
            _time.AsSpan(0, cellCount).Fill(FarTime);
            _outsideState.AsSpan(0, cellCount).Clear();
            for (int y = 0; y < _height; y++)
            {
                byte* maskRow = mask + (y * maskStep);
                int rowStart = Cell(0, y);
                bool edgeRow = y == 0 || y == _height - 1;
                for (int x = 0; x < _width; x++)
                {
                    byte state = 0;
                    if (maskRow[x] != 0)
                    {
                        state |= Unknown;
                    }

                    if (edgeRow || x == 0 || x == _width - 1)
                    {
                        state |= ImageEdge;
                    }

                    _state[rowStart + x] = state;
                }

                new ReadOnlySpan<byte>(image + (y * imageStep), _width * _channels)
                    .CopyTo(_pixels.AsSpan(rowStart * _channels, _width * _channels));
            }
        }

        // The band: known pixels of the image next to (4-connected) an unknown one, in raster order, at time 0.
        private int FindBand()
        {
            int count = 0;
            for (int y = 0; y < _height; y++)
            {
                int cell = Cell(0, y);
                for (int x = 0; x < _width; x++, cell++)
                {
                    if ((_state[cell] & Unknown) == 0
                        && ((_state[cell - _stride] | _state[cell - 1] | _state[cell + _stride] | _state[cell + 1]) & Unknown) != 0)
                    {
                        _cells[count++] = cell;
                        _time[cell] = 0;
                    }
                }
            }

            return count;
        }

        // OpenCV marches outwards first, over known pixels within `range` (square neighbourhood) of the mask, and keeps
        // those distances negated: they weigh the neighbours by their level-set distance to the filled pixel.
        private void MarchOutside(int bandCount, int range)
        {
            MarkOutsideRing(range);
            FastMarchingQueue queue = _queue;
            queue.Clear();
            for (int i = 0; i < bandCount; i++)
            {
                queue.Push(_cells[i], 0);
            }

            int popped = 0;
            while (queue.TryPop(out int cell))
            {
                _popped[popped++] = cell;
                TryReachOutside(cell - _stride);
                TryReachOutside(cell - 1);
                TryReachOutside(cell + _stride);
                TryReachOutside(cell + 1);
            }

            for (int i = 0; i < popped; i++)
            {
                _time[_popped[i]] = -_time[_popped[i]];
            }
        }

        private void TryReachOutside(int cell)
        {
            if (_outsideState[cell] != Unknown)
            {
                return;
            }

            float time = ArrivalTime(cell, _outsideState);
            _time[cell] = time;
            _outsideState[cell] = 0;
            _queue.Push(cell, time);
        }

        // Known, non-band pixels within Chebyshev distance `range` of an unknown pixel; two passes of prefix counts.
        private void MarkOutsideRing(int range)
        {
            int width = _width;
            int height = _height;
            int[] counts = _rowCounts;

            // counts[(y + 1) * (width + 1) + x + 1]: unknown pixels in rows <= y whose row has one within range of x.
            counts.AsSpan(0, width + 1).Clear();
            Span<int> rowPrefix = width + 1 <= 1024 ? stackalloc int[width + 1] : new int[width + 1];
            for (int y = 0; y < height; y++)
            {
                int rowStart = Cell(0, y);
                rowPrefix[0] = 0;
                for (int x = 0; x < width; x++)
                {
                    rowPrefix[x + 1] = rowPrefix[x] + (_state[rowStart + x] & Unknown);
                }

                int above = y * (width + 1);
                int here = (y + 1) * (width + 1);
                counts[here] = 0;
                for (int x = 0; x < width; x++)
                {
                    int near = rowPrefix[Math.Min(width, x + range + 1)] - rowPrefix[Math.Max(0, x - range)];
                    counts[here + x + 1] = counts[above + x + 1] + (near > 0 ? 1 : 0);
                }
            }

            for (int y = 0; y < height; y++)
            {
                int top = Math.Max(0, y - range) * (width + 1);
                int bottom = (Math.Min(height - 1, y + range) + 1) * (width + 1);
                int cell = Cell(0, y);
                for (int x = 0; x < width; x++, cell++)
                {
                    if (counts[bottom + x + 1] - counts[top + x + 1] > 0
                        && (_state[cell] & Unknown) == 0
                        && _time[cell] != 0)
                    {
                        _outsideState[cell] = Unknown;
                    }
                }
            }
        }

        private void MarchInside(int bandCount)
        {
            FastMarchingQueue queue = _queue;
            queue.Clear();
            for (int i = 0; i < bandCount; i++)
            {
                queue.Push(_cells[i], 0);
            }

            while (queue.TryPop(out int cell))
            {
                TryFill(cell - _stride);
                TryFill(cell - 1);
                TryFill(cell + _stride);
                TryFill(cell + 1);
            }
        }

        private void TryFill(int cell)
        {
            if ((_state[cell] & Unknown) == 0)
            {
                return;
            }

            float time = ArrivalTime(cell, _state);
            _time[cell] = time;
            if (_channels == 3)
            {
                FillColour(cell, time);
            }
            else
            {
                FillGrey(cell, time);
            }

            _state[cell] &= unchecked((byte)~Unknown);
            _queue.Push(cell, time);
        }

        // The arrival time of a cell from its four diagonal quadrants, as OpenCV's solver computes it (in double).
        private float ArrivalTime(int cell, byte[] state)
        {
            float a = Solve(cell - _stride, cell - 1, state);
            float b = Solve(cell + _stride, cell - 1, state);
            float c = Solve(cell - _stride, cell + 1, state);
            float d = Solve(cell + _stride, cell + 1, state);
            a = a > b ? b : a;
            c = c > d ? d : c;
            return a > c ? c : a;
        }

        private float Solve(int first, int second, byte[] state)
        {
            double t1 = _time[first];
            double t2 = _time[second];
            double smaller = t1 > t2 ? t2 : t1;
            bool firstKnown = (state[first] & Unknown) == 0;
            bool secondKnown = (state[second] & Unknown) == 0;
            double solution;
            if (firstKnown)
            {
                if (secondKnown)
                {
                    solution = Math.Abs(t1 - t2) >= 1.0
                        ? 1 + smaller
                        : (t1 + t2 + Math.Sqrt(2 - ((t1 - t2) * (t1 - t2)))) * 0.5;
                }
                else
                {
                    solution = 1 + t1;
                }
            }
            else
            {
                solution = secondKnown ? 1 + t2 : 1 + smaller;
            }

            return (float)solution;
        }

        // The gradient of the arrival time at a cell: central where both neighbours are known, one-sided where one is.
        private void TimeGradient(int cell, out float gradientX, out float gradientY)
        {
            bool rightKnown = (_state[cell + 1] & Unknown) == 0;
            bool leftKnown = (_state[cell - 1] & Unknown) == 0;
            gradientX = rightKnown
                ? (leftKnown ? (_time[cell + 1] - _time[cell - 1]) * 0.5f : _time[cell + 1] - _time[cell])
                : (leftKnown ? _time[cell] - _time[cell - 1] : 0f);
            bool belowKnown = (_state[cell + _stride] & Unknown) == 0;
            bool aboveKnown = (_state[cell - _stride] & Unknown) == 0;
            gradientY = belowKnown
                ? (aboveKnown ? (_time[cell + _stride] - _time[cell - _stride]) * 0.5f : _time[cell + _stride] - _time[cell])
                : (aboveKnown ? _time[cell] - _time[cell - _stride] : 0f);
        }

        // The weight of a known neighbour: distance term (per offset) x level term x direction term, with OpenCV's casts.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private float Weight(int neighbour, float time, float distanceTerm, float rx, float ry, float gradientX, float gradientY)
        {
            float level = LevelTerm(_time[neighbour] - time);
            float direction = (rx * gradientX) + (ry * gradientY);
            if (Math.Abs((double)direction) <= 0.01)
            {
                direction = 0.000001f;
            }

            return MathF.Abs(distanceTerm * level * direction);
        }

        // 1 / (1 + |T(neighbour) - T(pixel)|): OpenCV's fabs here is the double one, so the sum is taken in double.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static float LevelTerm(float difference) => (float)(1.0 / (1 + Math.Abs((double)difference)));

        // The fill value before rounding: the weighted mean plus the normalised gradient term, all in float (OpenCV's
        // sqrt of a float resolves to the float overload), then + 0.5 in double as OpenCV's rounding cast adds it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double FillValue(float ia, float s, float jx, float jy)
        {
            float value = (ia / s) + ((jx + jy) / (MathF.Sqrt((jx * jx) + (jy * jy)) + 1.0e-20f));
            return value + 0.5;
        }

        // The cells a known neighbour's image gradient is read from: difference plus - minus, times scale (OpenCV's
        // central difference is scaled by 2, its one-sided ones by 1, and a neighbour with no known cell on either side
        // has gradient 0). Within the image the cells are the neighbour's own four; on the image's outer rows and
        // columns OpenCV reads from the row or column shifted one pixel inwards, which is rebuilt here.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void GradientSources(int cell, byte state, out int xPlus, out int xMinus, out float xScale, out int yPlus, out int yMinus, out float yScale)
        {
            int stride = _stride;
            bool rightKnown = (_state[cell + 1] & Unknown) == 0;
            bool leftKnown = (_state[cell - 1] & Unknown) == 0;
            bool belowKnown = (_state[cell + stride] & Unknown) == 0;
            bool aboveKnown = (_state[cell - stride] & Unknown) == 0;

            // centre: (row ym, column xm); the x differences run along row ym, the y differences along column xm.
            int centre = cell, shiftXm = 0, shiftXp = 0, shiftYm = 0, shiftYp = 0;
            if ((state & ImageEdge) != 0)
            {
                int y = (cell / stride) - _margin;
                int x = cell - ((y + _margin) * stride) - _margin;
                shiftYm = y == 0 ? stride : 0;
                shiftYp = y == _height - 1 ? -stride : 0;
                shiftXm = x == 0 ? 1 : 0;
                shiftXp = x == _width - 1 ? -1 : 0;
                centre = cell + shiftYm + shiftXm;
            }

            int rowM = cell + shiftYm;
            if (rightKnown)
            {
                xPlus = rowM + shiftXp + 1;
                xMinus = leftKnown ? rowM + shiftXm - 1 : centre;
                xScale = leftKnown ? 2f : 1f;
            }
            else if (leftKnown)
            {
                xPlus = rowM + shiftXp;
                xMinus = rowM + shiftXm - 1;
                xScale = 1f;
            }
            else
            {
                xPlus = centre;
                xMinus = centre;
                xScale = 1f;
            }

            int columnM = cell + shiftXm;
            if (belowKnown)
            {
                yPlus = columnM + shiftYp + stride;
                yMinus = aboveKnown ? columnM + shiftYm - stride : centre;
                yScale = aboveKnown ? 2f : 1f;
            }
            else if (aboveKnown)
            {
                yPlus = columnM + shiftYp;
                yMinus = columnM + shiftYm - stride;
                yScale = 1f;
            }
            else
            {
                yPlus = centre;
                yMinus = centre;
                yScale = 1f;
            }
        }

        private void FillColour(int cell, float time)
        {
            TimeGradient(cell, out float gradientX, out float gradientY);
            int[] offsets = _offsets;
            NeighbourTerms terms = _terms!;
            byte[] pixels = _pixels;
            float s = 1.0e-20f;
            float ia0 = 0, ia1 = 0, ia2 = 0, jx0 = 0, jx1 = 0, jx2 = 0, jy0 = 0, jy1 = 0, jy2 = 0;
            for (int o = 0; o < offsets.Length; o++)
            {
                int neighbour = cell + offsets[o];
                byte state = _state[neighbour];
                if ((state & (Unknown | OffImage)) != 0)
                {
                    continue;
                }

                float rx = terms.Rx[o];
                float ry = terms.Ry[o];
                float w = Weight(neighbour, time, terms.ColourDistance[o], rx, ry, gradientX, gradientY);
                GradientSources(neighbour, state, out int xPlus, out int xMinus, out float xScale, out int yPlus, out int yMinus, out float yScale);
                int c = neighbour * 3, xp = xPlus * 3, xm = xMinus * 3, yp = yPlus * 3, ym = yMinus * 3;

                ia0 += w * pixels[c];
                jx0 -= w * ((pixels[xp] - pixels[xm]) * xScale * rx);
                jy0 -= w * ((pixels[yp] - pixels[ym]) * yScale * ry);
                ia1 += w * pixels[c + 1];
                jx1 -= w * ((pixels[xp + 1] - pixels[xm + 1]) * xScale * rx);
                jy1 -= w * ((pixels[yp + 1] - pixels[ym + 1]) * yScale * ry);
                ia2 += w * pixels[c + 2];
                jx2 -= w * ((pixels[xp + 2] - pixels[xm + 2]) * xScale * rx);
                jy2 -= w * ((pixels[yp + 2] - pixels[ym + 2]) * yScale * ry);
                s += w;
            }

            int target = cell * 3;
            pixels[target] = RoundToByte(FillValue(ia0, s, jx0, jy0));
            pixels[target + 1] = RoundToByte(FillValue(ia1, s, jx1, jy1));
            pixels[target + 2] = RoundToByte(FillValue(ia2, s, jx2, jy2));
        }

        private void FillGrey(int cell, float time)
        {
            TimeGradient(cell, out float gradientX, out float gradientY);
            int[] offsets = _offsets;
            NeighbourTerms terms = _terms!;
            byte[] pixels = _pixels;
            float s = 1.0e-20f;
            float ia = 0, jx = 0, jy = 0;
            for (int o = 0; o < offsets.Length; o++)
            {
                int neighbour = cell + offsets[o];
                byte state = _state[neighbour];
                if ((state & (Unknown | OffImage)) != 0)
                {
                    continue;
                }

                float rx = terms.Rx[o];
                float ry = terms.Ry[o];
                float w = Weight(neighbour, time, terms.GreyDistance[o], rx, ry, gradientX, gradientY);
                GradientSources(neighbour, state, out int xPlus, out int xMinus, out float xScale, out int yPlus, out int yMinus, out float yScale);
                ia += w * pixels[neighbour];
                jx -= w * ((pixels[xPlus] - pixels[xMinus]) * xScale * rx);
                jy -= w * ((pixels[yPlus] - pixels[yMinus]) * yScale * ry);
                s += w;
            }

            pixels[cell] = RoundToByte(FillValue(ia, s, jx, jy));
        }

        // OpenCV's saturate_cast<uchar>(float): round half to even into an int (NaN and values beyond int give
        // int.MinValue, as the SSE conversion does), then clamp to 0..255.
        private static byte RoundToByte(double value)
        {
            double rounded = Math.Round(value);
            int whole = rounded >= int.MinValue && rounded <= int.MaxValue ? (int)rounded : int.MinValue;
            return (byte)Math.Clamp(whole, 0, 255);
        }

        private void PrepareOffsets(int range)
        {
            if (_terms is null || _offsetRange != range)
            {
                _terms = NeighbourTerms.For(range);
                _offsetRange = range;
                _offsetStride = -1;
            }

            if (_offsetStride != _stride)
            {
                _offsets = new int[_terms.Dy.Length];
                for (int o = 0; o < _offsets.Length; o++)
                {
                    _offsets[o] = (_terms.Dy[o] * _stride) + _terms.Dx[o];
                }

                _offsetStride = _stride;
            }
        }

        private unsafe void StorePixels(byte* image, long imageStep, byte* mask, long maskStep)
        {
            for (int y = 0; y < _height; y++)
            {
                byte* maskRow = mask + (y * maskStep);
                byte* imageRow = image + (y * imageStep);
                int rowStart = Cell(0, y) * _channels;
                for (int x = 0; x < _width; x++)
                {
                    if (maskRow[x] != 0)
                    {
                        for (int c = 0; c < _channels; c++)
                        {
                            imageRow[(x * _channels) + c] = _pixels[rowStart + (x * _channels) + c];
                        }
                    }
                }
            }
        }
    }

    /// <summary>The neighbours within a radius, in OpenCV's raster order, with the terms that depend only on the offset.</summary>
    private sealed class NeighbourTerms
    {
        private static readonly NeighbourTerms?[] s_byRange = new NeighbourTerms?[MaximumRadius + 1];

        private NeighbourTerms(int range)
        {
            var dy = new List<int>();
            var dx = new List<int>();
            for (int k = -range; k <= range; k++)
            {
                for (int l = -range; l <= range; l++)
                {
                    // The centre is the pixel being filled: unknown, so never a neighbour.
                    if ((k != 0 || l != 0) && (k * k) + (l * l) <= range * range)
                    {
                        dy.Add(k);
                        dx.Add(l);
                    }
                }
            }

            Dy = [.. dy];
            Dx = [.. dx];
            Rx = new float[Dx.Length];
            Ry = new float[Dx.Length];
            ColourDistance = new float[Dx.Length];
            GreyDistance = new float[Dx.Length];
            for (int o = 0; o < Dx.Length; o++)
            {
                // r points from the neighbour to the filled pixel.
                float rx = -Dx[o];
                float ry = -Dy[o];
                float lengthSquared = (rx * rx) + (ry * ry);
                Rx[o] = rx;
                Ry[o] = ry;
                ColourDistance[o] = (float)(1.0 / (lengthSquared * Math.Sqrt(lengthSquared)));
                GreyDistance[o] = (float)(1.0 / (lengthSquared * MathF.Sqrt(lengthSquared)));
            }
        }

        public int[] Dy { get; }

        public int[] Dx { get; }

        public float[] Rx { get; }

        public float[] Ry { get; }

        /// <summary>1 / |r|^3 as OpenCV's 3-channel code computes it.</summary>
        public float[] ColourDistance { get; }

        /// <summary>1 / |r|^3 as OpenCV's 1-channel code computes it.</summary>
        public float[] GreyDistance { get; }

        public static NeighbourTerms For(int range)
        {
            NeighbourTerms? terms = Volatile.Read(ref s_byRange[range]);
            if (terms is null)
            {
                terms = new NeighbourTerms(range);
                Volatile.Write(ref s_byRange[range], terms);
            }

            return terms;
        }
    }
}
