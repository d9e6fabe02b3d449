using System.Security.Cryptography;
using System.Text;
using AuditHarness.Core.Errors;
using AuditHarness.Engine.Provenance;
using AuditHarness.Inference.Imaging.Dicom;

namespace AuditHarness.Tests.Provenance;

/// <summary><c>inputs.csv</c>: written sorted, read back strictly, merged from several lists without reading any image.</summary>
[TestClass]
public sealed class InputListTests
{
    private string _folder = string.Empty;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("input-list").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    private static string Hex(char c) => new(c, 64);

    private string List(string name, params ListedInput[] inputs)
    {
        string folder = Path.Combine(_folder, name);
        InputList.Write(folder, inputs);
        return folder;
    }

    [TestMethod]
    public void RowsReadBackAsWrittenWithOddPathsAndDicomFacts()
    {
        ListedInput[] written =
        [
            new("-dash, comma.png", new FileFingerprint(Hex('a'), 12)),
            new("a \"quoted\" name.dcm", new FileFingerprint(Hex('b'), 0)) { Dicom = new DicomInputSummary("CT", "1.2.840.10008.1.2.1", "400/40") },
            new("gone.jpg", null),
        ];

        string folder = List("odd", written);

        CollectionAssert.AreEqual(written, InputList.Read(Path.Combine(folder, InputList.FileName)).ToArray());
    }

    [TestMethod]
    public void MergeCollapsesAFileTwoListsRecordedAlikeAndKeepsPathOrder()
    {
        var shared = new ListedInput("masks/m.png", new FileFingerprint(Hex('c'), 5));
        string a = List("a", new("images/1.jpg", new FileFingerprint(Hex('1'), 1)), shared);
        string b = List("b", new("images/0.jpg", new FileFingerprint(Hex('0'), 2)), new("images/2.jpg", null), shared);
        string merged = Path.Combine(_folder, "merged");

        InputListReference reference = InputList.Merge([("list a", a), ("list b", b)], merged);

        string[] rows = File.ReadAllLines(Path.Combine(merged, InputList.FileName));
        CollectionAssert.AreEqual(
            new[] { $"{Hex('0')},2,images/0.jpg,,,", $"{Hex('1')},1,images/1.jpg,,,", ",,images/2.jpg,,,", $"{Hex('c')},5,masks/m.png,,," },
            rows.Skip(1).ToArray());
        Assert.AreEqual(4, reference.Files);
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"\n{Hex('0')}\n{Hex('1')}\n{Hex('c')}\n")));
        Assert.AreEqual(expected, reference.DatasetDigest);
    }

    [TestMethod]
    public void MergeOfOneFileRecordedDifferentlyIsOneLineNamingBothLists()
    {
        string a = List("a", new ListedInput("images/1.jpg", new FileFingerprint(Hex('1'), 1)));
        string b = List("b", new ListedInput("images/1.jpg", new FileFingerprint(Hex('2'), 1)));

        var ex = Assert.ThrowsExactly<AuditInputException>(() => InputList.Merge([("list a", a), ("list b", b)], Path.Combine(_folder, "merged")));

        Assert.AreEqual($"merge: 'images/1.jpg' differs between list a (sha256 {Hex('1')}, 1 bytes) and list b (sha256 {Hex('2')}, 1 bytes); it changed between their runs: run the shards again on unchanged data.", ex.Message);
        Assert.IsFalse(File.Exists(Path.Combine(_folder, "merged", InputList.FileName)), "no half-written list");
    }

    [TestMethod]
    [DataRow("sha256,bytes,path\n", "has the header sha256,bytes,path")]
    [DataRow("sha256,bytes,path,dicom_modality,dicom_transfer_syntax,dicom_window\nABC,1,a.png,,,\n", "row 1: sha256 'ABC' is not 64 lowercase hex digits")]
    [DataRow("sha256,bytes,path,dicom_modality,dicom_transfer_syntax,dicom_window\n{0},x,a.png,,,\n", "row 1: bytes 'x' is not a whole number")]
    [DataRow("sha256,bytes,path,dicom_modality,dicom_transfer_syntax,dicom_window\n{0},1,b.png,,,\n{0},1,a.png,,,\n", "row 2: path 'a.png' comes after 'b.png'")]
    [DataRow("sha256,bytes,path,dicom_modality,dicom_transfer_syntax,dicom_window\n{0},1,a.png,CT,,\n", "row 1: the DICOM columns are partly empty")]
    [DataRow("sha256,bytes,path,dicom_modality,dicom_transfer_syntax,dicom_window\n{0},1,a.png\n", "row 1: 3 fields; expected 6")]
    public void AMalformedListIsBadInputNamingFileAndRow(string text, string expected)
    {
        string path = Path.Combine(_folder, InputList.FileName);
        File.WriteAllText(path, text.Replace("{0}", Hex('a'), StringComparison.Ordinal));

        var ex = Assert.ThrowsExactly<AuditInputException>(() => InputList.Read(path).ToList());

        StringAssert.StartsWith(ex.Message, $"'{path}'");
        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void DigestOfNoFilesIsTheSha256OfNothing()
    {
        Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DatasetDigest.Of([]));
    }
}
