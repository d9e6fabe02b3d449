namespace AuditHarness.Engine.Provenance;

/// <summary>How a file differs from what <c>run-manifest.json</c> recorded.</summary>
public enum VerificationProblemKind
{
    /// <summary>An output file's contents differ.</summary>
    OutputChanged,

    /// <summary>An output file is gone.</summary>
    OutputMissing,

    /// <summary>A file in the run folder that the manifest does not list (added after the run).</summary>
    OutputUnexpected,

    /// <summary>An input file's contents differ, or it exists now though it was absent at run time.</summary>
    InputChanged,

    /// <summary>An input file is no longer where the run read it.</summary>
    InputMissing,

    /// <summary>An export the run was asked for failed: the run is not sealed.</summary>
    ExportFailed,
}
