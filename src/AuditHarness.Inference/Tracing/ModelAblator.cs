using System.Globalization;
using System.Security.Cryptography;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Inputs;
using AuditHarness.Core.IO;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// Writes a model with chosen channels of one layer replaced by a constant (<see cref="ChannelAblation"/>): zero, or
/// each channel's spatial mean over artifact-free images. The written model is loaded once before it is moved into
/// place, so a model that would not load is never written, and a crash never leaves half a model.
/// </summary>
public static class ModelAblator
{
    public static AblationResult Ablate(string modelPath, string layer, IReadOnlyList<int> channels, AblationFill fill, string? images, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(outputPath);
        if (fill == AblationFill.Mean && string.IsNullOrWhiteSpace(images))
        {
            throw new AuditInputException("Fill 'mean' needs artifact-free images (--images DIR or glob) to average over; expected --images, or --fill zero.");
        }

        if (Path.GetFullPath(outputPath) == Path.GetFullPath(modelPath))
        {
            throw new AuditInputException($"Output '{outputPath}' is the source model; expected a new file name.");
        }

        byte[] sourceBytes = File.Exists(modelPath) ? File.ReadAllBytes(modelPath) : throw new AuditInputException($"Model file '{modelPath}' does not exist.");
        string displayName = Path.GetFileName(modelPath);
        OnnxModelGraph graph = OnnxModelGraph.FromBytes(sourceBytes, modelPath);
        ModuleInfo module = ChannelAblation.LayerModule(graph, layer);

        OpenCvRuntime.EnsureLoaded();
        int channelCount;
        float[] fillValues;
        string fillSource;
        using (YoloModel model = YoloModel.Create(graph, displayName, new YoloModelOptions { Taps = [module.Name] }))
        {
            IReadOnlyList<int> shape = model.MeasureTapShapes()[0];
            if (shape.Count != 4 || shape[0] != 1)
            {
                throw new UnsupportedModelException($"Layer '{module.Name}' of model '{displayName}' has shape [{string.Join(",", shape)}]; expected [1,C,H,W].");
            }

            channelCount = shape[1];
            ChannelAblation.ValidateChannels(module.Name, channelCount, channels);
            if (fill == AblationFill.Zero)
            {
                fillValues = new float[channels.Count];
                fillSource = "zero";
            }
            else
            {
                IReadOnlyList<string> files = ImageSource.Expand(images!);
                if (files.Count == 0)
                {
                    throw new AuditInputException($"Images '{images}' match no image file; expected artifact-free images to average the fill over.");
                }

                double[] means = ChannelMeans(model, files);
                fillValues = [.. channels.Select(c => (float)means[c])];
                fillSource = string.Create(CultureInfo.InvariantCulture, $"spatial mean over {files.Count} image(s) in '{images}'");
            }
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(sourceBytes));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ChannelAblation.LayerKey] = module.Name,
            [ChannelAblation.ChannelsKey] = string.Join(",", channels.Select(c => c.ToString(CultureInfo.InvariantCulture))),
            [ChannelAblation.FillKey] = fill == AblationFill.Zero ? "zero" : "mean",
            [ChannelAblation.FillValuesKey] = string.Join(",", fillValues.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            [ChannelAblation.FillSourceKey] = fillSource,
            [ChannelAblation.SourceModelKey] = displayName,
            [ChannelAblation.SourceSha256Key] = sha,
        };
        byte[] ablated = ChannelAblation.Build(graph, module.Name, channelCount, channels, fillValues, metadata);

        using (YoloModel.FromBytes(ablated, Path.GetFileName(outputPath)))
        {
            // Loaded and warmed up: the ablated graph is valid for ONNX Runtime and still a detector.
        }

        using (AtomicFile file = AtomicFile.Create(outputPath))
        {
            file.Stream.Write(ablated);
            file.Commit();
        }

        return new AblationResult(Path.GetFullPath(outputPath), module.Name, channelCount, [.. channels], fill, fillValues, fillSource, sha);
    }

    /// <summary>Each channel's mean over every position of every image (images weigh alike: all share the layer's grid).</summary>
    private static double[] ChannelMeans(YoloModel model, IReadOnlyList<string> files)
    {
        double[]? sums = null;
        long perChannel = 0;
        foreach (string file in files)
        {
            TapActivation activation = model.Predict(file).Activations[0];
            int channels = activation.Shape[1];
            int spatial = activation.Values.Length / channels;
            sums ??= new double[channels];
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                for (int s = 0; s < spatial; s++)
                {
                    sum += activation.Values[(c * spatial) + s];
                }

                sums[c] += sum;
            }

            perChannel += spatial;
        }

        return [.. sums!.Select(s => s / perChannel)];
    }
}
