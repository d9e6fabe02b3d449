using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Tests.Reporting;

/// <summary>One exporter's failure is recorded and logged; the others still write their files.</summary>
[TestClass]
public sealed class CompositeExporterTests
{
    [TestMethod]
    public void AThrowingExporterIsRecordedAndTheOthersStillWrite()
    {
        using var folder = new TempFolder();
        var log = new StringWriter();
        var composite = new CompositeExporter([new ThrowingExporter(), new JUnitExporter(), new ThrowingExporter(), new JsonSummaryExporter()]);

        ExportReport report = composite.Export(ReportFixtures.Summary(), folder.Path, log);

        CollectionAssert.AreEqual(new[] { Path.Combine(folder.Path, "junit.xml"), Path.Combine(folder.Path, "summary.json") }, report.Files.ToArray());
        Assert.IsTrue(report.Files.All(File.Exists));
        Assert.IsFalse(report.Succeeded);
        Assert.HasCount(2, report.Failures);
        Assert.AreEqual("broken", report.Failures[0].Exporter);
        Assert.IsInstanceOfType<IOException>(report.Failures[0].Error);
        Assert.AreEqual("exporter 'broken' failed: IOException: disk full", report.Failures[0].Message);
        Assert.AreEqual("warning: exporter 'broken' failed: IOException: disk full\nwarning: exporter 'broken' failed: IOException: disk full\n", log.ToString().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void RunExportsWritesJUnitJsonMarkdownAndPdfIntoTheOutputFolder()
    {
        using var folder = new TempFolder();
        string output = Path.Combine(folder.Path, "not-yet-created");

        ExportReport report = RunExports.WriteAll(ReportFixtures.Summary(output));

        Assert.IsTrue(report.Succeeded);
        CollectionAssert.AreEquivalent(new[] { "junit.xml", "summary.json", "summary.md", "report.pdf" }, Directory.GetFiles(output).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void ExportersRunBesideEachOtherInTheCallersCulture()
    {
        using var folder = new TempFolder();
        using var culture = new CultureScope("de-DE");
        var first = new CultureRecordingExporter("first");
        var second = new CultureRecordingExporter("second");

        ExportReport report = new CompositeExporter([first, second, new JUnitExporter()]).Export(ReportFixtures.Summary(), folder.Path);

        Assert.IsTrue(report.Succeeded);
        CollectionAssert.AreEqual(new[] { "first", "second", Path.Combine(folder.Path, "junit.xml") }, report.Files.ToArray());
        Assert.AreEqual("de-DE", first.Culture);
        Assert.AreEqual("de-DE", second.Culture);
    }

    /// <summary>Remembers the culture it ran in; returns its name as its only "file".</summary>
    private sealed class CultureRecordingExporter(string name) : IExporter
    {
        public string Name => name;

        public string? Culture { get; private set; }

        public IReadOnlyList<string> Export(AuditSummary summary, string folder)
        {
            Culture = System.Globalization.CultureInfo.CurrentCulture.Name;
            return [name];
        }
    }

    /// <summary>Fails the way a full disk would.</summary>
    private sealed class ThrowingExporter : IExporter
    {
        public string Name => "broken";

        public IReadOnlyList<string> Export(AuditSummary summary, string folder) => throw new IOException("disk full");
    }
}
