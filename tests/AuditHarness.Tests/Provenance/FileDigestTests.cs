using AuditHarness.Engine.Provenance;

namespace AuditHarness.Tests.Provenance;

/// <summary>SHA-256 against the FIPS 180-2 examples, so the hashes in run-manifest.json are checkable with any tool.</summary>
[TestClass]
public sealed class FileDigestTests
{
    [TestMethod]
    [DataRow("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [DataRow("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void FileHashIsTheFipsValueInLowercaseHex(string contents, string expected)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, contents);

            FileFingerprint fingerprint = FileDigest.Compute(path);

            Assert.AreEqual(expected, fingerprint.Sha256);
            Assert.AreEqual(contents.Length, fingerprint.Size);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void OneMillionLetterAGivesTheFipsValue()
    {
        using var stream = new MemoryStream(Enumerable.Repeat((byte)'a', 1_000_000).ToArray());

        FileFingerprint fingerprint = FileDigest.Compute(stream);

        Assert.AreEqual("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", fingerprint.Sha256);
        Assert.AreEqual(1_000_000L, fingerprint.Size);
    }

    [TestMethod]
    public void FileLongerThanOneBlockHashesLikeTheWholeContentsAtOnce()
    {
        // 3 MiB + 7 bytes spans four 1 MiB read blocks, the last one partial; the one-shot hash sees it whole.
        byte[] contents = new byte[(3 << 20) + 7];
        new Random(11).NextBytes(contents);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, contents);

            FileFingerprint fingerprint = FileDigest.Compute(path);

            Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(contents)), fingerprint.Sha256);
            Assert.AreEqual(contents.LongLength, fingerprint.Size);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
