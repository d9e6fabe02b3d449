using AuditHarness.Tests.Inference.Imaging.Dicom;

namespace AuditHarness.Tests.BadInputCorpus;

/// <summary>
/// DICOM files that must not be fed to a detector, made with DCMTK's tools from a small valid one (see README.md):
/// cut inside the pixel data, a header declaring 60000x60000 pixels over 4 stored ones (a DICOM decompression bomb),
/// a header declaring more pixels than stored at a size under the limit, and text named <c>.dcm</c>.
/// </summary>
public static class BadDicom
{
    /// <summary>Writes every case into <paramref name="folder"/>; returns the paths by case name. Call <see cref="DicomFiles.Require"/> with "dcmodify" first.</summary>
    public static IReadOnlyDictionary<string, string> WriteAll(string folder)
    {
        string whole = DicomFiles.Write(Path.Combine(folder, "whole.dcm"), 64, 64, [.. Enumerable.Range(0, 4096)], bitsAllocated: 16, bitsStored: 12);
        string truncated = Path.Combine(folder, "truncated.dcm");
        File.WriteAllBytes(truncated, File.ReadAllBytes(whole)[..5000]); // the pixel data is 8192 bytes from about byte 500

        string bomb = DicomFiles.Write(Path.Combine(folder, "bomb.dcm"), 2, 2, [1, 2, 3, 4]);
        DicomFiles.Run("dcmodify", "-nb", "-m", "(0028,0010)=60000", "-m", "(0028,0011)=60000", bomb);

        string shortData = DicomFiles.Write(Path.Combine(folder, "short-pixel-data.dcm"), 2, 2, [1, 2, 3, 4]);
        DicomFiles.Run("dcmodify", "-nb", "-m", "(0028,0010)=4", "-m", "(0028,0011)=4", shortData);

        string text = Path.Combine(folder, "text.dcm");
        File.WriteAllText(text, "not a DICOM file\n");
        File.Delete(whole);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["truncated"] = truncated,
            ["bomb"] = bomb,
            ["short"] = shortData,
            ["text"] = text,
        };
    }
}
