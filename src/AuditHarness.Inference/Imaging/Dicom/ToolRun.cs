namespace AuditHarness.Inference.Imaging.Dicom;

/// <summary>What one run of a DCMTK tool gave back.</summary>
internal sealed record ToolRun(int ExitCode, byte[] Stdout, string Stderr)
{
    /// <summary>
    /// The tool's reason on one line: its first error (<c>E:</c>) or fatal (<c>F:</c>) message without the prefix, else
    /// its last line of output, else the exit code.
    /// </summary>
    public string Reason()
    {
        string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? line = lines.FirstOrDefault(l => l.StartsWith("E:", StringComparison.Ordinal) || l.StartsWith("F:", StringComparison.Ordinal))
            ?? lines.LastOrDefault();
        if (line is null)
        {
            return $"exit code {ExitCode}";
        }

        line = line.StartsWith("E:", StringComparison.Ordinal) || line.StartsWith("F:", StringComparison.Ordinal) ? line[2..].Trim() : line;
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
