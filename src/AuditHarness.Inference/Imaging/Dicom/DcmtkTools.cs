using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Imaging.Dicom;

/// <summary>
/// DCMTK's command-line tools (<c>dcmdump</c>, <c>dcmj2pnm</c>, <c>dcml2pnm</c>), found on PATH or in one folder, and
/// run one process per call: no shell, arguments passed as a list, stdout and stderr captured, killed after
/// <see cref="Timeout"/>. Stateless apart from the lookup cache, so one instance serves every thread.
/// </summary>
public sealed class DcmtkTools
{
    /// <summary>The line every "not installed" message ends with.</summary>
    public const string InstallHint = "install DCMTK: run ./setup.sh (or apt-get install dcmtk)";

    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, string?> _found = new(StringComparer.Ordinal);

    /// <param name="folder">The folder holding the tools; null searches PATH.</param>
    /// <param name="timeout">How long one tool may run; 60 s by default (a 50-megapixel JPEG Lossless image takes a few seconds).</param>
    public DcmtkTools(string? folder = null, TimeSpan? timeout = null)
    {
        _folder = folder;
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>The tools on PATH.</summary>
    public static DcmtkTools Default { get; } = new();

    public TimeSpan Timeout { get; }

    /// <summary>Whether <paramref name="tool"/> can be run.</summary>
    public bool Has(string tool) => Find(tool) is not null;

    /// <summary>
    /// Runs <paramref name="tool"/> with <paramref name="arguments"/>. <paramref name="subject"/> starts the messages
    /// (<c>Image 'a.dcm'</c>).
    /// </summary>
    /// <exception cref="AuditInputException">The tool is not installed, could not start or did not finish in time.</exception>
    internal ToolRun Run(string tool, IReadOnlyList<string> arguments, string subject)
    {
        string executable = Find(tool)
            ?? throw new AuditInputException($"{subject} is a DICOM file and reading it needs DCMTK's {tool}, which was not found; {InstallHint}.");
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new AuditInputException($"{subject} is a DICOM file and DCMTK's {tool} ('{executable}') could not be started: {e.Message}; {InstallHint}.", e);
        }

        // Both pipes are drained at once, or a tool filling one while we wait on the other would never finish.
        using var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended between the wait and the kill.
            }

            process.WaitForExit();
            throw new AuditInputException($"{subject}: DCMTK's {tool} did not finish within {Timeout.TotalSeconds:0} s; it was stopped.");
        }

        process.WaitForExit(); // lets the redirected streams reach their end
        Task.WaitAll(copy, stderr);
        return new ToolRun(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    private string? Find(string tool) => _found.GetOrAdd(tool, Locate);

    private string? Locate(string tool)
    {
        IEnumerable<string> folders = _folder is not null
            ? [_folder]
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string name = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }
}
