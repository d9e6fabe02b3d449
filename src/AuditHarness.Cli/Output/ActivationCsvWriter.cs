using System.Globalization;
using AuditHarness.Core.IO;
using AuditHarness.Core.Metrics;
using AuditHarness.Inference.Models;
using CsvHelper;

namespace AuditHarness.Cli.Output;

/// <summary>
/// <c>activations.csv</c>: <c>image,tap,tensor,shape,mean,std,min,max,l2</c>, one row per image and tap,
/// shape written as <c>1x16x320x320</c>, invariant culture, committed under its real name only when complete.
/// </summary>
public sealed class ActivationCsvWriter : IDisposable
{
    private readonly AtomicFile _file;
    private readonly StreamWriter _text;
    private readonly CsvWriter _csv;

    public ActivationCsvWriter(string path)
    {
        _file = AtomicFile.Create(path);
        _text = new StreamWriter(_file.Stream, leaveOpen: true);
        _csv = new CsvWriter(_text, CultureInfo.InvariantCulture);
        foreach (string header in new[] { "image", "tap", "tensor", "shape", "mean", "std", "min", "max", "l2" })
        {
            _csv.WriteField(header);
        }

        _csv.NextRecord();
    }

    public void Write(string image, IReadOnlyList<TapActivation> activations)
    {
        foreach (TapActivation a in activations)
        {
            TensorStatistics stats = TensorStatistics.Compute(a.Values);
            _csv.WriteField(image);
            _csv.WriteField(a.Tap);
            _csv.WriteField(a.TensorName);
            _csv.WriteField(string.Join('x', a.Shape));
            _csv.WriteField(stats.Mean);
            _csv.WriteField(stats.StandardDeviation);
            _csv.WriteField(stats.Min);
            _csv.WriteField(stats.Max);
            _csv.WriteField(stats.L2Norm);
            _csv.NextRecord();
        }

        _csv.Flush();
        _text.Flush();
    }

    public void Complete()
    {
        _csv.Flush();
        _text.Flush();
        _file.Commit();
    }

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
        _file.Dispose();
    }
}
