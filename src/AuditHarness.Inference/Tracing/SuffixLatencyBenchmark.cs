using System.Diagnostics;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// Times a patched suffix run after each layer against a full forward pass of the plain model on one image. Runs are
/// interleaved (each round times one full pass, then one suffix run per layer), so load on the machine hits all alike,
/// and medians are reported.
/// </summary>
public static class SuffixLatencyBenchmark
{
    public static IReadOnlyList<SuffixLatency> Measure(string modelPath, string imagePath, IReadOnlyList<string> layers, int runs, int warmup, int intraOpThreads)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        OpenCvRuntime.EnsureLoaded();
        using CutTracer tracer = CutTracer.Create(OnnxModelGraph.Load(modelPath), Path.GetFileName(modelPath), layers, intraOpThreads);
        using var bare = new BareInferenceSession(tracer.Model, modelPath, intraOpThreads);
        using Mat image = ImageFile.Read(imagePath);
        using OrtValue input = bare.CreateInput(image);
        TracedPass pass = tracer.Run(image);

        // Patching half the channels from a pass costs what patching from the variant's pass would.
        var patches = tracer.Cuts.ToDictionary(
            c => c.Layer,
            c => new ActivationPatch(pass, [.. Enumerable.Range(0, pass.Tensors[c.LayerTensor].Shape[1] / 2)]));
        var full = new List<double>();
        var suffix = tracer.Cuts.ToDictionary(c => c.Layer, _ => new List<double>());
        for (int round = 0; round < warmup + runs; round++)
        {
            long start = Stopwatch.GetTimestamp();
            bare.Run(input);
            double fullMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (round >= warmup)
            {
                full.Add(fullMs);
            }

            foreach (LayerCut cut in tracer.Cuts)
            {
                start = Stopwatch.GetTimestamp();
                tracer.RunSuffix(cut.Layer, pass, patches[cut.Layer]);
                double suffixMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (round >= warmup)
                {
                    suffix[cut.Layer].Add(suffixMs);
                }
            }
        }

        double fullMedian = Median(full);
        return [.. tracer.Cuts.Select(c => new SuffixLatency(c.Layer, c.CrossingTensors.Count, c.SuffixNodeCount, c.GraphNodeCount, fullMedian, Median(suffix[c.Layer])))];
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
