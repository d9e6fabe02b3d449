using System.Runtime.InteropServices;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Whether a path (after following links) is a regular file, from <c>statx</c>, without opening it: opening a FIFO
/// blocks until a writer comes, and .NET reports a device or a FIFO as an ordinary file. <c>statx</c>'s layout is the
/// same on every Linux architecture, unlike <c>struct stat</c>'s.
/// </summary>
internal static unsafe partial class UnixFileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>True or false on Linux with glibc; null where it cannot be told (other systems, musl, a glibc before 2.28).</summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        try
        {
            fixed (byte* data = buffer)
            {
                if (Statx(AtFdCwd, path, 0, StatxType, data) != 0)
                {
                    return null; // missing or unreadable: the caller's own checks say which
                }
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        return (MemoryMarshal.Read<ushort>(buffer[ModeOffset..]) & FileTypeMask) == RegularFile;
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
