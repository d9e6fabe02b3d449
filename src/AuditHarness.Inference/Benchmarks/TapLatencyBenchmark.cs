using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using OpenCvSharp;

namespace AuditHarness.Inference.Benchmarks;

/// <summary>
/// <c>bench --model M --image IMG</c>: median latency of preprocess, plain inference, inference with taps (including
/// copying the activations out) and postprocess on one image. Plain and tapped runs alternate so both see the same
/// machine noise, and the ratio is taken within one run.
/// </summary>
public static class TapLatencyBenchmark
{
    /// <param name="taps">Layers the tapped model taps (module names or tensor names).</param>
    /// <param name="runs">Measured runs per variant.</param>
    /// <param name="warmup">Unmeasured runs per variant before measuring.</param>
    /// <param name="threads">ONNX Runtime intra-op threads (0 = one per core).</param>
    public static TapLatency Measure(string modelPath, string imagePath, IReadOnlyList<string> taps, int runs, int warmup, int threads)
    {
        OpenCvRuntime.EnsureLoaded();
        using Mat image = ImageFile.Read(imagePath);
        using YoloModel plain = YoloModel.Load(modelPath, new YoloModelOptions { IntraOpThreads = threads });
        using YoloModel tapped = YoloModel.Load(modelPath, new YoloModelOptions { IntraOpThreads = threads, Taps = taps });

        for (int i = 0; i < warmup; i++)
        {
            plain.Predict(image);
            tapped.Predict(image);
        }

        var plainTimes = new List<StageTimings>(runs);
        var tappedTimes = new List<StageTimings>(runs);
        for (int i = 0; i < runs; i++)
        {
            plainTimes.Add(plain.Predict(image).Timings);
            tappedTimes.Add(tapped.Predict(image).Timings);
        }

        return new TapLatency(
            plain.InputHeight,
            plain.InputWidth,
            [.. tapped.Taps.Select(t => t.Tap)],
            Median(plainTimes.Select(t => t.PreprocessMs)),
            Median(plainTimes.Select(t => t.InferenceMs)),
            Median(tappedTimes.Select(t => t.InferenceMs + t.TapCopyMs)),
            Median(plainTimes.Select(t => t.PostprocessMs)));
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
