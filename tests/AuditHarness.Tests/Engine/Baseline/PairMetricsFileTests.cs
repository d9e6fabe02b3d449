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

        IReadOnlyList<PairMetricsRow> rows = PairMetricsFile.Read(folder);

        Assert.AreEqual(new CheckPairValue("p1", 0.5, 0.25, 0.25) { SubjectId = "patient-7", Weight = 4 }, rows[0].Value);
        Assert.AreEqual(new CheckPairValue("p2", 0, 0, 0) { SubjectId = null, Weight = 2 }, rows[1].Value);
    }

    [TestMethod]
    public void AFileFromBeforeThePooledEstimatorIsRefusedWithOneLineAskingForARerun()
    {
        string folder = Write("model,pair_id,artifact_type,check,artifact_effect,placebo_effect,reliance\nm,p1,ruler,flip,0.5,0.25,0.25\n");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PairMetricsFile.Read(folder));

        StringAssert.Contains(ex.Message, "predates the pooled estimator");
        StringAssert.Contains(ex.Message, "re-run");
        Assert.DoesNotContain("\n", ex.Message);
    }

    [TestMethod]
    public void AWeightOfZeroIsRefused()
    {
        string folder = Write("model,pair_id,artifact_type,check,artifact_effect,placebo_effect,reliance,subject_id,weight\nm,p1,ruler,flip,0.5,0.25,0.25,s,0\n");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => PairMetricsFile.Read(folder));

        StringAssert.Contains(ex.Message, "column 'weight' is 0; expected a number above zero");
    }

    private static string Write(string text)
    {
        string folder = Directory.CreateTempSubdirectory("pair-metrics").FullName;
        File.WriteAllText(Path.Combine(folder, PairMetricsFile.FileName), text);
        return folder;
    }
}
