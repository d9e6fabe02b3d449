namespace AuditHarness.Engine.Benchmarks;

/// <summary>One look at a measured child process: when, its resident memory then, and the files of the watched folder with their sizes.</summary>
/// <param name="Seconds">Seconds since the process started.</param>
/// <param name="RssBytes">The largest resident set (<c>VmRSS</c>) seen from this sample until the next; null where /proc is not available.</param>
/// <param name="CpuSeconds">Its user and system CPU time so far (at the sample); null when it could not be read.</param>
/// <param name="Files">File name to size in bytes, for every file in the watched folder.</param>
public sealed record FolderSample(double Seconds, long? RssBytes, double? CpuSeconds, IReadOnlyDictionary<string, long> Files);
