using AuditHarness.Core.Errors;

namespace AuditHarness.Core.IO;

/// <summary>
/// Opens the first file of an output folder, so a folder that cannot be created or written (an existing file, a
/// read-only mount, <c>/proc</c>, <c>/dev/null</c>) is bad input named in one line, not an unexpected error.
/// </summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> and runs <paramref name="openFirstFile"/>, translating I/O refusals.</summary>
    /// <exception cref="AuditInputException">The folder cannot be created, or its first file cannot be written.</exception>
    public static T Open<T>(string folder, Func<T> openFirstFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(openFirstFile);
        try
        {
            Directory.CreateDirectory(folder);
            return openFirstFile();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(folder, ex);
        }
    }

    /// <summary>The one-line error for an output folder that cannot be created or written.</summary>
    public static AuditInputException Unwritable(string folder, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new AuditInputException($"Cannot write the output folder '{folder}': {cause.Message} Expected a folder that can be created and written to.", cause);
    }
}
