using System.Text.Json.Nodes;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;

namespace AuditHarness.Tests.Core.Specs;

/// <summary><c>dataset.dicom.window</c>: "file" by default, "minmax", or { center, width }; anything else is named with the accepted forms.</summary>
[TestClass]
public sealed class DicomWindowSpecTests
{
    private const string Expected = "expected \"file\", \"minmax\" or { \"center\": c, \"width\": w } (numbers, width at least 1).";

    private SpecFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new SpecFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public void WithoutDicomTheFilesWindowIsUsed()
    {
        Assert.AreEqual(DicomWindow.File, AuditSpecLoader.Load(_folder.WriteSpec()).Dicom.Window);
        Assert.AreEqual(DicomWindow.File, Load(new JsonObject()).Dicom.Window, "an empty dicom object");
    }

    [TestMethod]
    public void WindowIsReadInEachForm()
    {
        Assert.AreEqual(DicomWindow.File, Load(new JsonObject { ["window"] = "file" }).Dicom.Window);
        Assert.AreEqual(DicomWindow.MinMax, Load(new JsonObject { ["window"] = "minmax" }).Dicom.Window);
        Assert.AreEqual(DicomWindow.Explicit(-600, 1500), Load(new JsonObject { ["window"] = new JsonObject { ["center"] = -600, ["width"] = 1500 } }).Dicom.Window);
    }

    [TestMethod]
    [DataRow("\"auto\"", "\"auto\"")]
    [DataRow("5", "5")]
    [DataRow("{ \"center\": 40 }", "an object")]
    [DataRow("{ \"center\": 40, \"width\": 0.5 }", "an object")]
    public void AnotherValueIsNamedWithTheAcceptedForms(string window, string shown)
    {
        string path = _folder.WriteSpec(s => s["dataset"]!["dicom"] = new JsonObject { ["window"] = JsonNode.Parse(window) });

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: dataset.dicom.window is {shown}; {Expected}", error.Message);
    }

    [TestMethod]
    public void AMisspelledWindowKeyIsNamed()
    {
        string path = _folder.WriteSpec(s => s["dataset"]!["dicom"] = new JsonObject { ["window"] = new JsonObject { ["centre"] = 40, ["width"] = 400 } });

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: dataset.dicom.window.centre is not a known property; expected center, width.", error.Message);
    }

    [TestMethod]
    public void AMisspelledDicomKeyIsNamed()
    {
        string path = _folder.WriteSpec(s => s["dataset"]!["dicom"] = new JsonObject { ["windows"] = "file" });

        AuditInputException error = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        StringAssert.Contains(error.Message, "dataset.dicom.windows is not a known property; did you mean 'window'? expected one of window.");
    }

    private AuditSpec Load(JsonObject dicom) => AuditSpecLoader.Load(_folder.WriteSpec(s => s["dataset"]!["dicom"] = dicom));
}
