namespace AuditHarness.Core.Specs;

/// <summary>Where the VOI window that turns a DICOM image's values into 8-bit grey levels comes from (<c>dataset.dicom.window</c>).</summary>
public enum DicomWindowKind
{
    /// <summary>The file's own first window (WindowCenter/WindowWidth) or VOI LUT; see <see cref="DicomWindow"/> for files without one.</summary>
    File,

    /// <summary>The image's smallest to largest value.</summary>
    MinMax,

    /// <summary>A center and width given in the spec, in the file's modality units (after RescaleSlope/Intercept).</summary>
    Explicit,
}
