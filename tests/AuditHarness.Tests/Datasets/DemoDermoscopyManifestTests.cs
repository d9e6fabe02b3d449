using OpenCvSharp;

namespace AuditHarness.Tests.Datasets;

/// <summary>The committed demo audit set is consistent: every file there, masks fit their images, ids unique.</summary>
[TestClass]
public sealed class DemoDermoscopyManifestTests
{
    private static readonly string AuditFolder = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");

    [TestMethod]
    public void ManifestHasTheDocumentedColumns()
    {
        string header = File.ReadLines(Path.Combine(AuditFolder, "manifest.csv")).First();

        Assert.AreEqual("pair_id,image,counterfactual,mask,artifact_type,label,subject_id", header);
    }

    [TestMethod]
    public void EveryPairHasItsFilesAMatchingNonEmptyMaskAndAUniqueId()
    {
        IReadOnlyList<DemoPair> pairs = DemoPair.ReadManifest(AuditFolder);
        var problems = new List<string>();

        foreach (DemoPair pair in pairs)
        {
            foreach (string path in new[] { pair.Image, pair.Counterfactual, pair.Mask })
            {
                if (!File.Exists(Path.Combine(AuditFolder, path)))
                {
                    problems.Add($"{pair.PairId}: missing {path}");
                }
            }

            if (problems.Count > 0)
            {
                continue;
            }

            using Mat image = Cv2.ImRead(Path.Combine(AuditFolder, pair.Image));
            using Mat counterfactual = Cv2.ImRead(Path.Combine(AuditFolder, pair.Counterfactual));
            using Mat mask = Cv2.ImRead(Path.Combine(AuditFolder, pair.Mask), ImreadModes.Unchanged);
            if (image.Size() != mask.Size() || image.Size() != counterfactual.Size())
            {
                problems.Add($"{pair.PairId}: image {image.Size()}, counterfactual {counterfactual.Size()}, mask {mask.Size()}");
            }

            if (mask.Channels() != 1 || Cv2.CountNonZero(mask) == 0)
            {
                problems.Add($"{pair.PairId}: mask must be single-channel and non-empty");
            }
        }

        Assert.IsEmpty(problems, string.Join("; ", problems.Take(10)));
        Assert.HasCount(pairs.Count, pairs.Select(p => p.PairId).Distinct());
    }

    [TestMethod]
    public void AuditSetHasTheAgreedMix()
    {
        IReadOnlyList<DemoPair> pairs = DemoPair.ReadManifest(AuditFolder);

        Assert.IsGreaterThanOrEqualTo(200, pairs.Count);
        Assert.IsGreaterThanOrEqualTo(120, pairs.Count(p => p.ArtifactType == "ruler"));
        CollectionAssert.IsSubsetOf(
            pairs.Select(p => p.ArtifactType).Distinct().ToArray(), new[] { "ruler", "ink", "watermark", "dark_corners" });
        CollectionAssert.AreEquivalent(new[] { "melanoma", "nevus" }, pairs.Select(p => p.Label).Distinct().ToArray());
    }
}
