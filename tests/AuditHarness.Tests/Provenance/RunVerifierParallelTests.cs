using System.Globalization;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Tests.Provenance;

/// <summary>
/// <see cref="RunVerifier"/> hashes files in parallel and streams <c>inputs.csv</c> in batches: the problems it lists,
/// and their order, are those of one file after another, whatever the number of threads.
/// </summary>
[TestClass]
public sealed class RunVerifierParallelTests
{
    private RunFolderFixture _fixture = null!;

    [TestInitialize]
    public void Create()
    {
        _fixture = new RunFolderFixture();
        RunManifestWriter.Write(_fixture.Spec, _fixture.RunFolder, RunFolderFixture.Tools);
    }

    [TestCleanup]
    public void Delete() => _fixture.Dispose();

    [TestMethod]
    public void ProblemsAreTheSameInTheSameOrderWithOneOrManyThreads()
    {
        byte[] summary = File.ReadAllBytes(Path.Combine(_fixture.RunFolder, "summary.csv"));
        summary[0] ^= 0x01;
        File.WriteAllBytes(Path.Combine(_fixture.RunFolder, "summary.csv"), summary);
        File.Delete(Path.Combine(_fixture.RunFolder, "layers.csv"));
        File.AppendAllText(Path.Combine(_fixture.Root, "data", "p0002_cf.jpg"), "x");
        File.Move(Path.Combine(_fixture.Root, "data", "p0001.jpg"), Path.Combine(_fixture.Root, "p0001.jpg"));
        File.AppendAllText(_fixture.Manifest, "\n");

        string[] one = [.. RunVerifier.Verify(_fixture.RunFolder, parallelism: 1).Problems.Select(p => p.ToString())];
        string[] four = [.. RunVerifier.Verify(_fixture.RunFolder, parallelism: 4).Problems.Select(p => p.ToString())];

        CollectionAssert.AreEqual(one, four);
        // Outputs before inputs, each by path.
        CollectionAssert.AreEqual(
            new[] { "output missing: layers.csv", "output changed: summary.csv", "input missing: data/p0001.jpg", "input changed: data/p0002_cf.jpg", "input changed: manifest.csv" },
            one.Select(p => p.Split(" (", 2)[0]).ToArray());
    }

    [TestMethod]
    public void AMalformedRowPastTheFirstBatchStillReportsEveryFileListedBeforeIt()
    {
        // 5000 listed files that are all gone, row 4501 malformed: the 4500 before it (more than one batch) are named, none after it.
        string list = Path.Combine(_fixture.RunFolder, InputList.FileName);
        string sha = new('a', 64);
        var lines = new List<string> { string.Join(",", InputList.Columns) };
        for (int i = 0; i < 5000; i++)
        {
            string name = $"gone/f{i.ToString("D5", CultureInfo.InvariantCulture)}.png";
            lines.Add(i == 4500 ? $"ABC,1,{name},,," : $"{sha},1,{name},,,");
        }

        File.WriteAllLines(list, lines);

        foreach (int threads in new[] { 1, 3 })
        {
            RunVerification result = RunVerifier.Verify(_fixture.RunFolder, parallelism: threads);

            VerificationProblem[] missing = [.. result.Problems.Where(p => p.Kind == VerificationProblemKind.InputMissing)];
            Assert.HasCount(4500, missing, $"{threads} thread(s)");
            Assert.AreEqual("gone/f00000.png", missing[0].Path);
            Assert.AreEqual("gone/f04499.png", missing[^1].Path);
            VerificationProblem[] listProblems = [.. result.Problems.Where(p => p.Path == InputList.FileName)];
            Assert.HasCount(2, listProblems, "its hash changed, and it cannot be read to its end");
            StringAssert.Contains(listProblems[1].Detail, "row 4501: sha256 'ABC' is not 64 lowercase hex digits");
            Assert.AreEqual(4500, result.InputCount - result.Manifest.Inputs.Count, "the rows read before the malformed one");
        }
    }
}
