using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Inference.Tracing;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Inference.Tracing;

/// <summary>
/// Suffix runs of an end-to-end head return its per-anchor class scores (the tensor before its TopK), so a patched run
/// is scored as a full pass is: the original class's score at the original detection's anchor.
/// </summary>
[TestClass]
public sealed class SuffixClassScoreTests
{
    private const int MarkerX = 44, MarkerY = 44;

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ASuffixRunReadsTheClassScoreAtTheOriginalAnchorAsTheFullPassDoes(bool endToEnd)
    {
        OnnxModelGraph graph = OnnxModelGraph.FromBytes(MarkerFlipModelBuilder.Build(endToEnd, MarkerX, MarkerY), "marker.onnx");
        using CutTracer tracer = CutTracer.Create(graph, "marker.onnx", ["model.0"]);
        using var marked = new Mat(MarkerFlipModelBuilder.InputSize, MarkerFlipModelBuilder.InputSize, MatType.CV_8UC3, new Scalar(100, 100, 100));
        marked.Set(MarkerY, MarkerX, new Vec3b(255, 255, 255));
        using var clean = new Mat(MarkerFlipModelBuilder.InputSize, MarkerFlipModelBuilder.InputSize, MatType.CV_8UC3, new Scalar(100, 100, 100));

        TracedPass original = tracer.Run(marked);
        TracedPass removed = tracer.Run(clean);
        Detection melanoma = original.Detections.Single(d => d.ClassName == "melanoma");

        Assert.AreEqual(ScoreSource.AnchorClassScore, tracer.ScoreSource);
        Assert.AreEqual(MarkerFlipModelBuilder.Anchor, melanoma.Anchor);
        AnchorClassScores unpatched = tracer.ClassScores(tracer.RunSuffix("model.0", original))!;
        AnchorClassScores fromRemoved = tracer.ClassScores(tracer.RunSuffix("model.0", removed))!;
        // By construction melanoma = 0.05 + 0.9 s at the anchor: about 0.95 with the marker, 0.05 without.
        Assert.AreEqual(melanoma.Score, unpatched.Score(melanoma.Anchor, melanoma.ClassId), "unpatched: the full pass's score");
        Assert.AreEqual(original.ClassScores!.Score(melanoma.Anchor, melanoma.ClassId), unpatched.Score(melanoma.Anchor, melanoma.ClassId));
        Assert.AreEqual(removed.ClassScores!.Score(melanoma.Anchor, melanoma.ClassId), fromRemoved.Score(melanoma.Anchor, melanoma.ClassId));
        Assert.AreEqual(0.05, fromRemoved.Score(melanoma.Anchor, melanoma.ClassId), 0.01);
        Assert.AreEqual(0.95, unpatched.Score(melanoma.Anchor, melanoma.ClassId), 0.01);
    }
}
