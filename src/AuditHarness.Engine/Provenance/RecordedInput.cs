namespace AuditHarness.Engine.Provenance;

/// <summary>
/// A file the run read. <see cref="Path"/> is relative to <see cref="RunManifest.InputBase"/> when it can be
/// (forward slashes), absolute otherwise; <see cref="Roles"/> says what it was to the run (spec, policy, model,
/// manifest, image, counterfactual, mask, original, logo), sorted, since one file can serve several.
/// <see cref="Fingerprint"/> is null when the file did not exist at run time (a pair the run logged in errors.csv).
/// </summary>
public sealed record RecordedInput(string Path, IReadOnlyList<string> Roles, FileFingerprint? Fingerprint)
{
    /// <summary>For a DICOM image DCMTK can read: its modality, transfer syntax and the window the run rendered it with.</summary>
    public Inference.Imaging.Dicom.DicomInputSummary? Dicom { get; init; }
}
