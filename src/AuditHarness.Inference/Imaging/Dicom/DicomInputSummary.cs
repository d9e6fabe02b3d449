namespace AuditHarness.Inference.Imaging.Dicom;

/// <summary>The DICOM facts of one input file that the run's provenance keeps: Modality, TransferSyntaxUID and the window used.</summary>
public sealed record DicomInputSummary(string Modality, string TransferSyntax, string Window);
