namespace AuditHarness.Engine.Benchmarks;

/// <summary>One look at a measured child process: when, its resident memory then, and the files of the watched folder with their sizes.</summary>
/// <param name="Seconds">Seconds since the process started.</param>
/// <param name="RssBytes">Its resident set (<c>VmRSS</c>) at this look; null where /proc is not available (or after it exited).</param>
/// <param name="CpuSeconds">Its user and system CPU time so far (at the sample); null when it could not be read.</param>
/// <param name="Files">File name to size in bytes, for every file in the watched folder.</param>
public sealed record FolderSample(double Seconds, long? RssBytes, double? CpuSeconds, IReadOnlyDictionary<string, long> Files);
