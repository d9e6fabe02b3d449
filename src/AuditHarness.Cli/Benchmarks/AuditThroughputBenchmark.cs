using System.Diagnostics;
using System.Globalization;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Engine;
using AuditHarness.Engine.Provenance;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Reporting;
using AuditHarness.Results;
using CsvHelper;
using Microsoft.ML.OnnxRuntime;

namespace AuditHarness.Cli.Benchmarks;

/// <summary>
/// <c>bench --audit SPEC</c>: the ratio of a whole audit run to the same number of bare forward passes, measured in
/// one process so that machine load, which on a shared machine changes by tens of per cent from minute to minute,
/// falls on both sides alike. Each round times, back to back, (a) the passes on one session with one thread per
/// core, run one after another, (b) the same passes on one single-threaded session from one worker per core, and
/// (c) the audit as <c>run</c> does it (pairs, summary, exporters, run manifest) into a scratch folder. The faster
/// of (a) and (b) is the baseline; the ratio is the median of (c) over the median of that baseline. The process CPU
/// time of each is printed too: on a machine shared with other work it is the steadier figure of the two.
/// </summary>
/// <remarks>
/// The pass count is exact: one warm-up audit is run first and its <c>pairs.csv</c> rows (one per variant, so one per
/// forward pass) are counted per model. Bare passes cycle through the letterboxed originals and artifact-removed
/// variants of the first <see cref="InputPairs"/> pairs: a detector's time does not depend on pixel values, and a
/// fixed handful of inputs keeps the baseline free of the audit's memory traffic that the audit is charged for.
/// </remarks>
public static class AuditThroughputBenchmark
{
    /// <summary>Pairs whose two images are letterboxed once as the bare passes' inputs.</summary>
    public const int InputPairs = 16;

