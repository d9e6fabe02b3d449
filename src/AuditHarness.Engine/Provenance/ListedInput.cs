using AuditHarness.Inference.Imaging.Dicom;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// One file the run's pairs read (image, mask, counterfactual, original), as <c>inputs.csv</c> lists it: <see cref="Path"/>
/// as <see cref="RecordedInput.Path"/> stores it (relative to the spec's folder, forward slashes), <see cref="Fingerprint"/>
/// null when the file did not exist at run time, <see cref="Dicom"/> for a DICOM image DCMTK could read.
/// </summary>
public sealed record ListedInput(string Path, FileFingerprint? Fingerprint)
{
    public DicomInputSummary? Dicom { get; init; }
}
