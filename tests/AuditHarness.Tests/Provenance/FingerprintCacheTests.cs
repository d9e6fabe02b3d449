using AuditHarness.Engine.Provenance;

namespace AuditHarness.Tests.Provenance;

/// <summary>
/// <see cref="FingerprintCache"/>: the pair files a baseline check hashed before a run are taken by the run's
/// <c>inputs.csv</c> while their size and write time are unchanged, and hashed again once either changed.
/// </summary>
[TestClass]
public sealed class FingerprintCacheTests
{
    [TestMethod]
    public void AnUnchangedFileIsNotReadAgainAndAWrittenOneIs()
    {
        using var fixture = new RunFolderFixture();
        var cache = new FingerprintCache();
        IReadOnlyList<ListedInput> planned = PairInputs.Fingerprint(fixture.Spec, PairInputs.AllPairs(fixture.Spec), cache);
        CollectionAssert.AreEqual(PairInputs.Fingerprint(fixture.Spec, PairInputs.AllPairs(fixture.Spec)).ToArray(), planned.ToArray(), "the same list with and without a cache");
        Assert.AreEqual(5, cache.Count, "two images, two counterfactuals and the mask they share");

        // New bytes of the same length under the old write time: only a read could see them, so the cache's hash
        // standing proves the file was not read again.
        string image = Path.Combine(fixture.Root, "data", "p0002.jpg");
        DateTime written = File.GetLastWriteTimeUtc(image);
        byte[] bytes = File.ReadAllBytes(image);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(image, bytes);
        File.SetLastWriteTimeUtc(image, written);
        string before = Sha(planned, "data/p0002.jpg");
        string now = FileDigest.Compute(image).Sha256;
        Assert.AreNotEqual(before, now);

        Assert.AreEqual(before, Sha(PairInputs.Fingerprint(fixture.Spec, PairInputs.AllPairs(fixture.Spec), cache), "data/p0002.jpg"));

        File.SetLastWriteTimeUtc(image, written.AddSeconds(1));
        Assert.AreEqual(now, Sha(PairInputs.Fingerprint(fixture.Spec, PairInputs.AllPairs(fixture.Spec), cache), "data/p0002.jpg"), "written since: hashed again");
    }

    private static string Sha(IReadOnlyList<ListedInput> inputs, string path) => inputs.Single(i => i.Path == path).Fingerprint!.Sha256;
}
