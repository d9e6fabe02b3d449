using AuditHarness.Core.Annotations;
using AuditHarness.Core.Errors;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Tests.Core.Annotations;

/// <summary>
/// Masks drawn from YOLO label files and COCO files against PNG masks drawn by hand in the test: the pixels each shape
/// should take are worked out from the rule (pixel centres inside), written as a PNG, and read back the way a manifest's
/// PNG mask is read.
/// </summary>
[TestClass]
public sealed class AnnotationMasksTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("annotation-masks").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void YoloBoxesAndPolygonsOfTheArtifactClassesGiveTheHandMadeMask()
    {
        // 20x10 image. Line 1: ruler box centre (10, 5), 4x4 px: x 8..12, y 3..7, so columns 8-11 and rows 3-6.
        // Line 2: a lesion (not an artifact). Line 3: ink triangle (0,0), (6,0), (0,6) px: centres with x + y <= 4.
        File.WriteAllText(Path.Combine(_folder, "classes.txt"), "ruler\nlesion\nink\n");
        string labels = Write("a.txt", "0 0.5 0.5 0.2 0.4\n1 0.1 0.1 0.3 0.1 0.1 0.9\n\n2 0 0 0.3 0 0 0.6\n");
        string png = HandMadePng("a.png", 20, 10, (x, y) => (x is >= 8 and <= 11 && y is >= 3 and <= 6) || x + y <= 4);

        byte[] drawn = new AnnotationMasks(new ArtifactClasses(["ruler", "ink"]), null).Draw(MaskReference.Parse(labels), "a.jpg", 20, 10);

        CollectionAssert.AreEqual(Read(png, 20, 10), drawn);
    }

    [TestMethod]
    public void YoloClassesByIndexNeedNoNamesAndNamesComeFromADataYaml()
    {
        string dataset = Directory.CreateDirectory(Path.Combine(_folder, "set", "labels", "train")).FullName;
        File.WriteAllText(Path.Combine(_folder, "set", "data.yaml"), "path: .\nnames:\n  0: lesion\n  1: ruler # measuring tape\nnc: 2\n");
        string labels = Path.Combine(dataset, "b.txt");
        File.WriteAllText(labels, "0 0.5 0.5 1 1\n1 0.25 0.5 0.5 1\n");
        // Class 1: x 0..5 of 10, y 0..4 of 4: columns 0-4, every row.
        byte[] expected = Read(HandMadePng("b.png", 10, 4, (x, _) => x <= 4), 10, 4);

        byte[] byIndex = new AnnotationMasks(new ArtifactClasses(["1"]), null).Draw(MaskReference.Parse(labels), "b.jpg", 10, 4);
        byte[] byName = new AnnotationMasks(new ArtifactClasses(["Ruler"]), null).Draw(MaskReference.Parse(labels), "b.jpg", 10, 4);

        CollectionAssert.AreEqual(expected, byIndex);
        CollectionAssert.AreEqual(expected, byName);
    }

    [TestMethod]
    public void CocoPolygonsBoxesAndRunsOfTheArtifactCategoriesGiveTheHandMadeMask()
    {
        // 12x8 image 'a.jpg' (id 7). Ruler polygon (0,0), (6,0), (0,6): x + y <= 4. Ruler without segmentation, bbox
        // [8, 2, 3, 4]: columns 8-10, rows 2-5. Lesion box: not drawn. Ruler as runs over the column-major pixels:
        // 94 background, then 2 artifact = pixels 94 and 95 = column 11, rows 6 and 7.
        string coco = Write("coco.json", """
            {
              "images": [ { "id": 7, "file_name": "train/a.jpg", "width": 12, "height": 8 }, { "id": 8, "file_name": "b.jpg" } ],
              "categories": [ { "id": 1, "name": "ruler" }, { "id": 2, "name": "lesion" } ],
              "annotations": [
                { "id": 1, "image_id": 7, "category_id": 1, "segmentation": [[0, 0, 6, 0, 0, 6]], "bbox": [0, 0, 6, 6] },
                { "id": 2, "image_id": 7, "category_id": 1, "bbox": [8, 2, 3, 4] },
                { "id": 3, "image_id": 7, "category_id": 2, "segmentation": [], "bbox": [4, 4, 2, 2] },
                { "id": 4, "image_id": 7, "category_id": 1, "iscrowd": 1, "segmentation": { "size": [8, 12], "counts": [94, 2] } },
                { "id": 5, "image_id": 8, "category_id": 1, "bbox": [0, 0, 1, 1] }
              ]
            }
            """);
        byte[] expected = Read(HandMadePng("a.png", 12, 8, (x, y) => x + y <= 4 || (x is >= 8 and <= 10 && y is >= 2 and <= 5) || (x == 11 && y >= 6)), 12, 8);
        var masks = new AnnotationMasks(new ArtifactClasses(["ruler"]), null);

        CollectionAssert.AreEqual(expected, masks.Draw(MaskReference.Parse(coco), "/data/a.jpg", 12, 8), "matched by the image's file name");
        CollectionAssert.AreEqual(expected, masks.Draw(MaskReference.Parse(coco + "#7"), "/data/other.jpg", 12, 8), "by id");
        CollectionAssert.AreEqual(expected, masks.Draw(MaskReference.Parse(coco + "#train/a.jpg"), "/data/other.jpg", 12, 8), "by file_name");
    }

    [TestMethod]
    public void CompressedCocoRunsGiveTheSameMaskAsTheUncompressedOnes()
    {
        // 4x2: runs 2, 3, 3 (column-major: pixels 2-4 = (1,0), (1,1), (2,0)); compressed '2' '3' '3'.
        string coco = Write("c.json", """
            { "images": [ { "id": 1, "file_name": "c.jpg", "width": 4, "height": 2 } ], "categories": [ { "id": 3, "name": "ink" } ],
              "annotations": [ { "id": 9, "image_id": 1, "category_id": 3, "segmentation": { "size": [2, 4], "counts": "233" } } ] }
            """);
        byte[] expected = Read(HandMadePng("c.png", 4, 2, (x, y) => x == 1 || (x == 2 && y == 0)), 4, 2);

        CollectionAssert.AreEqual(expected, new AnnotationMasks(new ArtifactClasses(["3"]), null).Draw(MaskReference.Parse(coco), "c.jpg", 4, 2));
    }

    [TestMethod]
    public void AMalformedLabelLineIsOneErrorNamingTheFileAndLine()
    {
        string labels = Write("bad.txt", "0 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2\n");
        var masks = new AnnotationMasks(new ArtifactClasses(["0"]), null);

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => masks.Draw(MaskReference.Parse(labels), "bad.jpg", 10, 10));

        Assert.AreEqual($"Label file '{labels}' line 2: 3 numbers after the class; expected 4 (a box: cx cy w h) or an even number from 6 (a polygon: x1 y1 x2 y2 x3 y3 ...).", ex.Message);
    }

    [TestMethod]
    public void BadAnnotationInputsAreClearErrors()
    {
        string outOfRange = Write("range.txt", "0 0.5 1.5 0.2 0.2\n");
        string noArtifact = Write("none.txt", "1 0.5 0.5 0.2 0.2\n");
        string coco = Write("d.json", """{ "images": [ { "id": 1, "file_name": "d.jpg", "width": 5, "height": 5 } ], "categories": [ { "id": 1, "name": "ruler" } ], "annotations": [] }""");
        var byIndex = new AnnotationMasks(new ArtifactClasses(["0"]), null);

        StringAssert.Contains(Message(() => byIndex.Draw(MaskReference.Parse(outOfRange), "x.jpg", 10, 10)), "line 1: '1.5' is not a number in [0, 1]");
        StringAssert.Contains(Message(() => byIndex.Draw(MaskReference.Parse(noArtifact), "x.jpg", 10, 10)), "has no shape of the artifact classes 0");
        StringAssert.Contains(Message(() => new AnnotationMasks(null, null).Draw(MaskReference.Parse(noArtifact), "x.jpg", 10, 10)), "dataset.artifactClasses");
        StringAssert.Contains(Message(() => new AnnotationMasks(new ArtifactClasses(["ruler"]), null).Draw(MaskReference.Parse(noArtifact), "x.jpg", 10, 10)), "no classes.txt or data.yaml or dataset.yaml was found");
        StringAssert.Contains(Message(() => new AnnotationMasks(new ArtifactClasses(["rulr"]), null).Draw(MaskReference.Parse(coco), "d.jpg", 5, 5)), "is not a category of COCO file");
        StringAssert.Contains(Message(() => new AnnotationMasks(new ArtifactClasses(["rulr"]), null).Draw(MaskReference.Parse(coco), "d.jpg", 5, 5)), "did you mean 'ruler'?");
        StringAssert.Contains(Message(() => byIndex.Draw(MaskReference.Parse(coco), "d.jpg", 6, 5)), "gives image 1 ('d.jpg') as 5x5; the image is 6x5");
        StringAssert.Contains(Message(() => byIndex.Draw(MaskReference.Parse(coco), "e.jpg", 5, 5)), "has no image with file_name 'e.jpg'");
        StringAssert.Contains(Message(() => byIndex.Draw(MaskReference.Parse(Write("e.json", "{ \"images\": [")), "e.jpg", 5, 5)), "is not valid JSON at line 1");
    }

    [TestMethod]
    public void TheMaskCellSyntaxSaysWhichKindOfFileItNames()
    {
        Assert.AreEqual(new MaskReference("masks/a.png", MaskReferenceKind.Image, null), MaskReference.Parse("masks/a.png"));
        Assert.AreEqual(new MaskReference("labels/a.txt", MaskReferenceKind.YoloLabels, null), MaskReference.Parse("labels/a.txt"));
        Assert.AreEqual(new MaskReference("coco.json", MaskReferenceKind.Coco, null), MaskReference.Parse("coco.json"));
        Assert.AreEqual(new MaskReference("coco.json", MaskReferenceKind.Coco, "12"), MaskReference.Parse("coco.json#12"));
        Assert.AreEqual(new MaskReference("a#b/coco.JSON", MaskReferenceKind.Coco, "x#1.jpg"), MaskReference.Parse("a#b/coco.JSON#x#1.jpg"));
    }

    private static string Message(Action action) => Assert.ThrowsExactly<AuditInputException>(action).Message;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string HandMadePng(string name, int width, int height, Func<int, int, bool> inside)
    {
        string path = Path.Combine(_folder, name);
        using var mat = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (inside(x, y))
                {
                    mat.Set(y, x, (byte)255);
                }
            }
        }

        Cv2.ImWrite(path, mat);
        return path;
    }

    private static byte[] Read(string png, int width, int height)
    {
        using ArtifactMask mask = ArtifactMask.Load(png, width, height);
        return mask.ToArray();
    }
}
