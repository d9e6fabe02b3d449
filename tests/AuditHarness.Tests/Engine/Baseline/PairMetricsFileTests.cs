using AuditHarness.Core.Errors;
using AuditHarness.Engine.Baseline;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Baseline;

[TestClass]
public sealed class PairMetricsFileTests
{
    [TestMethod]
    public void RowsCarryTheSubjectAndTheWeightAndAnEmptySubjectIsNone()
    {
        string folder = Write(
            "model,pair_id,artifact_type,check,artifact_effect,placebo_effect,reliance,subject_id,weight\n" +
            "m,p1,ruler,flip,0.5,0.25,0.25,patient-7,4\n" +
            "m,p2,ruler,flip,0,0,0,,2\n");

        PairMetricsRow[] rows = [.. PairMetricsFile.Read(folder)];

        Assert.AreEqual(new CheckPairValue("p1", 0.5, 0.25, 0.25) { SubjectId = "patient-7", Weight = 4 }, rows[0].Value);
        Assert.AreEqual(new CheckPairValue("p2", 0, 0, 0) { SubjectId = null, Weight = 2 }, rows[1].Value);
    }

    [TestMethod]
    public void AFileFromBeforeThePooledEstimatorIsRefusedWithOneLineAskingForARerun()
    {
        string folder = Write("model,pair_id,artifact_type,check,artifact_effect,placebo_effect,reliance\nm,p1,ruler,flip,0.5,0.25,0.25\n");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PairMetricsFile.ReadSums(folder));

        StringAssert.Contains(ex.Message, "predates the pooled estimator");
        StringAssert.Contains(ex.Message, "re-run");
        Assert.DoesNotContain("\n", ex.Message);
    }

    [TestMethod]
    public void AWeightOfZeroIsRefused()
    {
        string folder = Write("model,pair_id,artifact_type,check,artifact_effect,placebo_effect,reliance,subject_id,weight\nm,p1,ruler,flip,0.5,0.25,0.25,s,0\n");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PairMetricsFile.ReadSums(folder));

        StringAssert.Contains(ex.Message, "column 'weight' is 0; expected a number above zero");
    }

    [TestMethod]
    public void SumsPerCheckAndClusterAreThoseOfItsRowsEvenWhenAChecksRowsAreNotTogether()
    {
        string folder = Write(
            "model,pair_id,artifact_type,check,artifact_effect,placebo_effect,reliance,subject_id,weight\n" +
            "m,p1,ruler,flip,0.5,0,0.5,s1,4\n" +
            "m,p2,ruler,flip,0.5,0,0.5,,2\n" +
            "m,p1,ruler,shift,1,0,1,s1,1\n" +
            "m,p3,ruler,flip,0.25,0,0.25,s1,4\n");

        IReadOnlyDictionary<(string Model, string Type, string Check), CheckClusterSums> sums = PairMetricsFile.ReadSums(folder);

        // flip: subject s1 holds p1 and p3, 0.5 x 4 + 0.25 x 4 = 3 over weight 8; p2 is its own cluster, 0.5 x 2 = 1 over 2.
        CheckClusterSums flip = sums[("m", "ruler", "flip")];
        Assert.AreEqual((3, 1, 2), (flip.Pairs, flip.WithoutSubject, flip.Clusters));
        Assert.AreEqual(("s:s1", 3.0, 8.0), (flip.ClusterKey(0), flip.Numerator(0), flip.Weight(0)));
        Assert.AreEqual(("p:p2", 1.0, 2.0), (flip.ClusterKey(1), flip.Numerator(1), flip.Weight(1)));
        Assert.AreEqual(4.0 / 10, flip.PooledEstimate(), 1e-15);
        CollectionAssert.AreEqual(new[] { "p1", "p2", "p3" }, flip.PairIds().ToArray());
        CheckClusterSums shift = sums[("m", "ruler", "shift")];
        Assert.AreEqual((1, 0, 1), (shift.Pairs, shift.WithoutSubject, shift.Clusters));
        Assert.IsTrue(shift.HasPair("p1"));
        Assert.IsFalse(shift.HasPair("p2"), "a pair of the run without a row in this check");
        Assert.IsFalse(shift.HasPair("p9"), "a pair the run never had");
    }

    private static string Write(string text)
    {
        string folder = Directory.CreateTempSubdirectory("pair-metrics").FullName;
        File.WriteAllText(Path.Combine(folder, PairMetricsFile.FileName), text);
        return folder;
    }
}
