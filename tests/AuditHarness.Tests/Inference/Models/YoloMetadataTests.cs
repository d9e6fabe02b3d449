using AuditHarness.Core.Errors;
using AuditHarness.Inference.Models;

namespace AuditHarness.Tests.Inference.Models;

[TestClass]
public sealed class YoloMetadataTests
{
    private const string Model = "detector.onnx";

    [TestMethod]
    public void UltralyticsExportMetadataIsRead()
    {
        var props = new Dictionary<string, string>
        {
            ["description"] = "Ultralytics YOLOv8n model trained on coco.yaml",
            ["author"] = "Ultralytics",
            ["date"] = "2025-01-10T12:00:00.000000",
            ["version"] = "8.3.59",
            ["stride"] = "32",
            ["task"] = "detect",
            ["batch"] = "1",
            ["imgsz"] = "[640, 640]",
            ["names"] = "{0: 'person', 1: 'bicycle', 2: 'car'}",
            ["end2end"] = "False",
        };

        var metadata = YoloMetadata.Parse(props, Model);

        Assert.AreEqual(3, metadata.Names.Count);
        Assert.AreEqual("person", metadata.Names[0]);
        Assert.AreEqual("bicycle", metadata.Names[1]);
        Assert.AreEqual("car", metadata.Names[2]);
        Assert.AreEqual(640, metadata.ImageHeight);
        Assert.AreEqual(640, metadata.ImageWidth);
        Assert.AreEqual(32, metadata.Stride);
        Assert.AreEqual("detect", metadata.Task);
        Assert.IsFalse(metadata.EndToEnd);
        Assert.AreEqual("Ultralytics YOLOv8n model trained on coco.yaml", metadata.Description);
        Assert.AreEqual("8.3.59", metadata.Version);
        Assert.AreEqual("2025-01-10T12:00:00.000000", metadata.Date);
        Assert.AreEqual(Model, metadata.ModelDisplayName);
        Assert.AreEqual("Ultralytics", metadata.Raw["author"]);
        Assert.AreEqual(props.Count, metadata.Raw.Count);
    }

    [TestMethod]
    public void NamesInEitherQuoteWithEscapesSpacesAndATrailingCommaAreRead()
    {
        var metadata = Parse("names", """{ 0 : "it's" ,1:'it\'s',  2: 'traffic light', 3: 'back\\slash', }""");

        Assert.AreEqual("it's", metadata.Names[0]);
        Assert.AreEqual("it's", metadata.Names[1]);
        Assert.AreEqual("traffic light", metadata.Names[2]);
        Assert.AreEqual("back\\slash", metadata.Names[3]);
        Assert.AreEqual(4, metadata.Names.Count);
    }

    [TestMethod]
    public void NamesWrittenAsAListAreNumberedByPosition()
    {
        var metadata = Parse("names", "['cat', 'dog']");

        Assert.AreEqual("cat", metadata.Names[0]);
        Assert.AreEqual("dog", metadata.Names[1]);
    }

    [TestMethod]
    public void MissingNamesLeaveNamesEmptyAndClassesNamedByNumber()
    {
        var metadata = YoloMetadata.Parse(new Dictionary<string, string>(), Model);

        Assert.AreEqual(0, metadata.Names.Count);
        Assert.AreEqual("class 3", metadata.ClassName(3));
        Assert.IsNull(metadata.ImageHeight);
        Assert.IsNull(metadata.ImageWidth);
        Assert.IsNull(metadata.Stride);
        Assert.IsNull(metadata.Task);
        Assert.IsNull(metadata.EndToEnd);
        Assert.IsNull(metadata.Version);
    }

    [TestMethod]
    public void ClassNameComesFromNames()
    {
        var metadata = Parse("names", "{0: 'person', 5: 'bus'}");

        Assert.AreEqual("bus", metadata.ClassName(5));
        Assert.AreEqual("class 1", metadata.ClassName(1));
    }

