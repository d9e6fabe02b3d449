namespace AuditHarness.Core.IO;

/// <summary>
/// Writes a file under a temporary name beside its destination and renames it into place when complete,
/// so a killed process never leaves a half-written output under the real name.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private bool _committed;

    private AtomicFile(string destinationPath, int bufferSize)
    {
        DestinationPath = Path.GetFullPath(destinationPath);
        TemporaryPath = DestinationPath + ".partial";
        Stream = new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize);
    }

    public string DestinationPath { get; }

    public string TemporaryPath { get; }

    /// <summary>The stream to write to; flushing it makes rows visible in the temporary file as the run goes.</summary>
    public FileStream Stream { get; }

    /// <param name="destinationPath">Where the file goes when committed.</param>
    /// <param name="bufferSize">The stream's buffer: a file written in many small pieces between flushes wants a large one.</param>
    public static AtomicFile Create(string destinationPath, int bufferSize = 4096)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(destinationPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return new AtomicFile(destinationPath, bufferSize);
    }

    /// <summary>Flushes to disk and moves the finished file to its destination, replacing any older one.</summary>
    public void Commit()
    {
        if (_committed)
        {
            return;
        }

        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TemporaryPath, DestinationPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Disposing without <see cref="Commit"/> discards the temporary file.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        Stream.Dispose();
        File.Delete(TemporaryPath);
    }
}
