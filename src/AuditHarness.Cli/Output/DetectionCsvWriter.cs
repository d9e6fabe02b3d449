using System.Globalization;
using AuditHarness.Core.Detections;
using AuditHarness.Core.IO;
using CsvHelper;

namespace AuditHarness.Cli.Output;

/// <summary>
/// <c>detections.csv</c>: <c>image,class_id,class_name,score,x1,y1,x2,y2</c>, boxes in original-image pixels,
/// invariant culture. Rows are flushed per image; the file gets its real name only when complete.
/// </summary>
public sealed class DetectionCsvWriter : IDisposable
{
    private readonly AtomicFile _file;
    private readonly StreamWriter _text;
    private readonly CsvWriter _csv;

    public DetectionCsvWriter(string path)
    {
        _file = AtomicFile.Create(path);
        _text = new StreamWriter(_file.Stream, leaveOpen: true);
        _csv = new CsvWriter(_text, CultureInfo.InvariantCulture);
        foreach (string header in new[] { "image", "class_id", "class_name", "score", "x1", "y1", "x2", "y2" })
        {
            _csv.WriteField(header);
        }

        _csv.NextRecord();
    }

    public void Write(string image, IReadOnlyList<Detection> detections)
    {
        foreach (Detection d in detections)
        {
            _csv.WriteField(image);
            _csv.WriteField(d.ClassId);
            _csv.WriteField(d.ClassName);
            _csv.WriteField(d.Score);
            _csv.WriteField(d.Box.X1);
            _csv.WriteField(d.Box.Y1);
            _csv.WriteField(d.Box.X2);
            _csv.WriteField(d.Box.Y2);
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
