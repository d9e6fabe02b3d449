namespace AuditHarness.Engine.Provenance;

/// <summary>The outcome of checking a run folder against its <c>run-manifest.json</c>.</summary>
/// <param name="Manifest">The manifest as read.</param>
/// <param name="ManifestFingerprint">The manifest file's own SHA-256, to compare with a copy kept elsewhere.</param>
/// <param name="InputBase">The folder relative input paths were resolved against.</param>
/// <param name="Problems">Outputs first, then inputs, each sorted by path.</param>
public sealed record RunVerification(RunManifest Manifest, FileFingerprint ManifestFingerprint, string InputBase, IReadOnlyList<VerificationProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;

    /// <summary>Files of the run folder checked: the manifest's outputs and its <c>inputs.csv</c>.</summary>
    public int OutputCount { get; init; }

    /// <summary>Input files checked: the manifest's own and those its <c>inputs.csv</c> lists.</summary>
    public int InputCount { get; init; }
}
