using AuditHarness.Core.Detections;
using AuditHarness.Core.IO;

namespace AuditHarness.Cli.Output;

/// <summary>
/// <c>detections.csv</c>: <c>image,class_id,class_name,score,x1,y1,x2,y2</c>, boxes in original-image pixels,
/// numbers in invariant culture with round-trip precision. Rows are flushed per image.
/// </summary>
public sealed class DetectionCsvWriter(string path) : IDisposable
{
    private readonly CsvTableFile _table = new(path, ["image", "class_id", "class_name", "score", "x1", "y1", "x2", "y2"]);

    public void Write(string image, IReadOnlyList<Detection> detections)
    {
        foreach (Detection d in detections)
        {
            var w = _table.Writer;
            w.WriteField(image);
            w.WriteField(d.ClassId, default);
            w.WriteField(d.ClassName);
            w.WriteNumber(d.Score);
            w.WriteNumber(d.Box.X1);
            w.WriteNumber(d.Box.Y1);
            w.WriteNumber(d.Box.X2);
            w.WriteNumber(d.Box.Y2);
            w.EndRecord();
        }

        _table.FlushRows();
    }

    public void Complete() => _table.Complete();

    public void Dispose() => _table.Dispose();
}