    public static int Execute(string specPath, int rounds, int workers, TextWriter output)
    {
        AuditSpec spec = AuditSpecLoader.Load(specPath);
        OpenCvRuntime.EnsureLoaded();
        string scratch = Path.Combine(Path.GetTempPath(), $"audit-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            return Measure(spec, rounds, workers, scratch, output);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static int Measure(AuditSpec spec, int rounds, int workers, string scratch, TextWriter output)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"audit '{spec.Name}', {spec.Models.Count} model(s); {Environment.ProcessorCount} cores, audit with {workers} worker(s) x 1 ONNX Runtime thread; {rounds} rounds"));

        // The warm-up audit also JITs the pipeline and brings every image into the file cache.
        string warmupFolder = Path.Combine(scratch, "warmup");
        (Measurement warmup, int pairs) = TimeAudit(spec, warmupFolder, workers);
        IReadOnlyDictionary<string, int> passes = CountPasses(Path.Combine(warmupFolder, "pairs.csv"));
        Directory.Delete(warmupFolder, recursive: true);
        int totalPasses = passes.Values.Sum();
        output.WriteLine(string.Create(inv, $"warm-up audit {warmup.Seconds:0.00} s: {pairs} pairs over all models, {totalPasses} forward passes ({string.Join(", ", passes.Select(p => $"{p.Key} {p.Value}"))})"));

        using var bare = new BarePasses(spec, passes, workers);
        bare.RunSequential();
        bare.RunParallel();

        var sequential = new List<Measurement>();
        var parallel = new List<Measurement>();
        var audits = new List<Measurement>();
        string sequentialName = $"bare 1 session x {Environment.ProcessorCount} threads", parallelName = $"bare {workers} workers x 1 thread";
        output.WriteLine($"{"round",6}  {sequentialName,-30}  {parallelName,-30}  {"audit",-30}");
        output.WriteLine($"{string.Empty,6}  {"wall s / cpu s",-30}  {"wall s / cpu s",-30}  {"wall s / cpu s / gen2 GCs",-30}");
        for (int round = 1; round <= rounds; round++)
        {
            sequential.Add(Time(bare.RunSequential));
            parallel.Add(Time(bare.RunParallel));
            string folder = Path.Combine(scratch, $"round-{round}");
            audits.Add(TimeAudit(spec, folder, workers).Time);
            Directory.Delete(folder, recursive: true);
            output.WriteLine(string.Create(inv, $"{round,6}  {$"{sequential[^1].Seconds:0.000} / {sequential[^1].CpuSeconds:0.000}",-30}  {$"{parallel[^1].Seconds:0.000} / {parallel[^1].CpuSeconds:0.000}",-30}  {$"{audits[^1].Seconds:0.000} / {audits[^1].CpuSeconds:0.000} / {audits[^1].Gen2Collections}",-30}"));
        }

        double sequentialMedian = Median(sequential.Select(m => m.Seconds)), parallelMedian = Median(parallel.Select(m => m.Seconds));
        double auditMedian = Median(audits.Select(m => m.Seconds));
        output.WriteLine(string.Create(inv, $"{"median",6}  {sequentialMedian,-30:0.000}  {parallelMedian,-30:0.000}  {auditMedian,-30:0.000}"));
        bool sequentialFaster = sequentialMedian <= parallelMedian;
        double baseline = sequentialFaster ? sequentialMedian : parallelMedian;
        double baselineCpu = Median((sequentialFaster ? sequential : parallel).Select(m => m.CpuSeconds));
        double auditCpu = Median(audits.Select(m => m.CpuSeconds));
        output.WriteLine(string.Create(inv, $"bare forward passes (baseline: the faster, {(sequentialFaster ? sequentialName : parallelName)}): {baseline:0.000} s, {baseline * 1000 / totalPasses:0.000} ms per pass"));
        output.WriteLine(string.Create(inv, $"audit: {auditMedian:0.000} s, {pairs / auditMedian:0.0} pairs per second"));
        output.WriteLine(string.Create(inv, $"audit / bare forward passes: {auditMedian / baseline:0.000} (wall time, medians; CPU time {auditCpu / baselineCpu:0.000})"));
        return ExitCodes.Success;
    }

    /// <summary>Everything <c>run</c> does after loading the spec: the audit, the exporters and the run manifest.</summary>
    private static (Measurement Time, int Pairs) TimeAudit(AuditSpec spec, string folder, int workers)
    {
        int pairs = 0;
        Measurement time = Time(() =>
        {
            AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = folder, IntraOpThreads = 1, Workers = workers });
            RunExports.WriteAll(summary, TextWriter.Null);
            RunManifestWriter.Write(spec, folder);
            pairs = summary.Models.Sum(m => m.PairsAttempted);
        });
        return (time, pairs);
    }

    /// <summary>Wall seconds, CPU seconds of the whole process, and full (gen2) collections.</summary>
    private readonly record struct Measurement(double Seconds, double CpuSeconds, int Gen2Collections);

    private static Measurement Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        int gen2Start = GC.CollectionCount(2);
        long start = Stopwatch.GetTimestamp();
        action();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Measurement(seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds, GC.CollectionCount(2) - gen2Start);
    }

    /// <summary>Rows of pairs.csv per model: one row per variant of a pair, and each variant is one forward pass.</summary>
    private static IReadOnlyDictionary<string, int> CountPasses(string pairsCsv)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using CsvReader csv = CsvReader.FromFile(pairsCsv, new CsvReaderOptions { Separator = ',' });
        csv.ReadHeader();
        int modelColumn = csv.Headers.ToList().IndexOf("model");
        while (csv.Read())
        {
            string model = csv.GetString(modelColumn);
            counts[model] = counts.GetValueOrDefault(model) + 1;
        }

        return counts;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Per model: a bare session per way of running, the letterboxed inputs, and how many passes the audit made.</summary>
    private sealed class BarePasses : IDisposable
    {
        private readonly List<(BareInferenceSession Sequential, BareInferenceSession Parallel, OrtValue[] Inputs, int Passes)> _models = [];
        private readonly List<IDisposable> _owned = []; // everything above and the models, disposed even if loading stops half-way
        private readonly int _workers;

        public BarePasses(AuditSpec spec, IReadOnlyDictionary<string, int> passes, int workers)
        {
            _workers = workers;
            try
            {
                using ArtifactInserter? inserter = spec.Dataset is InsertionDataset painted ? ArtifactInserter.Create(painted.Artifact, spec.MaxPixels) : null;
                IReadOnlyList<AuditPair> pairs = spec.Dataset switch
                {
                    ManifestDataset manifest => PairManifest.Read(manifest.Manifest.FullPath).Pairs,
                    InsertionDataset insertion => InsertionPairs.List(insertion),
                    _ => [],
                };

                foreach (AuditedModel audited in spec.Models)
                {
                    YoloModel model = YoloModel.Load(audited.Path.FullPath);
                    _owned.Add(model);
                    var sequential = new BareInferenceSession(model, audited.Path.FullPath, Environment.ProcessorCount);
                    _owned.Add(sequential);
                    var parallel = new BareInferenceSession(model, audited.Path.FullPath, 1);
                    _owned.Add(parallel);
                    using var processor = new PairProcessor(model, spec, inserter);
                    var inputs = new List<OrtValue>();
                    foreach (AuditPair pair in pairs.Take(InputPairs))
                    {
                        using PreparedPair prepared = processor.Prepare(pair);
                        inputs.Add(sequential.CreateInput(prepared.Original));
                        _owned.Add(inputs[^1]);
                        inputs.Add(sequential.CreateInput(prepared.Removed));
                        _owned.Add(inputs[^1]);
                    }

                    _models.Add((sequential, parallel, [.. inputs], passes.GetValueOrDefault(audited.Name)));
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public void RunSequential()
        {
            foreach ((BareInferenceSession session, _, OrtValue[] inputs, int passes) in _models)
            {
                for (int i = 0; i < passes; i++)
                {
                    session.Run(inputs[i % inputs.Length]);
                }
            }
        }

        public void RunParallel()
        {
            // Models one after another, as the audit runs them; within a model the passes spread over the workers.
            foreach ((_, BareInferenceSession session, OrtValue[] inputs, int passes) in _models)
            {
                Parallel.For(0, passes, new ParallelOptions { MaxDegreeOfParallelism = _workers }, i => session.Run(inputs[i % inputs.Length]));
            }
        }

        public void Dispose()
        {
            foreach (IDisposable owned in _owned)
            {
                owned.Dispose();
            }
        }
    }
}
