namespace AuditHarness.Engine.Benchmarks;

/// <summary>How a child process ran (<see cref="MeasuredChildProcess"/>).</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Seconds">Wall time from start to exit.</param>
/// <param name="PeakRssBytes">Its peak resident set (<c>VmHWM</c>, the kernel's own high-water mark, last read before it exited); null where /proc is not available.</param>
/// <param name="CpuSeconds">Its user and system CPU time, last read before it exited (on a shared machine a steadier figure than wall time); null when it could not be read.</param>
/// <param name="Samples">The watched folder, the memory and the CPU time at every look, and a last look after it exited.</param>
/// <param name="Stdout">What it printed.</param>
/// <param name="Stderr">What it printed on stderr.</param>
public sealed record ChildProcessMeasurement(int ExitCode, double Seconds, long? PeakRssBytes, double? CpuSeconds, IReadOnlyList<FolderSample> Samples, string Stdout, string Stderr);
