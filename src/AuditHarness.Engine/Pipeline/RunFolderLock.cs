using System.Globalization;
using System.Runtime.InteropServices;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// Holds a run folder for the length of one run: <c>.run.lock</c> opened with <see cref="FileShare.None"/>, which .NET
/// takes as an exclusive <c>flock</c> on Unix. The kernel drops it when the process ends however it ends, so kill -9
/// leaves at most the file, never a held lock. The file names its holder (pid, host, start time) for the run refused.
/// </summary>
internal sealed partial class RunFolderLock : IDisposable
{
    // EAGAIN/EWOULDBLOCK on Linux: .NET reports a flock held elsewhere as an IOException with this errno.
    private const int WouldBlock = 11;
    private const int ReadOnly = 0;

    private readonly FileStream _stream;
    private readonly string _path;
    private readonly bool _createdFolder;

    private RunFolderLock(FileStream stream, string path, bool createdFolder)
    {
        _stream = stream;
        _path = path;
        _createdFolder = createdFolder;
    }

    /// <summary>Takes the folder (creating it), or stops at once naming the run that holds it.</summary>
    /// <exception cref="AuditInputException">Another run holds the folder, or the folder cannot be created or written.</exception>
    public static RunFolderLock Acquire(string folder, DateTimeOffset startUtc)
    {
        string path = Path.Combine(folder, RunManifest.LockFileName);
        bool createdFolder = !Directory.Exists(folder);
        for (int attempt = 0; ; attempt++)
        {
            FileStream stream;
            try
            {
                Directory.CreateDirectory(folder);
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException ex) when (ex.HResult == WouldBlock || ex.Message.Contains("being used by another process", StringComparison.Ordinal))
            {
                throw new AuditInputException($"Run folder '{folder}' is in use by another run ({Holder(path)}); wait for it to end, or stop it and go on with '--resume {folder}'.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw OutputFolder.Unwritable(folder, ex);
            }

            // The previous holder deletes the file before letting go; one that opened it just before then holds a
            // lock on a file no longer in the folder, so it takes the folder's new file instead.
            if (!File.Exists(path) && attempt < 3)
            {
                stream.Dispose();
                continue;
            }

            string started = startUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}\nhost {Environment.MachineName}\nstarted {started}\n"));
            stream.SetLength(0);
            stream.Write(text);
            stream.Flush(flushToDisk: true);
            return new RunFolderLock(stream, path, createdFolder);
        }
    }

    /// <summary>
    /// Deletes the lock file while still holding it, then lets go; a folder this run created and left empty (bad input
    /// stopped it before its first file) goes too, so a refused run leaves nothing behind.
    /// </summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_path);
            string folder = Path.GetDirectoryName(_path)!;
            if (_createdFolder && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind, it blocks nobody: the lock went with the handle, and RunFolderFiles skips it.
        }

        _stream.Dispose();
    }

    /// <summary>The holder as its lock file names it: <c>pid 123, host h, started 2026-...Z</c>.</summary>
    private static string Holder(string path)
    {
        string text = ReadIgnoringLock(path);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 3 && lines[0].StartsWith("pid ", StringComparison.Ordinal)
            ? $"{lines[0]}, {lines[1]}, {lines[2]}"
            : $"its lock file '{path}' does not name it yet";
    }

    /// <summary>
    /// The file's text without taking a lock: every .NET open of the file takes a shared <c>flock</c>, which the
    /// holder's exclusive one refuses, so it is opened with the plain system call.
    /// </summary>
    private static string ReadIgnoringLock(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return string.Empty;
        }

        try
        {
            int fd = Open(path, ReadOnly);
            if (fd < 0)
            {
                return string.Empty;
            }

            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
            byte[] buffer = new byte[512];
            int length = RandomAccess.Read(handle, buffer, 0);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception ex) when (ex is IOException or EntryPointNotFoundException or DllNotFoundException)
        {
            return string.Empty;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
