using AuditHarness.Core.Specs;

namespace AuditHarness.Tests.Core.Specs;

[TestClass]
public sealed class MaskingMethodsTests
{
    [TestMethod]
    [DataRow(MaskingMethod.Given)]
    [DataRow(MaskingMethod.Counterfactual)]
    public void AMethodThatReadsItsImageFromTheDatasetFillsMasksWithTelea(MaskingMethod method)
    {
        Assert.IsTrue(method.ReadsMaskedImage());
        Assert.AreEqual(MaskingMethod.InpaintTelea, method.MaskFill());
    }

    [TestMethod]
    [DataRow(MaskingMethod.InpaintTelea)]
    [DataRow(MaskingMethod.InpaintNs)]
    [DataRow(MaskingMethod.FillMean)]
    [DataRow(MaskingMethod.Blur)]
    public void AMethodThatFillsTheArtifactsMaskFillsEveryMaskItself(MaskingMethod method)
    {
        Assert.IsFalse(method.ReadsMaskedImage());
        Assert.AreEqual(method, method.MaskFill());
    }
}
