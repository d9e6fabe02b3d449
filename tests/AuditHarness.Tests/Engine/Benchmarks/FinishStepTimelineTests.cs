using AuditHarness.Engine.Benchmarks;

namespace AuditHarness.Tests.Engine.Benchmarks;

[TestClass]
public sealed class FinishStepTimelineTests
{
    private const long RecordBytes = 1000;

    // The process is taken to use half a core throughout: CPU seconds are half the wall seconds.
    private static FolderSample Sample(double seconds, long rss, params (string Name, long Size)[] files) =>
        new(seconds, rss, seconds / 2, files.ToDictionary(f => f.Name, f => f.Size, StringComparer.Ordinal));

    [TestMethod]
    public void StepsEndWhereTheirFilesAppearAndTakeThePeakMemoryOfTheirSamples()
    {
        FolderSample[] samples =
        [
            Sample(0.1, 100),
            Sample(2.0, 900, ("journal.jsonl.partial", 10)),
            Sample(3.0, 950, ("journal.jsonl.partial", 600)),
            Sample(4.0, 400, ("journal.jsonl.partial", 1200), ("pairs.csv.partial", 50)),
            Sample(6.0, 700, ("journal.jsonl.partial", 1200), ("summary.csv", 5)),
            Sample(6.5, 650, ("journal.jsonl", 1300), ("summary.csv", 5)),
            Sample(9.0, 800, ("journal.jsonl", 1300), ("run-manifest.json.partial", 1)),
            Sample(9.5, 300, ("journal.jsonl", 1300), ("run-manifest.json", 9)),
        ];
        var measurement = new ChildProcessMeasurement(1, 10.0, 950, 12.0, samples, string.Empty, string.Empty);

        IReadOnlyList<FinishStep> steps = FinishStepTimeline.From(measurement, RecordBytes, models: 2);

        CollectionAssert.AreEqual(new double?[] { 2.0, 4.0, 6.0, 6.5, 9.0, 9.5, 10.0 }, steps.Select(s => s.EndSeconds).ToArray());
        CollectionAssert.AreEqual(new long?[] { 100, 950, 400, 700, 650, 800, 300 }, steps.Select(s => s.PeakRssBytes).ToArray());
        CollectionAssert.AreEqual(new double?[] { 1.0, 1.0, 1.0, 0.25, 1.25, 0.25, 0.0 }, steps.Select(s => s.CpuSeconds).ToArray(), "CPU from each step's first sample to its last; the exit step ends at the last look");
        Assert.AreEqual(4.0, steps[2].StartSeconds);
    }

    [TestMethod]
    public void AProcessThatStopsMidwayEndsTheStepsWithTheOneItStoppedIn()
    {
        FolderSample[] samples =
        [
            Sample(0.1, 100),
            Sample(5.0, 3000, ("journal.jsonl.partial", 10)),
            Sample(7.0, 0, ("journal.jsonl.partial", 500)),
        ];
        var measurement = new ChildProcessMeasurement(3, 7.0, 3000, 9.0, samples, string.Empty, "error: out of memory");

        IReadOnlyList<FinishStep> steps = FinishStepTimeline.From(measurement, RecordBytes, models: 2);

        Assert.HasCount(2, steps);
        Assert.IsTrue(steps[0].Reached);
        Assert.IsFalse(steps[1].Reached, "the journal never held every record");
        Assert.AreEqual(3000, steps[1].PeakRssBytes);
    }

    [TestMethod]
    public void TheStatisticsStepIsSplitIntoEachModelsJudgingAndTheNextModelsLogs()
    {
        (string, long) journal = ("journal.jsonl.partial", 1200);
        FolderSample[] samples =
        [
            Sample(0.1, 100),
            Sample(2.0, 100, ("journal.jsonl.partial", 10)),
            Sample(4.0, 200, journal, ("pairs.csv.partial", 50)),
            Sample(5.0, 900, journal, ("pairs.csv.partial", 50)),
            Sample(5.5, 300, journal, ("pairs.csv.partial", 80)),
            Sample(6.0, 300, journal, ("pairs.csv.partial", 80)),
            Sample(6.2, 350, journal, ("pairs.csv.partial", 150)),
            Sample(8.0, 800, journal, ("pairs.csv.partial", 150)),
            Sample(9.0, 100, journal, ("summary.csv", 5)),
        ];
        var measurement = new ChildProcessMeasurement(3, 9.5, 900, 4.0, samples, string.Empty, string.Empty);

        IReadOnlyList<FinishStep> steps = FinishStepTimeline.From(measurement, RecordBytes, models: 2);

        // With two models every pause between the first and the last growth is writing (reading the journal back stalls).
        CollectionAssert.AreEqual(
            new[] { "statistics of model 1 (gallery alongside)", "logs of model 2, decoded from the shards", "statistics of model 2 (gallery alongside)" },
            steps.Skip(2).Take(3).Select(s => s.Name).ToArray());
        CollectionAssert.AreEqual(new double?[] { 5.0, 6.2, 9.0 }, steps.Skip(2).Take(3).Select(s => s.EndSeconds).ToArray());
        CollectionAssert.AreEqual(new long?[] { 200, 900, 800 }, steps.Skip(2).Take(3).Select(s => s.PeakRssBytes).ToArray());
        Assert.IsFalse(steps[^1].Reached, "the process stopped before the logs were sealed");
    }

    [TestMethod]
    public void WithThreeModelsTheLongestPauseBetweenGrowthsIsTheMiddleModelsJudging()
    {
        (string, long) journal = ("journal.jsonl.partial", 1200);
        FolderSample[] samples =
        [
            Sample(0.1, 100),
            Sample(2.0, 100, ("journal.jsonl.partial", 10)),
            Sample(3.0, 100, journal, ("pairs.csv.partial", 50)),
            Sample(4.0, 100, journal, ("pairs.csv.partial", 60)),
            Sample(4.5, 100, journal, ("pairs.csv.partial", 60)),
            Sample(5.0, 100, journal, ("pairs.csv.partial", 70)),
            Sample(8.0, 100, journal, ("pairs.csv.partial", 70)),
            Sample(9.0, 100, journal, ("pairs.csv.partial", 80)),
            Sample(10.0, 100, journal, ("summary.csv", 5)),
        ];
        var measurement = new ChildProcessMeasurement(1, 10.5, 100, 5.0, samples, string.Empty, string.Empty);

        IReadOnlyList<FinishStep> steps = FinishStepTimeline.From(measurement, RecordBytes, models: 3);

        string[] names = [.. steps.Skip(2).Take(5).Select(s => s.Name)];
        CollectionAssert.AreEqual(
            new[]
            {
                "statistics of model 1 (gallery alongside)", "logs of model 2, decoded from the shards", "statistics of model 2 (gallery alongside)",
                "logs of model 3, decoded from the shards", "statistics of model 3 (gallery alongside)",
            },
            names);
        CollectionAssert.AreEqual(new double?[] { 3.0, 5.0, 8.0, 9.0, 10.0 }, steps.Skip(2).Take(5).Select(s => s.EndSeconds).ToArray());
    }
}
