using AuditHarness.Core.Geometry;

namespace AuditHarness.Tests.Core.Geometry;

// Expected weights are worked out by hand: a source pixel (x, y) becomes the input rectangle
// [padLeft + x*sx, padLeft + (x+1)*sx) x [padTop + y*sy, padTop + (y+1)*sy); a cell's weight is the area of the
// artifact rectangles inside it over the cell's area.
[TestClass]
public sealed class LayerGridMaskTests
{
    private const float Tolerance = 1e-6f;

    [TestMethod]
    public void IdentityLetterboxAveragesEachTwoByTwoBlockIntoOneCell()
    {
        // 4x4 source = 4x4 input, grid 2x2 (stride 2). Artifact at (0,0), (1,0), (0,1): 3 of the 4 pixels of the
        // top-left cell; and (3,3): 1 of the 4 pixels of the bottom-right cell.
        byte[] mask =
        [
            255, 255, 0, 0,
            255, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 255,
        ];
        var letterbox = LetterboxGeometry.Compute(4, 4, 4, 4);

        float[] weights = LayerGridMask.Map(mask, 4, 4, letterbox, gridHeight: 2, gridWidth: 2);

        CollectionAssert.AreEqual(new[] { 0.75f, 0f, 0f, 0.25f }, weights);
    }

    [TestMethod]
    public void AnyNonzeroValueMarksTheArtifact()
    {
        byte[] mask = [1, 0, 0, 0];
        var letterbox = LetterboxGeometry.Compute(2, 2, 2, 2);

        float[] weights = LayerGridMask.Map(mask, 2, 2, letterbox, gridHeight: 1, gridWidth: 1);

        Assert.AreEqual(0.25f, weights[0], Tolerance);
    }

    [TestMethod]
    public void WideSourceIsScaledUpAndPaddedAboveAndBelow()
    {
        // 2x1 source into 4x4: r = min(4/1, 4/2) = 2 -> 4x2, dh = 1 -> padTop = round(0.9) = 1.
        // Source pixel (0,0) covers input x [0,2), y [1,3).
        byte[] mask = [255, 0];
        var letterbox = LetterboxGeometry.Compute(2, 1, 4, 4);

        float[] fine = LayerGridMask.Map(mask, 2, 1, letterbox, gridHeight: 4, gridWidth: 4);
        float[] coarse = LayerGridMask.Map(mask, 2, 1, letterbox, gridHeight: 2, gridWidth: 2);

        // Stride 1: exactly the cells (row 1..2, column 0..1); row 0 and row 3 are padding.
        CollectionAssert.AreEqual(
            new[]
            {
                0f, 0f, 0f, 0f,
                1f, 1f, 0f, 0f,
                1f, 1f, 0f, 0f,
                0f, 0f, 0f, 0f,
            },
            fine);

        // Stride 2: cell (0,0) is x [0,2) y [0,2) and overlaps the pixel on [0,2)x[1,2) = 2 of 4; cell (1,0) likewise.
        CollectionAssert.AreEqual(new[] { 0.5f, 0f, 0.5f, 0f }, coarse);
    }

