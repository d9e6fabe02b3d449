namespace AuditHarness.Core.Specs;

/// <summary>How DICOM images of the dataset are turned into 8-bit pixels (<c>dataset.dicom</c>).</summary>
public sealed record DicomSettings(DicomWindow Window)
{
    public static DicomSettings Default { get; } = new(DicomWindow.File);
}
