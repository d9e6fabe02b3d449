using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Pairs;

/// <summary>
/// Where no shifted placebo fits (dark corners fill all four corners), <c>placebo.mode</c> <c>auto</c> removes the pair's
/// mask from a host image instead: the host pair's artifact-removed variant, of another artifact type and subject.
/// </summary>
[TestClass]
public sealed class TransplantedPlaceboTests
{
    private const int Model = 0, PairId = 1, ArtifactType = 2, Variant = 4, PlaceboDx = 15, Control = 17, Host = 18;

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("transplant").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void DarkCornerPairsAreJudgedAgainstTheMaskRemovedFromAnotherSubjectsImage()
    {
        // Ruler rows 0-3, ink 140-141, watermark 174-175 and dark corners 207-212 of the demo manifest.
        string manifest = DemoManifestCut.Write(_folder, r => r < 4 || r is 140 or 141 or 174 or 175 || (r >= 207 && r < 213));
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.Write(_folder, manifest));
        string output = Path.Combine(_folder, "run");

        AuditSummary summary = AuditRunner.Run(spec, new AuditRunOptions { OutputFolder = output });

        Dictionary<string, string[]> rows = ManifestRows(manifest);
        string[][] pairs = Csv(Path.Combine(output, "pairs.csv"));
        string[][] detections = Csv(Path.Combine(output, "detections.csv"));
        string[] corners = [.. rows.Values.Where(r => r[4] == "dark_corners").Select(r => r[0])];
        Assert.HasCount(6, corners);
        foreach (string id in corners)
        {
            string[][] ofPair = [.. pairs.Where(p => p[PairId] == id)];
            Assert.IsTrue(ofPair.All(p => p[Control] == PlaceboControls.Transplant), id);
            string host = ofPair[0][Host];
            Assert.AreNotEqual("dark_corners", rows[host][4], $"{id}: the host {host} lacks dark corners");
            Assert.AreNotEqual(rows[id][6], rows[host][6], $"{id}: the host {host} shows another subject");
            CollectionAssert.AreEqual(new[] { "original", "artifact_removed", "placebo_host", "placebo" }, ofPair.Select(p => p[Variant]).ToArray(), id);

            // The host image is the host pair's artifact-removed variant (its counterfactual): the model saw the same
            // image there, so the same detections (class, score, box).
            string[] hostAsPlacebo = Boxes(detections, id, "placebo_host");
            CollectionAssert.AreEqual(Boxes(detections, host, "artifact_removed"), hostAsPlacebo, $"{id} hosted by {host}");
            Assert.AreEqual(hostAsPlacebo.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ofPair.Single(p => p[Variant] == "placebo_host")[5]);
        }

        // Pairs with room for a shifted placebo keep it, and say so.
        Assert.IsTrue(pairs.Where(p => rows[p[PairId]][4] == "ruler").All(p => p[Control] == PlaceboControls.Shifted && p[Host].Length == 0));

        // Every dark-corner check is judged (n > 0), entirely on transplanted controls.
        CheckResult[] judged = [.. summary.Models.Single().Checks.Where(c => c.ArtifactType == "dark_corners")];
        Assert.IsNotEmpty(judged);
        Assert.IsTrue(judged.All(c => c.Pairs > 0 && c.Controls == new PlaceboControlCounts(0, c.Pairs) && c.Verdict != Verdict.Inconclusive), string.Join("; ", judged.Select(c => $"{c.Check.Id} n {c.Pairs} {c.Controls.Describe()} {c.Verdict}")));
        string summaryCsv = File.ReadAllText(Path.Combine(output, "summary.csv"));
        StringAssert.Contains(summaryCsv.Split('\n')[0], ",pairs_shifted_control,pairs_transplant_control");
    }

    [TestMethod]
    public void TransplantModeGivesEveryPairTheTransplantedControlAndShiftedModeNone()
    {
        string manifest = DemoManifestCut.Write(_folder, r => r < 2 || r is 207);
        string transplant = AuditSpecFiles.WriteWithPolicy(Directory.CreateDirectory(Path.Combine(_folder, "t")).FullName, manifest, RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"), new Dictionary<string, object> { ["mode"] = "transplant" });
        string shifted = AuditSpecFiles.WriteWithPolicy(Directory.CreateDirectory(Path.Combine(_folder, "s")).FullName, manifest, RepositoryFiles.PathOf("audits/policies/dermoscopy.policy.json"), new Dictionary<string, object> { ["mode"] = "shifted" });

        AuditRunner.Run(AuditSpecLoader.Load(transplant), new AuditRunOptions { OutputFolder = Path.Combine(_folder, "t-run") });
        AuditSummary shiftedSummary = AuditRunner.Run(AuditSpecLoader.Load(shifted), new AuditRunOptions { OutputFolder = Path.Combine(_folder, "s-run") });

        string[][] transplanted = Csv(Path.Combine(_folder, "t-run", "pairs.csv"));
        Assert.IsTrue(transplanted.All(p => p[Control] == PlaceboControls.Transplant && p[Host].Length > 0 && p[PlaceboDx].Length == 0), "no shifted placement, a host for every pair");
        string[][] shiftedRows = Csv(Path.Combine(_folder, "s-run", "pairs.csv"));
        Assert.IsTrue(shiftedRows.Where(p => p[ArtifactType] == "dark_corners").All(p => p[Control] == PlaceboControls.None && p[Variant] != "placebo"));
        Assert.IsTrue(shiftedSummary.Models.Single().Checks.Where(c => c.ArtifactType == "dark_corners").All(c => c.Pairs == 0 && c.Verdict == Verdict.Inconclusive));
    }

    private static string[] Boxes(string[][] detections, string pair, string variant) =>
        [.. detections.Where(d => d[Model] == "shortcut" && d[PairId] == pair && d[2] == variant).Select(d => string.Join(',', d[4..11]))];

    private static Dictionary<string, string[]> ManifestRows(string manifest) =>
        File.ReadAllLines(manifest).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c);

    private static string[][] Csv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (Path.GetFileName(path) == "pairs.csv")
        {
            // The column positions this test reads; a moved column fails here, not as a puzzling assertion below.
            string[] header = lines[0].Split(',');
            Assert.AreEqual("placebo_dx", header[PlaceboDx]);
            Assert.AreEqual("placebo_control", header[Control]);
            Assert.AreEqual("placebo_host", header[Host]);
        }

        return [.. lines.Skip(1).Select(l => l.Split(','))];
    }
}
