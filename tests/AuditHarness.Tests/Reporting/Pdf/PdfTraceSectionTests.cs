using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>
/// "Where the reliance lives" from a hand-made trace: model.9 (256 channels), whose top 8 channels beat every random
/// draw by the most at k 8 (gaps by hand: k 1: 0.10 - 0.05, k 2: 0.20 - 0.06, k 4: 0.40 - 0.08, k 8: 0.64 - 0.12 = 0.52,
/// all: 0.90 - 1.00), and model.2 (64 channels), whose selective channels are no better than random. Then the ablation table.
/// </summary>
[TestClass]
public sealed class PdfTraceSectionTests
{
    private static TraceRow Row(string layer, TraceSelection selection, int k, int draw, double share, double low, double high) =>
        new("shortcut", "ruler", layer, selection, k, draw, 20, share, low, high, 2);

    private static ModelTrace Trace()
    {
        var rows = new List<TraceRow>();
        (int K, double Share, double Low, double High, double RandomHigh)[] nine = [(1, 0.2, 0.1, 0.3, 0.05), (2, 0.3, 0.2, 0.4, 0.06), (4, 0.5, 0.4, 0.6, 0.08)];
        foreach ((int k, double share, double low, double high, double randomHigh) in nine)
        {
            rows.Add(Row("model.9", TraceSelection.Selective, k, 0, share, low, high));
            rows.Add(Row("model.9", TraceSelection.Random, k, 1, 0.01, -0.02, randomHigh));
            rows.Add(Row("model.9", TraceSelection.Random, k, 2, 0.0, -0.03, randomHigh - 0.01));
        }

        rows.Add(Row("model.9", TraceSelection.Selective, 8, 0, 0.71, 0.64, 0.78));
        rows.Add(Row("model.9", TraceSelection.Random, 8, 1, 0.09, 0.05, 0.12));
        rows.Add(Row("model.9", TraceSelection.Random, 8, 2, 0.02, -0.01, 0.05));
        rows.Add(Row("model.9", TraceSelection.Random, 8, 3, 0.04, 0.01, 0.07));
        rows.Add(Row("model.9", TraceSelection.Selective, 256, 0, 0.95, 0.9, 1.0));
        rows.Add(Row("model.9", TraceSelection.Random, 256, 1, 0.95, 0.9, 1.0));
        rows.Add(Row("model.9", TraceSelection.Region, 256, 0, 0.8, 0.7, 0.9));
        rows.Add(Row("model.9", TraceSelection.Outside, 256, 0, 0.1, 0.0, 0.2));
        rows.Add(Row("model.2", TraceSelection.Selective, 8, 0, 0.05, -0.02, 0.12));
        rows.Add(Row("model.2", TraceSelection.Random, 8, 1, 0.04, 0.0, 0.08));
        return new ModelTrace(rows, [new TraceLayer("ruler", "model.9", 256, [12, 3, 40, 7, 1, 99, 5, 200]), new TraceLayer("ruler", "model.2", 64, [4, 9, 1, 0, 2, 3, 5, 6])],
            "subject", 60, 60, ScoreSource.AnchorClassScore);
    }

    internal static AuditSummary WithTrace(string folder)
    {
        AuditSummary summary = ReportFixtures.Full(folder);
        return summary with { Models = [summary.Models[0] with { Trace = Trace() }, summary.Models[1]] };
    }

