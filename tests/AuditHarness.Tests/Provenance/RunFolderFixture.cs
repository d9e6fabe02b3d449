using AuditHarness.Core.Specs;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Provenance;

/// <summary>
/// A temporary spec folder with a two-pair manifest of demo images (both pairs share one mask) and a run folder
/// written by hand, so provenance tests need no inference.
/// </summary>
public sealed class RunFolderFixture : IDisposable
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");

    public RunFolderFixture()
    {
        Root = Directory.CreateTempSubdirectory("provenance").FullName;
        string data = Path.Combine(Root, "data");
        Directory.CreateDirectory(data);
        foreach (string id in new[] { "p0001", "p0002" })
        {
            File.Copy(Path.Combine(DemoAudit, "images", id + ".jpg"), Path.Combine(data, id + ".jpg"));
            File.Copy(Path.Combine(DemoAudit, "counterfactuals", id + ".jpg"), Path.Combine(data, id + "_cf.jpg"));
        }

        File.Copy(Path.Combine(DemoAudit, "masks", "p0001.png"), Path.Combine(data, "mask.png"));
        Manifest = Path.Combine(Root, "manifest.csv");
        File.WriteAllLines(Manifest,
        [
            "pair_id,image,counterfactual,mask,artifact_type",
            "p0001,data/p0001.jpg,data/p0001_cf.jpg,data/mask.png,ruler",
            "p0002,data/p0002.jpg,data/p0002_cf.jpg,data/mask.png,ruler",
        ]);
        Spec = AuditSpecLoader.Load(AuditSpecFiles.Write(Root, Manifest));

        RunFolder = Path.Combine(Root, "run");
        Directory.CreateDirectory(Path.Combine(RunFolder, "report"));
        File.WriteAllText(Path.Combine(RunFolder, "pairs.csv"), "model,pair_id\nshortcut,p0001\nshortcut,p0002\n");
        File.WriteAllText(Path.Combine(RunFolder, "summary.csv"), "model,check,verdict\nshortcut,ruler_score,fail\n");
        File.WriteAllText(Path.Combine(RunFolder, "layers.csv"), "model,pair_id,tap\nshortcut,p0001,model.9\n");
        File.WriteAllText(Path.Combine(RunFolder, "abc.txt"), "abc");
        File.WriteAllText(Path.Combine(RunFolder, "report", "extra.csv"), "a,b\n1,2\n");
    }

    /// <summary>The spec's folder.</summary>
    public string Root { get; }

    public string Manifest { get; }

    public AuditSpec Spec { get; }

    public string RunFolder { get; }

    /// <summary>Fixed tool versions, so the manifest's bytes depend only on the files.</summary>
    public static IReadOnlyDictionary<string, string> Tools { get; } = new Dictionary<string, string>
    {
        ["opencv"] = "4.13.0",
        ["onnxruntime"] = "1.31.1",
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