    [TestMethod]
    public void UpscaledPixelCoversHalfOfTheCellsItStraddles()
    {
        // 2x2 source into 3x3: r = 1.5, no padding. Pixel (0,0) covers [0,1.5) x [0,1.5); grid 3x3 has stride 1.
        byte[] mask = [255, 0, 0, 0];
        var letterbox = LetterboxGeometry.Compute(2, 2, 3, 3);

        float[] weights = LayerGridMask.Map(mask, 2, 2, letterbox, gridHeight: 3, gridWidth: 3);

        float[] expected =
        [
            1f, 0.5f, 0f,
            0.5f, 0.25f, 0f,
            0f, 0f, 0f,
        ];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], weights[i], Tolerance, $"cell {i}");
        }
    }

    [TestMethod]
    public void FractionalStrideSplitsACentralPixelOverFourCells()
    {
        // 5x5 identity, grid 2x2: cells are 2.5 x 2.5. Pixel (2,2) = [2,3)^2 puts 0.5 x 0.5 into each cell: 0.25 / 6.25.
        var mask = new byte[25];
        mask[2 * 5 + 2] = 255;
        var letterbox = LetterboxGeometry.Compute(5, 5, 5, 5);

        float[] weights = LayerGridMask.Map(mask, 5, 5, letterbox, gridHeight: 2, gridWidth: 2);

        foreach (float weight in weights)
        {
            Assert.AreEqual(0.04f, weight, Tolerance);
        }
    }

    [TestMethod]
    public void NonSquareGridOnPaddedInputWeighsTheTopRowOnly()
    {
        // 6x2 source into 6 wide, 4 high: r = min(4/2, 6/6) = 1, padTop = round(1 - 0.1) = 1.
        // Source row 0 -> input row 1. Grid 2 rows x 3 columns of 2x2 cells: each top cell holds 2 of its 4 pixels.
        byte[] mask =
        [
            255, 255, 255, 255, 255, 255,
            0, 0, 0, 0, 0, 0,
        ];
        var letterbox = LetterboxGeometry.Compute(6, 2, 6, 4);

        float[] weights = LayerGridMask.Map(mask, 6, 2, letterbox, gridHeight: 2, gridWidth: 3);

        CollectionAssert.AreEqual(new[] { 0.5f, 0.5f, 0.5f, 0f, 0f, 0f }, weights);
    }

    [TestMethod]
    public void WeightedCellAreaEqualsMaskAreaTimesScaleSquaredAndPaddingCellsAreZero()
    {
        // 40x30 into 80x80: r = 2 -> 80x60, padTop = round(10 - 0.1) = 10. Grid 10x10 of 8x8 cells.
        // Cell row 0 is y [0,8) and row 9 is y [72,80): both entirely in the padding.
        const int width = 40;
        const int height = 30;
        var mask = new byte[width * height];
        int area = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if ((x * 7 + y * 3) % 5 == 0 || (x > 30 && y < 4))
                {
                    mask[y * width + x] = 255;
                    area++;
                }
            }
        }

        var letterbox = LetterboxGeometry.Compute(width, height, 80, 80);

        float[] weights = LayerGridMask.Map(mask, width, height, letterbox, gridHeight: 10, gridWidth: 10);

        double weightedArea = weights.Sum(w => (double)w) * 64.0;
        Assert.AreEqual(area * 4.0, weightedArea, 1e-3);
        for (int column = 0; column < 10; column++)
        {
            Assert.AreEqual(0f, weights[column], $"top padding cell {column}");
            Assert.AreEqual(0f, weights[90 + column], $"bottom padding cell {column}");
        }

        Assert.IsTrue(weights.All(w => w is >= 0f and <= 1f));
    }

    [TestMethod]
    public void SourceTilesTheRoundedResizedBandWithoutASliver()
    {
        // 3x7 into 4x4: r = min(4/7, 4/3) = 4/7, resized round(12/7) = 2 x 4, padLeft = round(1 - 0.1) = 1.
        // The raster occupies columns 1 and 2 exactly; with r itself (3 * 4/7 = 1.71) column 2 would be 71 % covered.
        var mask = Enumerable.Repeat((byte)255, 3 * 7).ToArray();
        var letterbox = LetterboxGeometry.Compute(3, 7, 4, 4);

        float[] weights = LayerGridMask.Map(mask, 3, 7, letterbox, gridHeight: 4, gridWidth: 4);

        for (int row = 0; row < 4; row++)
        {
            Assert.AreEqual(0f, weights[row * 4 + 0], $"row {row} left padding");
            Assert.AreEqual(1f, weights[row * 4 + 1], 1e-6f, $"row {row} column 1");
            Assert.AreEqual(1f, weights[row * 4 + 2], 1e-6f, $"row {row} column 2");
            Assert.AreEqual(0f, weights[row * 4 + 3], $"row {row} right padding");
        }
    }

    [TestMethod]
    public void FullMaskGivesOneOnEveryImageCell()
    {
        var mask = Enumerable.Repeat((byte)255, 8 * 8).ToArray();
        var letterbox = LetterboxGeometry.Compute(8, 8, 16, 16);

        float[] weights = LayerGridMask.Map(mask, 8, 8, letterbox, gridHeight: 4, gridWidth: 4);

        Assert.IsTrue(weights.All(w => w == 1f));
    }

    [TestMethod]
    public void RunsAndRepeatedRowsGiveTheBitsOfAPlainPerPixelSum()
    {
        // Fractional scales and strides (37x23 into 64x48 on grids of 5x7 and 13x11 cells), masks of runs, repeated
        // rows and isolated pixels: the weights must equal, bit for bit, a sum that visits every pixel in raster
        // order (each row's overlaps summed per cell column in increasing x, then spread over cell rows).
        const int width = 37;
        const int height = 23;
        var random = new Random(20261126);
        var letterbox = LetterboxGeometry.Compute(width, height, 64, 48);
        for (int trial = 0; trial < 50; trial++)
        {
            var mask = new byte[width * height];
            for (int y = 0; y < height; y++)
            {
                if (y > 0 && random.Next(3) == 0)
                {
                    Array.Copy(mask, (y - 1) * width, mask, y * width, width);
                    continue;
                }

                for (int x = 0; x < width; x++)
                {
                    mask[(y * width) + x] = random.Next(4) == 0 ? (byte)255 : (byte)0;
                }
            }

            foreach ((int gridHeight, int gridWidth) in new[] { (5, 7), (11, 13), (48, 64) })
            {
                float[] expected = PlainPerPixelWeights(mask, width, height, letterbox, gridHeight, gridWidth);

                float[] weights = LayerGridMask.Map(mask, width, height, letterbox, gridHeight, gridWidth);

                CollectionAssert.AreEqual(expected, weights, $"trial {trial}, grid {gridHeight}x{gridWidth}");
            }
        }
    }

    private static float[] PlainPerPixelWeights(byte[] mask, int width, int height, LetterboxGeometry letterbox, int gridHeight, int gridWidth)
    {
        double cellWidth = (double)letterbox.InputWidth / gridWidth;
        double cellHeight = (double)letterbox.InputHeight / gridHeight;
        double sx = (double)letterbox.ResizedWidth / width;
        double sy = (double)letterbox.ResizedHeight / height;
        static double Overlap(double from, double to, int cell, double length) =>
            Math.Min(to, (cell + 1) * length) - Math.Max(from, cell * length);

        var covered = new double[gridHeight * gridWidth];
        for (int y = 0; y < height; y++)
        {
            var byColumn = new double[gridWidth];
            for (int x = 0; x < width; x++)
            {
                if (mask[(y * width) + x] == 0)
                {
                    continue;
                }

                double from = letterbox.PadLeft + (x * sx), to = letterbox.PadLeft + ((x + 1) * sx);
                for (int column = 0; column < gridWidth; column++)
                {
                    double overlap = Overlap(from, to, column, cellWidth);
                    if (overlap > 0)
                    {
                        byColumn[column] += overlap;
                    }
                }
            }

            double top = letterbox.PadTop + (y * sy), bottom = letterbox.PadTop + ((y + 1) * sy);
            for (int row = 0; row < gridHeight; row++)
            {
                double overlap = Overlap(top, bottom, row, cellHeight);
                if (overlap > 0)
                {
                    for (int column = 0; column < gridWidth; column++)
                    {
                        covered[(row * gridWidth) + column] += overlap * byColumn[column];
                    }
                }
            }
        }

        return [.. covered.Select(c => (float)Math.Clamp(c / (cellWidth * cellHeight), 0.0, 1.0))];
    }

    [TestMethod]
    public void MaskOfAnotherSizeThanTheLetterboxSourceIsRejected()
    {
        var letterbox = LetterboxGeometry.Compute(4, 4, 8, 8);

        var error = Assert.ThrowsExactly<ArgumentException>(
            () => LayerGridMask.Map(new byte[6], 3, 2, letterbox, 2, 2));

        StringAssert.Contains(error.Message, "The mask is 3x2; the letterbox was computed for a 4x4 source.");
    }

    [TestMethod]
    public void MaskBufferOfTheWrongLengthIsRejected()
    {
        var letterbox = LetterboxGeometry.Compute(4, 4, 8, 8);

        var error = Assert.ThrowsExactly<ArgumentException>(
            () => LayerGridMask.Map(new byte[15], 4, 4, letterbox, 2, 2));

        StringAssert.Contains(error.Message, "The mask holds 15 values; 4x4 needs 16.");
    }
}
