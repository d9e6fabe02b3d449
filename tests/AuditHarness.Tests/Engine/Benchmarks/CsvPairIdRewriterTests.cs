using AuditHarness.Engine.Benchmarks;

namespace AuditHarness.Tests.Engine.Benchmarks;

[TestClass]
public sealed class CsvPairIdRewriterTests
{
    [TestMethod]
    public void OnlyTheSecondFieldOfEachRecordIsReplaced()
    {
        string rows = "shortcut,p0001,original,0,1,melanoma,0.5\nshortcut,p0001,placebo,,,,\n";

        string rewritten = CsvPairIdRewriter.Rewrite(rows, "sim0000042");

        Assert.AreEqual("shortcut,sim0000042,original,0,1,melanoma,0.5\nshortcut,sim0000042,placebo,,,,\n", rewritten);
    }

    [TestMethod]
    public void QuotedFieldsWithCommasQuotesAndLineFeedsAreWalkedOverWhole()
    {
        string rows = "\"a,model\",\"p,1\",load,\"no \"\"image\"\",\nsecond line\"\nm,p2,x,\"y\"\n";

        string rewritten = CsvPairIdRewriter.Rewrite(rows, "sim7");

        Assert.AreEqual("\"a,model\",sim7,load,\"no \"\"image\"\",\nsecond line\"\nm,sim7,x,\"y\"\n", rewritten);
    }

    [TestMethod]
    public void EmptyRowsStayEmptyAndARowWithoutAnIdColumnIsRefused()
    {
        Assert.AreEqual(string.Empty, CsvPairIdRewriter.Rewrite(string.Empty, "sim1"));
        Assert.ThrowsExactly<InvalidDataException>(() => CsvPairIdRewriter.Rewrite("only-one-field\n", "sim1"));
        Assert.ThrowsExactly<InvalidDataException>(() => CsvPairIdRewriter.Rewrite("m,p1,no line feed", "sim1"));
    }
}
