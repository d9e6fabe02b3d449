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
        Assert.AreEqual("model.9", ablation.Layer);
        CollectionAssert.AreEqual(new[] { 75, 94, 8, 80, 70, 22, 72, 47 }, ablation.Channels.ToArray());
        Assert.AreEqual("mean", ablation.Fill);
        Assert.IsNull(AblationMetadata.Read(Path.Combine(models, "shortcut_e2e.onnx")), "the source was not made by ablate");
    }
}
