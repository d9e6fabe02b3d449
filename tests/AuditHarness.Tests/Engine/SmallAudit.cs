namespace AuditHarness.Tests.Engine;

/// <summary>
/// A small audit for resume and shard tests: every 8th row of the demo manifest (30 pairs of all four artifact types,
/// paths made absolute), one pair whose image is missing (a pair failure) and one row repeating a pair id (a manifest
/// problem), audited by both demo models; at most 25 % of pairs may fail.
/// </summary>
public static class SmallAudit
{
    /// <summary>Pairs that become pairs (the repeated id does not); each model runs every one.</summary>
    public const int Pairs = 31;

    public const int Models = 2;

    public static string WriteSpec(string folder)
    {
        string manifest = DemoManifestCut.Write(folder, every: 8);
        string demo = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");
        var lines = new List<string>(File.ReadAllLines(manifest));
        lines.Insert(5, string.Join(',', "missing", Path.Combine(demo, "images", "no-such-image.jpg"), Path.Combine(demo, "counterfactuals", "p0001.jpg"), Path.Combine(demo, "masks", "p0001.png"), "ruler", "nevus", "S999"));
        lines.Add(lines[1]); // the first pair's id again: a manifest row problem
        File.WriteAllLines(manifest, lines);
        return AuditSpecFiles.Write(folder, manifest, maxErrorRate: 0.25, models: ["shortcut", "clean"]);
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the files of <paramref name="expected"/>, each byte for byte.</summary>
    public static void AssertSameFiles(string expected, string actual, string context)
    {
        string[] names = [.. Directory.GetFiles(expected).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string[] actualNames = [.. Directory.GetFiles(actual).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        CollectionAssert.AreEqual(names, actualNames, $"{context}: files {string.Join(", ", actualNames)}");
        foreach (string name in names)
        {
            byte[] e = File.ReadAllBytes(Path.Combine(expected, name)), a = File.ReadAllBytes(Path.Combine(actual, name));
            Assert.IsTrue(e.AsSpan().SequenceEqual(a), $"{context}: {name} differs ({e.Length} bytes expected, {a.Length} found)");
        }
    }
}
