namespace AuditHarness.Engine.Provenance;

/// <summary>One file that does not match the manifest; <see cref="Path"/> as the manifest stores it.</summary>
public sealed record VerificationProblem(VerificationProblemKind Kind, string Path, string Detail)
{
    /// <summary>One line for people: <c>output changed: summary.csv (sha256 recorded …, now …)</c>.</summary>
    public override string ToString()
    {
        string kind = Kind switch
        {
            VerificationProblemKind.OutputChanged => "output changed",
            VerificationProblemKind.OutputMissing => "output missing",
            VerificationProblemKind.OutputUnexpected => "output unexpected",
            VerificationProblemKind.InputChanged => "input changed",
            VerificationProblemKind.InputMissing => "input missing",
            VerificationProblemKind.ExportFailed => "export failed",
            _ => Kind.ToString(),
        };
        return Detail.Length == 0 ? $"{kind}: {Path}" : $"{kind}: {Path} ({Detail})";
    }
}
