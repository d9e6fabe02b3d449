using AuditHarness.Cli.Output;
using AuditHarness.Core.Detections;

namespace AuditHarness.Tests.Cli;

[TestClass]
public sealed class DetectionSummaryTests
{
    [TestMethod]
    public void ListsClassesInIdOrderWithPluralsLikeUltralytics()
    {
        var box = new BoundingBox(0, 0, 1, 1);
        Detection[] detections =
        [
            new(5, "bus", 0.9f, box),
            new(0, "person", 0.8f, box),
            new(0, "person", 0.7f, box),
            new(0, "person", 0.6f, box),
        ];

        Assert.AreEqual("bus.jpg: 3 persons, 1 bus, 45.1 ms", DetectionSummary.Format("bus.jpg", detections, 45.06));
    }

    [TestMethod]
    public void SaysWhenNothingWasFound()
    {
        Assert.AreEqual("empty.png: (no detections), 3.0 ms", DetectionSummary.Format("empty.png", [], 3));
    }
}
