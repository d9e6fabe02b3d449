using System.Security.Cryptography;
using AuditHarness.Inference.Tracing;

namespace AuditHarness.Tests.Datasets;

/// <summary>The shipped ablated demo model is what its README and docs/tracing.md say it is, made from the shipped shortcut model.</summary>
[TestClass]
public sealed class DemoAblatedModelTests
{
    [TestMethod]
    public void TheAblatedDemoModelNamesItsSourceLayerChannelsAndFill()
    {
        string models = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models");
        string sourceSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(models, "shortcut_e2e.onnx"))));

        AblationMetadata ablation = AblationMetadata.Read(Path.Combine(models, "shortcut_ablated.onnx"))!;

        Assert.AreEqual(sourceSha, ablation.SourceSha256);
        Assert.AreEqual("model.4", ablation.Layer);
        CollectionAssert.AreEqual(new[] { 1, 28, 14, 44, 24, 31, 37, 5, 20, 12, 22, 10, 9, 18, 34, 47 }, ablation.Channels.ToArray());
        Assert.AreEqual("mean", ablation.Fill);
        Assert.IsNull(AblationMetadata.Read(Path.Combine(models, "shortcut_e2e.onnx")), "the source was not made by ablate");
    }
}
