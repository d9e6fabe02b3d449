using System.Text.Json;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Engine.Tracing;
using AuditHarness.Results;
using AuditHarness.Tests.TestModels;

namespace AuditHarness.Tests.Engine.Tracing;

/// <summary>
/// The must-show of causal tracing (issue 14): on a detector built so that the artifact's effect runs through one known
/// channel of <c>model.0</c> (<see cref="ChannelShortcutModelBuilder"/>), the trace ranks that channel first, patching it
/// alone recovers the whole effect, and random channels that do not include it recover nothing.
/// </summary>
[TestClass]
public sealed class ChannelShortcutTraceTests
{
    private static string s_folder = string.Empty;
    private static AuditSummary s_summary = null!;
    private static AuditSpec s_spec = null!;

    [ClassInitialize]
    public static void RunTracedAudit(TestContext context)
    {
        s_folder = Directory.CreateTempSubdirectory("channel-trace").FullName;
        s_spec = AuditSpecLoader.Load(ChannelShortcutTrace.WriteSpec(s_folder));
        // Through the pipeline, so summary.json is written too.
        s_summary = AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = Path.Combine(s_folder, "out") }).Summary!;
    }

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(s_folder, recursive: true);

    private static ModelTrace Trace => s_summary.Models.Single().Trace ?? throw new AssertFailedException("the model has no trace");

    [TestMethod]
    public void TheShortcutChannelIsRankedFirst()
    {
        TraceLayer layer = Trace.Layers.Single();

        Assert.AreEqual("stripe", layer.ArtifactType);
        Assert.AreEqual("model.0", layer.Layer);
        Assert.AreEqual(ChannelShortcutModelBuilder.Channels, layer.ChannelCount);
        Assert.AreEqual(ChannelShortcutModelBuilder.ShortcutChannel, layer.RankedChannels[0], $"ranked {string.Join(",", layer.RankedChannels)}");
    }

    [TestMethod]
    public void PatchingTheShortcutChannelAloneRecoversTheEffect()
    {
        TraceRow top = Trace.Rows.Single(r => r.Selection == TraceSelection.Selective && r.K == 1);

        Assert.IsGreaterThanOrEqualTo(0.9, top.RecoveredShare, $"k=1 selective recovers {top.RecoveredShare}");
        Assert.IsTrue(top.CiLow <= top.RecoveredShare && top.RecoveredShare <= top.CiHigh, $"[{top.CiLow}, {top.CiHigh}]");
        Assert.IsGreaterThan(0, top.Pairs);

        // The stripe lies inside its mask: all channels inside the region carry it, outside nothing.
        TraceRow region = Trace.Rows.Single(r => r.Selection == TraceSelection.Region);
        TraceRow outside = Trace.Rows.Single(r => r.Selection == TraceSelection.Outside);
        Assert.IsGreaterThanOrEqualTo(0.9, region.RecoveredShare, $"region recovers {region.RecoveredShare}");
        Assert.IsLessThan(0.05, Math.Abs(outside.RecoveredShare), $"outside recovers {outside.RecoveredShare}");
    }

    [TestMethod]
    public void RandomChannelsWithoutTheShortcutChannelRecoverNothing()
    {
        TraceRow[] random = [.. Trace.Rows.Where(r => r.Selection == TraceSelection.Random)];
        Assert.HasCount(5 * 4, random, "5 draws of each of k = 1, 2, 4, all (32)");
        int without = 0;
        foreach (TraceRow row in random)
        {
            // Which channels a draw patched is an input of the experiment, not its result: the draw holding the shortcut
            // channel must recover the effect, every other draw (within 0.01 of the effect) none of it.
            bool holds = TracePatchPlan.RandomChannels(7, "shortcut", "stripe", "model.0", row.K, row.Draw, ChannelShortcutModelBuilder.Channels).Contains(ChannelShortcutModelBuilder.ShortcutChannel);
            if (holds)
            {
                Assert.IsGreaterThanOrEqualTo(0.9, row.RecoveredShare, $"random k={row.K} draw {row.Draw} holds the shortcut channel: {row.RecoveredShare}");
            }
            else
            {
                without++;
                Assert.IsLessThanOrEqualTo(0.01, Math.Abs(row.RecoveredShare), $"random k={row.K} draw {row.Draw} recovers {row.RecoveredShare}; expected about 0 (within 0.01)");
            }
        }

        Assert.IsGreaterThanOrEqualTo(10, without, "most small random draws miss the shortcut channel (1 of 32)");
    }

    [TestMethod]
    public void PairsWithoutAnEffectAreLeftOutAndCounted()
    {
        // The invisible-stripe subjects (N01, N02) are left out wherever the split put them; every measurement pair with a
        // visible stripe enters the share.
        var measured = new HashSet<string>(StringComparer.Ordinal);
        string[] subjects = [.. Enumerable.Range(1, ChannelShortcutTrace.EffectSubjects).Select(s => $"S{s:00}").Concat(Enumerable.Range(1, ChannelShortcutTrace.NoEffectSubjects).Select(s => $"N{s:00}"))];
        (IReadOnlyList<string> _, IReadOnlyList<string> measurement) = TraceSplit.Split(
            [.. subjects.SelectMany(s => new[] { $"{s}-0", $"{s}-1" })], id => (id, id[..3]), 7);
        int noEffect = measurement.Count(id => id.StartsWith('N'));
        int withEffect = measurement.Count - noEffect;

        TraceRow row = Trace.Rows.First();
        Assert.AreEqual(withEffect, row.Pairs);
        Assert.AreEqual(noEffect, row.PairsLeftOut);
        Assert.AreEqual(measurement.Count, Trace.MeasurementPairs);
        Assert.AreEqual(2 * subjects.Length - measurement.Count, Trace.SelectionPairs);
        Assert.AreEqual(CheckResult.SubjectUnit, Trace.SplitUnit);
        Assert.AreEqual(subjects.Length / 2 * 2, 2 * subjects.Length - measurement.Count, "half of the 14 subjects select, two pairs each");
    }

    [TestMethod]
    public void SummaryJsonCarriesTheTraceAndValidatesAgainstTheSchema()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs/summary.schema.json")));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_folder, "out", "summary.json")));
        JsonElement trace = summary.RootElement.GetProperty("models")[0].GetProperty("trace");

        Assert.IsEmpty(Reporting.JsonSchemaSubset.Validate(schema.RootElement, summary.RootElement));
        Assert.AreEqual(ChannelShortcutModelBuilder.ShortcutChannel, trace.GetProperty("layers")[0].GetProperty("rankedChannels")[0].GetInt32());
        Assert.AreEqual(Trace.Rows.Count, trace.GetProperty("rows").GetArrayLength());
        Assert.AreEqual("selective", trace.GetProperty("rows")[0].GetProperty("selection").GetString());
    }

    [TestMethod]
    public void TraceCsvHoldsTheRowsWithTheDocumentedColumns()
    {
        string[] lines = File.ReadAllLines(Path.Combine(s_folder, "out", "trace.csv"));

        Assert.AreEqual("model,artifact_type,layer,selection,k,draw,pairs,recovered_share,ci_low,ci_high,pairs_left_out", lines[0]);
        Assert.HasCount(Trace.Rows.Count + 1, lines);
        Assert.StartsWith("shortcut,stripe,model.0,selective,1,0,", lines[1]);
        Assert.IsTrue(lines.Skip(1).All(l => !l.Contains('\'', StringComparison.Ordinal)), "numbers are never escaped as text");
    }
}