    [TestMethod]
    [DataRow("{0: 'person', 1: }", DisplayName = "missing value")]
    [DataRow("{0: 'person', 1: 'bicycle'", DisplayName = "unclosed dict")]
    [DataRow("{0: 'person}", DisplayName = "unclosed string")]
    [DataRow("{'a': 'person'}", DisplayName = "text key")]
    [DataRow("{0: 7}", DisplayName = "number value")]
    [DataRow("{-1: 'person'}", DisplayName = "negative key")]
    [DataRow("{0: 'person'} extra", DisplayName = "trailing text")]
    [DataRow("person, bicycle", DisplayName = "not a literal")]
    [DataRow("42", DisplayName = "a number")]
    public void MalformedNamesAreReportedWithModelAndField(string names)
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => Parse("names", names));

        StringAssert.StartsWith(error.Message, $"Model '{Model}' has malformed metadata 'names': expected a Python dict");
        Assert.DoesNotContain("\n", error.Message);
    }

    [TestMethod]
    [DataRow("[640, 640]", 640, 640)]
    [DataRow("[480, 640]", 480, 640)]
    [DataRow("640", 640, 640)]
    [DataRow("[320]", 320, 320)]
    [DataRow("(256, 320)", 256, 320)]
    public void ImageSizeIsHeightThenWidth(string imgsz, int height, int width)
    {
        var metadata = Parse("imgsz", imgsz);

        Assert.AreEqual(height, metadata.ImageHeight);
        Assert.AreEqual(width, metadata.ImageWidth);
    }

    [TestMethod]
    [DataRow("[640, 'x']")]
    [DataRow("[0, 640]")]
    [DataRow("[640, 640, 3]")]
    [DataRow("big")]
    public void MalformedImageSizeIsReportedWithModelAndField(string imgsz)
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => Parse("imgsz", imgsz));

        StringAssert.StartsWith(error.Message, $"Model '{Model}' has malformed metadata 'imgsz'");
    }

    [TestMethod]
    [DataRow("32", 32)]
    [DataRow("[8, 16, 32]", 32)]
    [DataRow("[32, 8, 16]", 32)]
    [DataRow("64.0", 64)]
    public void StrideIsTheLargestGiven(string stride, int expected)
    {
        Assert.AreEqual(expected, Parse("stride", stride).Stride);
    }

    [TestMethod]
    public void EmptyStrideListIsReportedWithModelAndField()
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => Parse("stride", "[]"));

        StringAssert.StartsWith(error.Message, $"Model '{Model}' has malformed metadata 'stride'");
    }

    [TestMethod]
    [DataRow("True", true)]
    [DataRow("False", false)]
    [DataRow("true", true)]
    public void EndToEndIsAPythonBool(string end2end, bool expected)
    {
        Assert.AreEqual(expected, Parse("end2end", end2end).EndToEnd);
    }

    [TestMethod]
    public void EndToEndOtherThanABoolIsReportedWithModelAndField()
    {
        var error = Assert.ThrowsExactly<AuditInputException>(() => Parse("end2end", "maybe"));

        Assert.AreEqual($"Model '{Model}' has malformed metadata 'end2end': expected True or False; found 'maybe'.", error.Message);
    }

    [TestMethod]
    public void ClassifierIsRefusedWithItsTask()
    {
        var metadata = Parse("task", "classify");

        var error = Assert.ThrowsExactly<UnsupportedModelException>(metadata.EnsureDetector);

        Assert.AreEqual(
            $"Model '{Model}' has task 'classify'; the harness audits detection models (task 'detect').", error.Message);
    }

    [TestMethod]
    public void DetectorOrUnknownTaskIsAccepted()
    {
        Parse("task", "detect").EnsureDetector();
        YoloMetadata.Parse(new Dictionary<string, string>(), Model).EnsureDetector();
    }

    private static YoloMetadata Parse(string key, string value) =>
        YoloMetadata.Parse(new Dictionary<string, string> { [key] = value }, Model);
}
