using System.Collections.Concurrent;
using AuditHarness.Inference.Models;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// Input and output memory that ONNX Runtime reads and writes directly, for one model, reused across pairs so taps
/// cost neither allocation nor copy. Safe to use from several workers; a pair in flight holds two sets (the original's
/// activations, and one variant's at a time), so the pool grows to twice the number of workers.
/// </summary>
internal sealed class PredictionBufferPool(YoloModel model) : IDisposable
{
    private readonly ConcurrentBag<PredictionBuffers> _free = [];

    /// <summary>A free set of buffers (new when none is free); null when the model cannot use buffers (float16).</summary>
    public PredictionBuffers? Rent() =>
        !model.SupportsBuffers ? null : _free.TryTake(out PredictionBuffers? free) ? free : model.CreateBuffers();

    /// <summary>Hands a set back; a prediction made with it is no longer valid once another pair rents it.</summary>
    public void Return(PredictionBuffers? buffers)
    {
        if (buffers is not null)
        {
            _free.Add(buffers);
        }
    }

    public void Dispose()
    {
        while (_free.TryTake(out PredictionBuffers? buffers))
        {
            buffers.Dispose();
        }
    }
}