    private static string Words(string path)
    {
        using PdfDocument pdf = PdfDocument.Open(path);
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [TestMethod]
    public void TheLargestGapIsTheKWhereSelectiveBeatsEveryRandomDrawByTheMost()
    {
        TraceGap gap = TraceGap.Largest(Trace().Rows, "ruler", "model.9")!;

        Assert.AreEqual(8, gap.K);
        Assert.AreEqual(0.52, gap.Gap, 1e-12);
        Assert.IsTrue(gap.BeatsRandom);
        Assert.AreEqual(3, gap.MedianRandom.Draw, "draws 0.02, 0.04, 0.09: the median is draw 3");
        Assert.AreEqual("model.9", TraceGap.Largest(Trace().Rows, "ruler")!.Layer);
        Assert.IsFalse(TraceGap.Largest(Trace().Rows, "ruler", "model.2")!.BeatsRandom, "gap -0.02 - 0.08 < 0");
        Assert.IsNull(TraceGap.Largest(Trace().Rows, "ink", "model.9"));
    }

    [TestMethod]
    public void TheLayersFullWidthIsNoCandidateForTheLargestGap()
    {
        // 8 channels: at k 8 "random" is every channel, the selective set itself (gap 1.0 - 1.0 = 0, the largest here);
        // at k 2 and 4 the selective intervals sit below the random ones (gaps -0.1 and -0.3). The answer is k 2.
        TraceRow[] rows =
        [
            Row("model.2", TraceSelection.Selective, 2, 0, 0.2, 0.1, 0.3),
            Row("model.2", TraceSelection.Random, 2, 1, 0.2, 0.1, 0.2),
            Row("model.2", TraceSelection.Selective, 4, 0, 0.3, 0.2, 0.4),
            Row("model.2", TraceSelection.Random, 4, 1, 0.4, 0.3, 0.5),
            Row("model.2", TraceSelection.Selective, 8, 0, 1.0, 1.0, 1.0),
            Row("model.2", TraceSelection.Random, 8, 1, 1.0, 1.0, 1.0),
            Row("model.2", TraceSelection.Region, 8, 0, 1.0, 1.0, 1.0),
            Row("model.2", TraceSelection.Outside, 8, 0, 0.0, 0.0, 0.0),
        ];

        TraceGap gap = TraceGap.Largest(rows, "ruler", "model.2")!;

        Assert.AreEqual(2, gap.K);
        Assert.AreEqual(-0.1, gap.Gap, 1e-12);
        Assert.AreEqual(8, TraceGap.Largest(rows.Where(r => r.Selection is not TraceSelection.Region and not TraceSelection.Outside), "ruler", "model.2")!.K,
            "without region / outside rows the width is unknown and k 8 (gap 0) wins");
    }

    [TestMethod]
    public void TheSectionSaysWhatTheNumbersSayPerLayer()
    {
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(WithTrace(folder.Path), folder.Path).Single();

        string text = Words(path);
        StringAssert.Contains(text, TraceSection.Heading);
        StringAssert.Contains(text, "The top 8 of 256 channels of model.9 recover 0.71 [0.64, 0.78] of the ruler effect; 8 random channels recover 0.04 [0.01, 0.07] (median of 3 draws).");
        StringAssert.Contains(text, "All channels patched only inside the ruler's region recover 0.80 [0.70, 0.90]; only outside it, 0.10 [0.00, 0.20].");
        StringAssert.Contains(text, "The top 8 of 64 channels of model.2 recover 0.05 [-0.02, 0.12] of the ruler effect, no better than random: 8 random channels recover 0.04 [0.00, 0.08]");
        StringAssert.Contains(text, "Limits.");
        StringAssert.Contains(text, "need not add up");
        // PdfPig may split a word of the small caption at a kerning gap ("lo west"), so this one is compared without spaces.
        StringAssert.Contains(text.Replace(" ", string.Empty, StringComparison.Ordinal), "lowesttothehighestrecoveredshareoftherandomdraws", "the caption says what the random band is");
        Assert.IsFalse(text.Contains(TraceSection.AblationHeading, StringComparison.Ordinal), "no ablated model was audited");
    }

    [TestMethod]
    public void TheChartHasALogTwoAxisEndingInAllThenRegionAndOutside()
    {
        AuditSummary summary = WithTrace("out");
        var blocks = new List<ReportBlock>();
        TraceSection.Add(summary, blocks);

        ChartBlock chart = blocks.OfType<ChartBlock>().First();
        using ScottPlot.Plot plot = chart.CreatePlot();
        plot.RenderInMemory(600, 300); // ticks are generated when the plot is laid out
        ScottPlot.Tick[] ticks = [.. plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor)];
        CollectionAssert.AreEqual(new[] { "1", "2", "4", "8", "all", "region", "outside" }, ticks.Select(t => t.Label).ToArray());
        CollectionAssert.AreEqual(new[] { 0.0, 1, 2, 3, 4, 5, 6 }, ticks.Select(t => t.Position).ToArray(), "log2 k, 'all' one step after 8");
        Assert.HasCount(2, blocks.OfType<ChartBlock>(), "one chart per traced layer");
    }

    [TestMethod]
    public void TheAblationTableShowsRelianceBeforeAndAfterAndTheCleanImageCost()
    {
        using var folder = new TempFolder();
        AuditSummary summary = ReportFixtures.Full(folder.Path) with
        {
            Ablations =
            [
                new AblationAudit("shortcut", "shortcut-ablated", "model.9", [12, 3, 40], "mean",
                    [new AblationCheckChange("ruler-score-shift", "ruler", 0.441, 0.0312, Verdict.Fail, Verdict.Pass)],
                    140, 151, 3, 7, 5, -0.0123),
            ],
        };

        string text = Words(new PdfReportExporter().Export(summary, folder.Path).Single());

        StringAssert.Contains(text, TraceSection.AblationHeading);
        Assert.IsFalse(text.Contains(TraceSection.Heading, StringComparison.Ordinal), "no model has a trace");
        StringAssert.Contains(text, "shortcut-ablated shortcut ruler ruler-score-shift 0.4410 0.0312 FAIL PASS");
        StringAssert.Contains(text, "model.9 12 3 40 mean 140 151 3 7 5 -0.0123");
        StringAssert.Contains(text, "of its 151 detection(s) on 140 artifact-free image(s), 7 were lost and 3 changed class; 5 new detection(s) appeared; matched scores moved by -0.0123 on average.");
    }

    [TestMethod]
    public void WithoutIntervalsTheSentenceSaysSelectiveAndRandomCannotBeToldApart()
    {
        TraceRow[] rows = [Row("model.4", TraceSelection.Selective, 4, 0, 0.3, double.NaN, double.NaN), Row("model.4", TraceSelection.Random, 4, 1, 0.1, double.NaN, double.NaN)];

        string text = TraceSection.Sentence(new TraceLayer("ruler", "model.4", 32, [1, 2, 3, 4]), TraceGap.Largest(rows, "ruler", "model.4"), rows);

        Assert.AreEqual("The top 4 of 32 channels of model.4 recover 0.30 [n/a] of the ruler effect; 4 random channels recover 0.10 [n/a]; without intervals at every k they cannot be told apart from random.", text);
    }

    [TestMethod]
    public void WithoutTraceOrAblationTheSectionIsAbsent()
    {
        var blocks = new List<ReportBlock>();
        TraceSection.Add(ReportFixtures.Full(), blocks);
        Assert.IsEmpty(blocks);
    }
}
