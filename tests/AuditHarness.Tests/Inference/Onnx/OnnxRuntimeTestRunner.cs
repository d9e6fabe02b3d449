using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AuditHarness.Tests.Inference.Onnx;

/// <summary>Runs a model once on a synthetic image and copies the requested outputs out before disposal.</summary>
internal static class OnnxRuntimeTestRunner
{
    public static Dictionary<string, RunTensor> Run(byte[] model, int height, int width, IReadOnlyCollection<string> outputNames)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(model, options);
        var input = session.InputMetadata.Single();
        long[] shape = [1, 3, height, width];
        var pixels = SyntheticImage(height, width);

        using var inputValue = input.Value.ElementDataType == TensorElementType.Float16
            ? OrtValue.CreateTensorValueFromMemory(pixels.Select(p => (Float16)p).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(pixels, shape);
        using var runOptions = new RunOptions();
        var inputs = new Dictionary<string, OrtValue> { [input.Key] = inputValue };
        using var results = session.Run(runOptions, inputs, outputNames);

        var copied = new Dictionary<string, RunTensor>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in outputNames)
        {
            var value = results.ElementAt(index++);
            var info = value.GetTensorTypeAndShape();
            var values = info.ElementDataType switch
            {
                TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
                TensorElementType.Float16 => [.. value.GetTensorDataAsSpan<Float16>().ToArray().Select(h => h.ToFloat())],
                _ => [],
            };
            copied[name] = new RunTensor(info.Shape, values, info.ElementDataType);
        }

        return copied;
    }

    /// <summary>A smooth RGB gradient in [0, 1], so activations are neither constant nor random.</summary>
    public static float[] SyntheticImage(int height, int width)
    {
        var pixels = new float[3 * height * width];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    pixels[(c * height * width) + (y * width) + x] = ((x + (2 * y) + (40 * c)) % 256) / 255f;
                }
            }
        }

        return pixels;
    }
}
