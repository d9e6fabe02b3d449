using System.Diagnostics;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Engine.Pairs;
using CsvHelper;
using Microsoft.ML.OnnxRuntime;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// <c>bench --audit SPEC</c>: the ratio of a whole audit run to the same number of bare forward passes, measured in
/// one process so that machine load, which on a shared machine changes by tens of per cent from minute to minute,
/// falls on both sides alike. Each round times, back to back, (a) the passes on one session with one thread per
/// core, run one after another, (b) the same passes on one single-threaded session from one worker per core, and
/// (c) the audit as <c>run</c> does it (<see cref="AuditPipeline.Run"/>: pairs, summary, exporters, run manifest) into a
/// scratch folder. The faster of (a) and (b) is the baseline; the ratio is the median of (c) over the median of that
/// baseline. The process CPU time of each is measured too: on a machine shared with other work it is the steadier figure.
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

    /// <summary>Measures <paramref name="rounds"/> rounds in a scratch folder that is deleted afterwards.</summary>
    /// <param name="workers">The audit's workers and the parallel bare passes' workers.</param>
    /// <param name="warmedUp">Called once the warm-up audit is done, before the rounds.</param>
    /// <param name="measured">Called after each round.</param>
    public static AuditThroughputResult Run(AuditSpec spec, int rounds, int workers, Action<AuditThroughputWarmup>? warmedUp = null, Action<AuditThroughputRound>? measured = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        OpenCvRuntime.EnsureLoaded();
        string scratch = Path.Combine(Path.GetTempPath(), $"audit-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            return Measure(spec, rounds, workers, scratch, warmedUp, measured);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static AuditThroughputResult Measure(AuditSpec spec, int rounds, int workers, string scratch, Action<AuditThroughputWarmup>? warmedUp, Action<AuditThroughputRound>? measured)
    {
        // The warm-up audit also JITs the pipeline and brings every image into the file cache.
        string warmupFolder = Path.Combine(scratch, "warmup");
        (ThroughputMeasurement warmupTime, int pairs) = TimeAudit(spec, warmupFolder, workers);
        var warmup = new AuditThroughputWarmup(warmupTime, pairs, CountPasses(Path.Combine(warmupFolder, "pairs.csv")));
        Directory.Delete(warmupFolder, recursive: true);
        warmedUp?.Invoke(warmup);

        using var bare = new BarePasses(spec, warmup.Passes, workers);
        bare.RunSequential();
        bare.RunParallel();

        var measuredRounds = new List<AuditThroughputRound>();
        for (int round = 1; round <= rounds; round++)
        {
            ThroughputMeasurement sequential = Time(bare.RunSequential);
            ThroughputMeasurement parallel = Time(bare.RunParallel);
            string folder = Path.Combine(scratch, $"round-{round}");
            ThroughputMeasurement audit = TimeAudit(spec, folder, workers).Time;
            Directory.Delete(folder, recursive: true);
            measuredRounds.Add(new AuditThroughputRound(round, sequential, parallel, audit));
            measured?.Invoke(measuredRounds[^1]);
        }

        return new AuditThroughputResult(warmup, measuredRounds);
    }

    /// <summary>Everything <c>run</c> does after loading the spec: the audit, the exporters and the run manifest.</summary>
    private static (ThroughputMeasurement Time, int Pairs) TimeAudit(AuditSpec spec, string folder, int workers)
    {
        int pairs = 0;
        ThroughputMeasurement time = Time(() =>
        {
            AuditPipelineResult result = AuditPipeline.Run(spec, new AuditPipelineOptions { OutputFolder = folder, IntraOpThreads = 1, Workers = workers });
            pairs = result.Summary!.Models.Sum(m => m.PairsAttempted);
        });
        return (time, pairs);
    }

    private static ThroughputMeasurement Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        int gen2Start = GC.CollectionCount(2);
        long start = Stopwatch.GetTimestamp();
        action();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new ThroughputMeasurement(seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds, GC.CollectionCount(2) - gen2Start);
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
                    ManifestDataset manifest => PairManifest.Read(manifest.Manifest.FullPath, manifest.Annotations.Labels?.FullPath).Pairs,
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
