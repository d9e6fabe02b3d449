using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// Runs a process to its end while watching it from outside: its peak resident memory from <c>/proc/PID/status</c>
/// (Linux; the high-water mark is kept by the kernel, so polling misses at most the growth of its last interval) and
/// which files appear and grow in one folder, so the steps of a step-by-step writer (journal, logs, summary, exports)
/// can be timed without instrumenting it. Measuring a separate process keeps the measuring process's own memory out.
/// </summary>
public static class MeasuredChildProcess
{
    public static ChildProcessMeasurement Run(ProcessStartInfo start, string watchedFolder, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string status = $"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        var samples = new List<FolderSample>();
        long? peak = null;
        double? cpu = null;
        while (!process.WaitForExit(interval))
        {
            (long? rss, long? hwm) = ReadMemory(status);
            peak = Max(peak, hwm);
            cpu = CpuSeconds(process) ?? cpu;
            samples.Add(new FolderSample(clock.Elapsed.TotalSeconds, rss, cpu, ListFiles(watchedFolder)));
        }

        process.WaitForExit(); // the redirected streams are read to their end
        double seconds = clock.Elapsed.TotalSeconds;
        samples.Add(new FolderSample(seconds, null, cpu, ListFiles(watchedFolder)));
        return new ChildProcessMeasurement(process.ExitCode, seconds, peak, cpu, samples, stdout.ToString(), stderr.ToString());
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }

    private static double? CpuSeconds(Process process)
    {
        try
        {
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null; // it just ended
        }
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>VmRSS and VmHWM in bytes; nulls when the file cannot be read (another OS, or the process just ended).</summary>
    private static (long? Rss, long? Hwm) ReadMemory(string status)
    {
        try
        {
            long? rss = null, hwm = null;
            foreach (string line in File.ReadLines(status))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
            }

            return (rss, hwm);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    /// <summary>A <c>Vm...:   1234 kB</c> line's value in bytes.</summary>
    private static long? Kilobytes(string line)
    {
        string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
    }

    private static IReadOnlyDictionary<string, long> ListFiles(string folder)
    {
        var files = new SortedDictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (FileInfo file in new DirectoryInfo(folder).EnumerateFiles())
            {
                try
                {
                    files[file.Name] = file.Length;
                }
                catch (FileNotFoundException)
                {
                    // renamed between listing and reading its size (a .partial given its real name): the next look sees it
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // not created yet
        }

        return files;
    }
}
