using AuditHarness.Core.Annotations;

namespace AuditHarness.Tests.Core.Annotations;

[TestClass]
public sealed class MaskRasterizerTests
{
    [TestMethod]
    public void ABoxTakesThePixelsWhoseCentresLieInsideIt()
    {
        // 10x8 image, box x 2.4..6.5, y 1.5..4.6: column centres 2.5..5.5 are >= 2.4 and < 6.5 (columns 2-5; column 6's
        // centre 6.5 is on the right edge, outside); row centres 1.5..4.5 (rows 1-4: row 1's centre is on the top edge, inside).
        byte[] mask = new byte[10 * 8];

        MaskRasterizer.FillBox(mask, 10, 8, 2.4, 1.5, 6.5, 4.6);

        CollectionAssert.AreEqual(Expected(10, 8, (x, y) => x is >= 2 and <= 5 && y is >= 1 and <= 4), mask);
    }

    [TestMethod]
    public void ATriangleTakesExactlyItsInteriorPixelCentres()
    {
        // Right triangle (0,0), (6,0), (0,6) in a 6x6 image: a centre (x+.5, y+.5) is inside when x + y + 1 < 6,
        // i.e. x + y <= 4 (a centre on the hypotenuse, x + y + 1 = 6, is on a right edge: outside).
        byte[] mask = new byte[6 * 6];

        MaskRasterizer.FillPolygon(mask, 6, 6, [0, 0, 6, 0, 0, 6]);

        CollectionAssert.AreEqual(Expected(6, 6, (x, y) => x + y <= 4), mask);
        Assert.AreEqual(15, mask.Count(b => b == 255), "1 + 2 + 3 + 4 + 5 pixels");
    }

    [TestMethod]
    public void TwoBoxesSharingAnEdgeDoNotOverlapAndPartsOffTheImageAreDropped()
    {
        byte[] left = new byte[8 * 4], right = new byte[8 * 4];

        MaskRasterizer.FillBox(left, 8, 4, -3, -3, 4, 2);
        MaskRasterizer.FillBox(right, 8, 4, 4, 0, 20, 2);

        CollectionAssert.AreEqual(Expected(8, 4, (x, y) => x <= 3 && y <= 1), left);
        CollectionAssert.AreEqual(Expected(8, 4, (x, y) => x >= 4 && y <= 1), right);
    }

    [TestMethod]
    public void RunsAreReadColumnByColumnStartingWithBackground()
    {
        // 3 wide, 2 high; column-major order is (0,0) (0,1) (1,0) (1,1) (2,0) (2,1). Runs 1 background, 3 artifact, 2
        // background: pixels (0,1), (1,0), (1,1).
        byte[] mask = new byte[3 * 2];

        MaskRasterizer.FillRuns(mask, 3, 2, [1, 3, 2]);

        CollectionAssert.AreEqual(new byte[] { 0, 255, 0, 255, 255, 0 }, mask);
    }

    [TestMethod]
    public void RunsThatDoNotCoverTheImageAreAnError()
    {
        Assert.ThrowsExactly<FormatException>(() => MaskRasterizer.FillRuns(new byte[6], 3, 2, [1, 3]));
        Assert.ThrowsExactly<FormatException>(() => MaskRasterizer.FillRuns(new byte[6], 3, 2, [1, 3, 5]));
    }

    [TestMethod]
    public void CompressedRunsDecodeAsPycocotoolsEncodesThem()
    {
        // Encoded by hand with pycocotools' rleToString: 2, 3, 4 are single characters '2' '3' '4' (48 + value); the fourth
        // run, 1, is stored as 1 - 3 = -2, whose 5-bit group 11110 = 30 has the sign bit: character 48 + 30 = 'N'.
        CollectionAssert.AreEqual(new long[] { 2, 3, 4, 1 }, CompressedRuns.Decode("234N"));

        // 40 = 8 + 1 * 32: group 8 with the continuation bit (8 | 32 = 40, character 'X'), then group 1 ('1').
        CollectionAssert.AreEqual(new long[] { 40 }, CompressedRuns.Decode("X1"));
        Assert.ThrowsExactly<FormatException>(() => CompressedRuns.Decode("X"), "a number cut off");
    }

    internal static byte[] Expected(int width, int height, Func<int, int, bool> inside)
    {
        byte[] mask = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                mask[(y * width) + x] = inside(x, y) ? (byte)255 : (byte)0;
            }
        }

        return mask;
    }
}
