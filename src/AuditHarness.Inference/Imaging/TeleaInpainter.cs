using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Telea's fast-marching inpainting (A. Telea, "An Image Inpainting Technique Based on the Fast Marching Method",
/// 2004) of 8-bit images with 1 or 3 channels. It reproduces OpenCV's <c>cv::inpaint(src, mask, dst, r,
/// INPAINT_TELEA)</c> (OpenCV 4.13) exactly: the narrow band, the outside distances over the band of width r and
/// their negation, the queue's first-in-first-out order among equal times, the float and double arithmetic of the
/// distances and weights (including which of them OpenCV's compiled code takes in float and which in double), the
/// shifted gradient reads at the image border, and the final rounding. It was checked byte for byte against OpenCV's
/// Cv2.Inpaint (TeleaInpainterTests: random images and masks, radii 0 to 150, 1 and 3 channels, and the demo
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

    // Spare elements after the buffers that vector loads may read past a row of the disc (never used).
    private const int VectorPadding = 4;

    // Floats per cell of a known pixel's terms: [I, 1], gradI.x, gradI.y, four lanes each (see StoreTerms).
    private const int TermLength = 12;

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
    private sealed unsafe class Workspace
    {
        private readonly FastMarchingQueue _queue = new();

        // Pinned arrays (allocated on the pinned heap, so their addresses never move) and pointers to them: the
        // hot loops index without bounds checks, which the margin around the window makes safe.
        private byte[] _stateArray = [];
        private byte[] _outsideArray = [];
        private float[] _timeArray = [];
        private byte[] _pixelArray = [];
        private int[] _bandArray = [];
        private int[] _poppedArray = [];
        private int[] _countArray = [];
        private int[] _deltaArray = [];
        private float[] _rxArray = [];
        private float[] _ryArray = [];
        private float[] _distanceArray = [];
        private float[] _weightArray = [];
        private int[] _rowDeltaArray = [];
        private float[] _termArray = [];
        private byte* _state;
        private byte* _outside;
        private float* _time;
        private byte* _pixels;
        private int* _band;
        private int* _popped;
        private int* _counts;
        private int* _deltas;
        private float* _rx;
        private float* _ry;
        private float* _distance;
        private float* _weights;
        private int* _rowDeltas;
        private NeighbourTerms? _neighbourTerms;
        private float* _terms;
        private int _offsetRange;
        private int _offsetStride = -1;
        private int _offsetChannels;

        // The grid: the window's pixels with a margin of `range` cells on every side, so that every neighbour within
        // the radius of a pixel has a cell (marked OffImage beyond the image).
        private int _width;
        private int _height;
        private int _margin;
        private int _stride;
        private int _channels;

        public void Fill(byte* image, long imageStep, byte* mask, long maskStep, int width, int height, int channels, int range)
        {
            _width = width;
            _height = height;
            _margin = range;
            _stride = width + (2 * range);
            _channels = channels;
            int cellCount = _stride * (height + (2 * range));
            _state = Grow(ref _stateArray, cellCount);
            _outside = Grow(ref _outsideArray, cellCount);
            _time = Grow(ref _timeArray, cellCount + VectorPadding);
            _pixels = Grow(ref _pixelArray, (cellCount * channels) + VectorPadding);
            _terms = Grow(ref _termArray, cellCount * TermLength);
            _band = Grow(ref _bandArray, cellCount);
            _popped = Grow(ref _poppedArray, cellCount);
            _counts = Grow(ref _countArray, (width + 1) * (height + 1));
            PrepareOffsets(range);

            LoadCells(image, imageStep, mask, maskStep, cellCount);
            int bandCount = FindBand();
            MarchOutside(bandCount, range);
            MarchInside(bandCount);
            StorePixels(image, imageStep, mask, maskStep);
        }

        private static T* Grow<T>(ref T[] buffer, int length)
            where T : unmanaged
        {
            if (buffer.Length < length)
            {
                buffer = GC.AllocateUninitializedArray<T>(length, pinned: true);
            }

            return (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        }

        private int Cell(int x, int y) => ((y + _margin) * _stride) + x + _margin;

        private void LoadCells(byte* image, long imageStep, byte* mask, long maskStep, int cellCount)
        {
            new Span<byte>(_state, cellCount).Fill(OffImage);
            new Span<float>(_time, cellCount).Fill(FarTime);
            new Span<byte>(_outside, cellCount).Clear();
            int width = _width;
            int rowBytes = width * _channels;
            for (int y = 0; y < _height; y++)
            {
                byte* maskRow = mask + (y * maskStep);
                byte* stateRow = _state + Cell(0, y);
                byte edge = y == 0 || y == _height - 1 ? ImageEdge : (byte)0;
                for (int x = 0; x < width; x++)
                {
                    stateRow[x] = (byte)(edge | Math.Min(maskRow[x], Unknown));
                }

                stateRow[0] |= ImageEdge;
                stateRow[width - 1] |= ImageEdge;
                Buffer.MemoryCopy(image + (y * imageStep), _pixels + (Cell(0, y) * _channels), rowBytes, rowBytes);
            }
        }

        // The band: known pixels of the image next to (4-connected) an unknown one, in raster order, at time 0.
        private int FindBand()
        {
            byte* state = _state;
            int stride = _stride;
            int count = 0;
            for (int y = 0; y < _height; y++)
            {
                int cell = Cell(0, y);
                for (int x = 0; x < _width; x++, cell++)
                {
                    if ((state[cell] & Unknown) == 0
                        && ((state[cell - stride] | state[cell - 1] | state[cell + stride] | state[cell + 1]) & Unknown) != 0)
                    {
                        _band[count++] = cell;
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
                queue.Push(_band[i], 0);
            }

            int popped = 0;
            int stride = _stride;
            while (queue.TryPop(out int cell))
            {
                _popped[popped++] = cell;
                ReachOutside(cell - stride);
                ReachOutside(cell - 1);
                ReachOutside(cell + stride);
                ReachOutside(cell + 1);
            }

            for (int i = 0; i < popped; i++)
            {
                _time[_popped[i]] = -_time[_popped[i]];
            }
        }

        private void ReachOutside(int cell)
        {
            if (_outside[cell] != Unknown)
            {
                return;
            }

            float time = ArrivalTime(cell, _outside);
            _time[cell] = time;
            _outside[cell] = 0;
            _queue.Push(cell, time);
        }

        // Known, non-band pixels within Chebyshev distance `range` of an unknown pixel (OpenCV dilates the mask with a
        // square): whether a row has an unknown pixel within range of x, then prefix counts of that down each column.
        private void MarkOutsideRing(int range)
        {
            int width = _width;
            int height = _height;
            int* counts = _counts;
            int countStride = width + 1;
            new Span<int>(counts, countStride).Clear();
            Span<int> rowPrefixSpan = countStride <= 2048 ? stackalloc int[countStride] : new int[countStride];
            fixed (int* rowPrefix = rowPrefixSpan)
            {
                for (int y = 0; y < height; y++)
                {
                    byte* stateRow = _state + Cell(0, y);
                    rowPrefix[0] = 0;
                    for (int x = 0; x < width; x++)
                    {
                        rowPrefix[x + 1] = rowPrefix[x] + (stateRow[x] & Unknown);
                    }

                    int* above = counts + (y * countStride) + 1;
                    int* here = counts + ((y + 1) * countStride) + 1;
                    here[-1] = 0;
                    for (int x = 0; x < width; x++)
                    {
                        int near = rowPrefix[Math.Min(width, x + range + 1)] - rowPrefix[Math.Max(0, x - range)];
                        here[x] = above[x] + (near > 0 ? 1 : 0);
                    }
                }
            }

            for (int y = 0; y < height; y++)
            {
                int* top = counts + (Math.Max(0, y - range) * countStride) + 1;
                int* bottom = counts + ((Math.Min(height - 1, y + range) + 1) * countStride) + 1;
                int cell = Cell(0, y);
                for (int x = 0; x < width; x++, cell++)
                {
                    if (bottom[x] != top[x] && (_state[cell] & Unknown) == 0)
                    {
                        // Every known pixel that can be a neighbour of a filled one is here (or is filled later).
                        StoreTerms(cell);

                        // Band cells (time 0) are the outside march's start, not its targets.
                        if (_time[cell] != 0)
                        {
                            _outside[cell] = Unknown;
                        }
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
                queue.Push(_band[i], 0);
            }

            int stride = _stride;
            while (queue.TryPop(out int cell))
            {
                FillIfUnknown(cell - stride);
                FillIfUnknown(cell - 1);
                FillIfUnknown(cell + stride);
                FillIfUnknown(cell + 1);
            }
        }

        private void FillIfUnknown(int cell)
        {
            if ((_state[cell] & Unknown) == 0)
            {
                return;
            }

            float time = ArrivalTime(cell, _state);
            _time[cell] = time;
            FillPixel(cell, time);
            _state[cell] &= unchecked((byte)~Unknown);
            _queue.Push(cell, time);

            // The pixel is now known, with its new value: its own terms, and those of the known pixels whose gradient
            // reads it (its four neighbours; on the image's outer rows and columns also its diagonal ones).
            int stride = _stride;
            StoreTerms(cell);
            RefreshTerms(cell - stride);
            RefreshTerms(cell - 1);
            RefreshTerms(cell + 1);
            RefreshTerms(cell + stride);
            RefreshEdgeTerms(cell - stride - 1);
            RefreshEdgeTerms(cell - stride + 1);
            RefreshEdgeTerms(cell + stride - 1);
            RefreshEdgeTerms(cell + stride + 1);
        }

        private void RefreshTerms(int cell)
        {
            if ((_state[cell] & (Unknown | OffImage)) == 0)
            {
                StoreTerms(cell);
            }
        }

        private void RefreshEdgeTerms(int cell)
        {
            if ((_state[cell] & (Unknown | OffImage | ImageEdge)) == ImageEdge)
            {
                StoreTerms(cell);
            }
        }

        // A known pixel's part in its neighbours' fills, which only changes when a pixel next to it is filled:
        // [I, 1] (the 1 makes lane 3 of the intensity sum the weight sum s), gradI.x and gradI.y, one lane per channel.
        private void StoreTerms(int cell)
        {
            GradientSources(cell, _state[cell], out int xPlus, out int xMinus, out float xScale, out int yPlus, out int yMinus, out float yScale);
            float* terms = _terms + (cell * TermLength);
            byte* pixels = _pixels;
            int channels = _channels;
            if (channels == 3)
            {
                // Lane 3 reads the next pixel's first byte; the intensity's lane 3 is set to 1, the gradients' to 0.
                Vector128.ConvertToSingle(LoadPixel(pixels + (cell * 3))).WithElement(3, 1f).Store(terms);
                Vector128<float> gradientX = Vector128.ConvertToSingle(LoadPixel(pixels + (xPlus * 3)) - LoadPixel(pixels + (xMinus * 3)));
                (gradientX * Vector128.Create(xScale)).WithElement(3, 0f).Store(terms + 4);
                Vector128<float> gradientY = Vector128.ConvertToSingle(LoadPixel(pixels + (yPlus * 3)) - LoadPixel(pixels + (yMinus * 3)));
                (gradientY * Vector128.Create(yScale)).WithElement(3, 0f).Store(terms + 8);
            }
            else
            {
                terms[0] = pixels[cell];
                terms[4] = (pixels[xPlus] - pixels[xMinus]) * xScale;
                terms[8] = (pixels[yPlus] - pixels[yMinus]) * yScale;
                for (int c = 1; c < 3; c++)
                {
                    terms[c] = 0f;
                    terms[4 + c] = 0f;
                    terms[8 + c] = 0f;
                }

                terms[3] = 1f;
                terms[7] = 0f;
                terms[11] = 0f;
            }
        }

        // The arrival time of a cell from its four diagonal quadrants, as OpenCV's solver computes it (in double).
        private float ArrivalTime(int cell, byte* state)
        {
            int stride = _stride;
            float a = Solve(cell - stride, cell - 1, state);
            float b = Solve(cell + stride, cell - 1, state);
            float c = Solve(cell - stride, cell + 1, state);
            float d = Solve(cell + stride, cell + 1, state);
            a = a > b ? b : a;
            c = c > d ? d : c;
            return a > c ? c : a;
        }

        private float Solve(int first, int second, byte* state)
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
            byte* state = _state;
            float* time = _time;
            int stride = _stride;
            bool rightKnown = (state[cell + 1] & Unknown) == 0;
            bool leftKnown = (state[cell - 1] & Unknown) == 0;
            gradientX = rightKnown
                ? (leftKnown ? (time[cell + 1] - time[cell - 1]) * 0.5f : time[cell + 1] - time[cell])
                : (leftKnown ? time[cell] - time[cell - 1] : 0f);
            bool belowKnown = (state[cell + stride] & Unknown) == 0;
            bool aboveKnown = (state[cell - stride] & Unknown) == 0;
            gradientY = belowKnown
                ? (aboveKnown ? (time[cell + stride] - time[cell - stride]) * 0.5f : time[cell + stride] - time[cell])
                : (aboveKnown ? time[cell] - time[cell - stride] : 0f);
        }

        // The weight of every neighbour within the radius (known or not; only known ones are used): distance term (per
        // offset) x level term x direction term, with OpenCV's casts. Four neighbours of a row at a time: the level
        // term in double (OpenCV's fabs here is the double one, so 1 + |dT| and the division are double), the rest
        // in float. Lanes past a row's end spill into the next row's slots, which that row then overwrites.
        private void ComputeWeights(int cell, float time, float gradientX, float gradientY)
        {
            NeighbourTerms rows = _neighbourTerms!;
            float* times = _time + cell;
            var pixelTime = Vector128.Create(time);
            var towardsX = Vector128.Create(gradientX);
            var towardsY = Vector128.Create(gradientY);

            // |dir| <= 0.01 compared in double is |dir| <= 0.01f for a float: 0.01f is the largest float not above 0.01.
            var flat = Vector128.Create(0.01f);
            var tiny = Vector128.Create(0.000001f);
            for (int row = 0; row < rows.RowCount; row++)
            {
                float* rowTimes = times + _rowDeltas[row];
                int first = rows.RowFirst[row];
                int length = rows.RowLength[row];
                var ry = Vector128.Create(_ry[first]);
                for (int i = 0; i < length; i += 4)
                {
                    Vector128<float> difference = Vector128.Load(rowTimes + i) - pixelTime;
                    Vector128<float> level = Level(difference);
                    Vector128<float> direction = (Vector128.Load(_rx + first + i) * towardsX) + (ry * towardsY);
                    direction = Vector128.ConditionalSelect(Vector128.LessThanOrEqual(Vector128.Abs(direction), flat), tiny, direction);
                    Vector128.Abs(Vector128.Load(_distance + first + i) * level * direction).Store(_weights + first + i);
                }
            }
        }

        // 1 / (1 + |difference|) per lane in double, rounded to float. The divisions are the costliest part of the
        // weights: with AVX the four lanes go through one 256-bit division instead of two 128-bit ones (the same
        // correctly rounded operations per lane, so the same bits).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> Level(Vector128<float> difference)
        {
            if (Avx.IsSupported)
            {
                Vector256<double> one = Vector256.Create(1.0);
                return Avx.ConvertToVector128Single(one / (one + Vector256.Abs(Avx.ConvertToVector256Double(difference))));
            }

            Vector128<double> unit = Vector128.Create(1.0);
            Vector128<double> low = unit / (unit + Vector128.Abs(Vector128.WidenLower(difference)));
            Vector128<double> high = unit / (unit + Vector128.Abs(Vector128.WidenUpper(difference)));
            return Vector128.Narrow(low, high);
        }

        // The cells a known neighbour's image gradient is read from: difference plus - minus, times scale (OpenCV's
        // central difference is scaled by 2, its one-sided ones by 1, and with no known cell on either side the
        // gradient is 0). Within the image they are the neighbour's own four; see EdgeGradientSources for the border.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void GradientSources(int cell, int cellState, out int xPlus, out int xMinus, out float xScale, out int yPlus, out int yMinus, out float yScale)
        {
            if ((cellState & ImageEdge) != 0)
            {
                EdgeGradientSources(cell, out xPlus, out xMinus, out xScale, out yPlus, out yMinus, out yScale);
                return;
            }

            byte* state = _state;
            int stride = _stride;
            int rightUnknown = state[cell + 1] & Unknown;
            int leftUnknown = state[cell - 1] & Unknown;
            int belowUnknown = state[cell + stride] & Unknown;
            int aboveUnknown = state[cell - stride] & Unknown;
            xPlus = cell + 1 - rightUnknown;
            xMinus = cell - 1 + leftUnknown;
            xScale = (rightUnknown | leftUnknown) == 0 ? 2f : 1f;
            yPlus = cell + (stride * (1 - belowUnknown));
            yMinus = cell - (stride * (1 - aboveUnknown));
            yScale = (belowUnknown | aboveUnknown) == 0 ? 2f : 1f;
        }

        // On the image's outer rows and columns OpenCV reads the x differences along the row one inwards (row 1 for
        // row 0), the y differences along the column one inwards, and the far side from one inwards of the last row
        // or column; rebuilt here from the neighbour's position.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void EdgeGradientSources(int cell, out int xPlus, out int xMinus, out float xScale, out int yPlus, out int yMinus, out float yScale)
        {
            byte* state = _state;
            int stride = _stride;
            bool rightKnown = (state[cell + 1] & Unknown) == 0;
            bool leftKnown = (state[cell - 1] & Unknown) == 0;
            bool belowKnown = (state[cell + stride] & Unknown) == 0;
            bool aboveKnown = (state[cell - stride] & Unknown) == 0;
            int y = (cell / stride) - _margin;
            int x = cell - ((y + _margin) * stride) - _margin;
            int shiftYm = y == 0 ? stride : 0;
            int shiftYp = y == _height - 1 ? -stride : 0;
            int shiftXm = x == 0 ? 1 : 0;
            int shiftXp = x == _width - 1 ? -1 : 0;
            int centre = cell + shiftYm + shiftXm;

            int rowM = cell + shiftYm;
            if (rightKnown)
            {
                xPlus = rowM + shiftXp + 1;
                xMinus = leftKnown ? rowM + shiftXm - 1 : centre;
                xScale = leftKnown ? 2f : 1f;
            }
            else
            {
                xPlus = leftKnown ? rowM + shiftXp : centre;
                xMinus = leftKnown ? rowM + shiftXm - 1 : centre;
                xScale = 1f;
            }

            int columnM = cell + shiftXm;
            if (belowKnown)
            {
                yPlus = columnM + shiftYp + stride;
                yMinus = aboveKnown ? columnM + shiftYm - stride : centre;
                yScale = aboveKnown ? 2f : 1f;
            }
            else
            {
                yPlus = aboveKnown ? columnM + shiftYp : centre;
                yMinus = aboveKnown ? columnM + shiftYm - stride : centre;
                yScale = 1f;
            }
        }

        // Per channel, in OpenCV's order over the neighbours: Ia += w * I, Jx -= w * (gradI.x * r.x),
        // Jy -= w * (gradI.y * r.y), s += w. The weight is the same for every channel, so it is computed once, and the
        // channels (with s beside Ia) run in the lanes of one vector: lane by lane the same float operations in the
        // same order, so the same roundings. gradI * r is an integer below 2^24 (|difference| <= 510, |r| <= 100),
        // exact in float, so multiplying the stored gradI by r gives OpenCV's value.
        private void FillPixel(int cell, float time)
        {
            TimeGradient(cell, out float gradientX, out float gradientY);
            ComputeWeights(cell, time, gradientX, gradientY);
            byte* state = _state;
            float* terms = _terms;
            int* deltas = _deltas;
            float* weights = _weights;
            int count = _neighbourTerms!.Count;
            Vector128<float> intensity = Vector128.Create(0f, 0f, 0f, 1.0e-20f);
            Vector128<float> gradientTermX = Vector128<float>.Zero;
            Vector128<float> gradientTermY = Vector128<float>.Zero;
            for (int o = 0; o < count; o++)
            {
                int neighbour = cell + deltas[o];
                if ((state[neighbour] & (Unknown | OffImage)) != 0)
                {
                    continue;
                }

                var weight = Vector128.Create(weights[o]);
                float* neighbourTerms = terms + (neighbour * TermLength);
                intensity += weight * Vector128.Load(neighbourTerms);
                gradientTermX -= weight * (Vector128.Load(neighbourTerms + 4) * Vector128.Create(_rx[o]));
                gradientTermY -= weight * (Vector128.Load(neighbourTerms + 8) * Vector128.Create(_ry[o]));
            }

            byte* target = _pixels + (cell * _channels);
            if (Avx.IsSupported)
            {
                StoreFillValues(target, intensity, gradientTermX, gradientTermY);
                return;
            }

            float s = intensity.GetElement(3);
            target[0] = RoundToByte(FillValue(intensity.GetElement(0), s, gradientTermX.GetElement(0), gradientTermY.GetElement(0)));
            if (_channels == 3)
            {
                target[1] = RoundToByte(FillValue(intensity.GetElement(1), s, gradientTermX.GetElement(1), gradientTermY.GetElement(1)));
                target[2] = RoundToByte(FillValue(intensity.GetElement(2), s, gradientTermX.GetElement(2), gradientTermY.GetElement(2)));
            }
        }

        // FillValue and RoundToByte for the channels in the lanes at once: per lane the same float operations (IEEE
        // division and square root are correctly rounded in vectors too), + 0.5 in double, rounding half to even, and
        // the conversion that gives int.MinValue for NaN and values beyond int, then the clamp to 0..255.
        private void StoreFillValues(byte* target, Vector128<float> intensity, Vector128<float> gradientX, Vector128<float> gradientY)
        {
            Vector128<float> s = Vector128.Shuffle(intensity, Vector128.Create(3));
            Vector128<float> norm = Vector128.Sqrt((gradientX * gradientX) + (gradientY * gradientY)) + Vector128.Create(1.0e-20f);
            Vector128<float> value = (intensity / s) + ((gradientX + gradientY) / norm);
            Vector256<double> rounded = Avx.RoundToNearestInteger(Avx.ConvertToVector256Double(value) + Vector256.Create(0.5));
            Vector128<int> whole = Avx.ConvertToVector128Int32WithTruncation(rounded);
            Vector128<int> clamped = Vector128.Min(Vector128.Max(whole, Vector128<int>.Zero), Vector128.Create(255));
            target[0] = (byte)clamped.GetElement(0);
            if (_channels == 3)
            {
                target[1] = (byte)clamped.GetElement(1);
                target[2] = (byte)clamped.GetElement(2);
            }
        }

        // The three bytes of a pixel, and the byte after them in lane 3, as 32-bit integers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<int> LoadPixel(byte* pixel) =>
            Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<int>(pixel)).AsByte())).AsInt32();

        // The fill value before rounding: the weighted mean plus the normalised gradient term, all in float (OpenCV's
        // sqrt of a float resolves to the float overload), then + 0.5 in double as OpenCV's rounding cast adds it.
        private static double FillValue(float ia, float s, float jx, float jy)
        {
            float value = (ia / s) + ((jx + jy) / (MathF.Sqrt((jx * jx) + (jy * jy)) + 1.0e-20f));
            return value + 0.5;
        }

        // OpenCV's saturate_cast<uchar>(double): round half to even into an int (NaN and values beyond int give
        // int.MinValue, as the SSE conversion does), then clamp to 0..255.
        private static byte RoundToByte(double value)
        {
            double rounded = Math.Round(value);
            int whole = rounded >= int.MinValue && rounded <= int.MaxValue ? (int)rounded : int.MinValue;
            return (byte)Math.Clamp(whole, 0, 255);
        }

        private void PrepareOffsets(int range)
        {
            if (_offsetRange == range && _offsetStride == _stride && _offsetChannels == _channels)
            {
                return;
            }

            NeighbourTerms terms = NeighbourTerms.For(range);
            int padded = terms.Count + VectorPadding;
            _deltas = Grow(ref _deltaArray, padded);
            _rx = Grow(ref _rxArray, padded);
            _ry = Grow(ref _ryArray, padded);
            _distance = Grow(ref _distanceArray, padded);
            _weights = Grow(ref _weightArray, padded);
            _rowDeltas = Grow(ref _rowDeltaArray, terms.RowCount);
            new Span<float>(_rx, padded).Clear();
            new Span<float>(_ry, padded).Clear();
            new Span<float>(_distance, padded).Clear();
            float[] distance = _channels == 3 ? terms.ColourDistance : terms.GreyDistance;
            for (int o = 0; o < terms.Count; o++)
            {
                _deltas[o] = (terms.Dy[o] * _stride) + terms.Dx[o];
                _rx[o] = terms.Rx[o];
                _ry[o] = terms.Ry[o];
                _distance[o] = distance[o];
            }

            for (int row = 0; row < terms.RowCount; row++)
            {
                _rowDeltas[row] = _deltas[terms.RowFirst[row]];
            }

            _neighbourTerms = terms;
            _offsetRange = range;
            _offsetStride = _stride;
            _offsetChannels = _channels;
        }

        private void StorePixels(byte* image, long imageStep, byte* mask, long maskStep)
        {
            int channels = _channels;
            for (int y = 0; y < _height; y++)
            {
                byte* maskRow = mask + (y * maskStep);
                byte* imageRow = image + (y * imageStep);
                byte* pixelRow = _pixels + (Cell(0, y) * channels);
                for (int x = 0; x < _width; x++)
                {
                    if (maskRow[x] != 0)
                    {
                        for (int c = 0; c < channels; c++)
                        {
                            imageRow[(x * channels) + c] = pixelRow[(x * channels) + c];
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
            // The centre is kept (so each row is one run of cells) though it is the pixel being filled: unknown, so
            // never used as a neighbour.
            var dy = new List<int>();
            var dx = new List<int>();
            RowCount = (2 * range) + 1;
            RowFirst = new int[RowCount];
            RowLength = new int[RowCount];
            for (int k = -range; k <= range; k++)
            {
                RowFirst[k + range] = dy.Count;
                for (int l = -range; l <= range; l++)
                {
                    if ((k * k) + (l * l) <= range * range)
                    {
                        dy.Add(k);
                        dx.Add(l);
                    }
                }

                RowLength[k + range] = dy.Count - RowFirst[k + range];
            }

            Count = dy.Count;
            Dy = [.. dy];
            Dx = [.. dx];
            Rx = new float[Count];
            Ry = new float[Count];
            ColourDistance = new float[Count];
            GreyDistance = new float[Count];
            for (int o = 0; o < Count; o++)
            {
                // r points from the neighbour to the filled pixel; |r|^2 is an exact small integer in float.
                float rx = -Dx[o];
                float ry = -Dy[o];
                float lengthSquared = (rx * rx) + (ry * ry);
                Rx[o] = rx;
                Ry[o] = ry;
                ColourDistance[o] = (float)(1.0 / (lengthSquared * Math.Sqrt(lengthSquared)));
                GreyDistance[o] = (float)(1.0 / (lengthSquared * MathF.Sqrt(lengthSquared)));
            }
        }

        public int Count { get; }

        public int RowCount { get; }

        /// <summary>Per row of the disc (top to bottom): the index of its first neighbour, and how many it has.</summary>
        public int[] RowFirst { get; }

        public int[] RowLength { get; }

        public int[] Dy { get; }

        public int[] Dx { get; }

        public float[] Rx { get; }

        public float[] Ry { get; }

        /// <summary>1 / |r|^3 as OpenCV's 3-channel code computes it: the square root in double.</summary>
        public float[] ColourDistance { get; }

        /// <summary>1 / |r|^3 as OpenCV's 1-channel code computes it: the square root in float (its sqrt(float) overload).</summary>
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
