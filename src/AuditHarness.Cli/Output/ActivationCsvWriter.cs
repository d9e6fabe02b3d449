using AuditHarness.Core.IO;
using AuditHarness.Core.Metrics;
using AuditHarness.Inference.Models;

namespace AuditHarness.Cli.Output;

/// <summary>
/// <c>activations.csv</c>: <c>image,tap,tensor,shape,mean,std,min,max,l2</c>, one row per image and tap,
/// shape written as <c>1x16x320x320</c>, numbers in invariant culture. Rows are flushed per image.
/// </summary>
public sealed class ActivationCsvWriter(string path) : IDisposable
{
    private readonly CsvTableFile _table = new(path, ["image", "tap", "tensor", "shape", "mean", "std", "min", "max", "l2"]);

    public void Write(string image, IReadOnlyList<TapActivation> activations)
    {
        foreach (TapActivation a in activations)
        {
            TensorStatistics stats = TensorStatistics.Compute(a.Values);
            var w = _table.Writer;
            w.WriteField(image);
            w.WriteField(a.Tap);
            w.WriteField(a.TensorName);
            w.WriteField(string.Join('x', a.Shape));
            w.WriteNumber(stats.Mean);
            w.WriteNumber(stats.StandardDeviation);
            w.WriteNumber(stats.Min);
            w.WriteNumber(stats.Max);
            w.WriteNumber(stats.L2Norm);
            w.EndRecord();
        }

        _table.FlushRows();
    }

    public void Complete() => _table.Complete();

    public void Dispose() => _table.Dispose();
}
