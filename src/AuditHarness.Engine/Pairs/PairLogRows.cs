namespace AuditHarness.Engine.Pairs;

/// <summary>
/// One pair's rows for each streaming CSV log, already formatted (each empty or whole lines ending in LF), so that a
/// run journal can keep them and a resumed or merged run appends exactly the bytes an uninterrupted run wrote.
/// </summary>
public sealed record PairLogRows(string Pairs, string Detections, string Layers, string Errors);
