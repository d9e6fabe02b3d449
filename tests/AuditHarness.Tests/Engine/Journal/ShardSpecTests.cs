using AuditHarness.Engine.Journal;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Journal;

[TestClass]
public sealed class ShardSpecTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [TestMethod]
    public void ExplicitIndexOfCountParses()
    {
        Assert.AreEqual(new ShardSpec(1, 4), ShardSpec.Parse("1/4", NoEnvironment, "--shard", out string? error));
        Assert.IsNull(error);
        Assert.AreEqual(new ShardSpec(0, 1), ShardSpec.Parse("0/1", NoEnvironment, "--shard", out _));
    }

    [TestMethod]
    [DataRow("4/4")]
    [DataRow("-1/4")]
    [DataRow("1/0")]
    [DataRow("1/")]
    [DataRow("1")]
    [DataRow("a/4")]
    [DataRow("1/4/2")]
    [DataRow("")]
    public void BadValuesGiveOneLineNamingTheOption(string text)
    {
        Assert.IsNull(ShardSpec.Parse(text, NoEnvironment, "--shard", out string? error));
        Assert.IsNotNull(error);
        StringAssert.StartsWith(error, "Option '--shard'");
        StringAssert.Contains(error, $"'{text}'");
        Assert.DoesNotContain("\n", error);
    }

    [TestMethod]
    public void AutoTakesTheKubernetesCompletionIndex()
    {
        var env = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = "3", ["SLURM_ARRAY_TASK_ID"] = "1" };
        Assert.AreEqual(new ShardSpec(3, 4), ShardSpec.Parse("auto/4", k => env.GetValueOrDefault(k), "--shard", out _));
    }

    [TestMethod]
    public void AutoTakesTheSlurmTaskIdCountedFromTheArraysMinimum()
    {
        var zeroBased = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "2" };
        Assert.AreEqual(new ShardSpec(2, 4), ShardSpec.Parse("auto/4", k => zeroBased.GetValueOrDefault(k), "--shard", out _));

        var oneBased = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "1" };
        Assert.AreEqual(new ShardSpec(3, 4), ShardSpec.Parse("auto/4", k => oneBased.GetValueOrDefault(k), "--shard", out _));
    }

    [TestMethod]
    public void AutoWithoutOrOutsideTheIndexNamesTheVariables()
    {
        Assert.IsNull(ShardSpec.Parse("auto/4", NoEnvironment, "--shard", out string? none));
        StringAssert.Contains(none, "JOB_COMPLETION_INDEX");
        StringAssert.Contains(none, "SLURM_ARRAY_TASK_ID");

        var outside = new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = "4" };
        Assert.IsNull(ShardSpec.Parse("auto/4", k => outside.GetValueOrDefault(k), "--shard", out string? error));
        StringAssert.Contains(error, "JOB_COMPLETION_INDEX must be 0 to 3; got '4'");
    }

    [TestMethod]
    public void ShardsPartitionThePairsAndCountThem()
    {
        foreach (int pairs in new[] { 0, 1, 3, 30, 241 })
        {
            for (int n = 1; n <= 5; n++)
            {
                var seen = new int[pairs];
                for (int i = 0; i < n; i++)
                {
                    var shard = new ShardSpec(i, n);
                    int[] mine = [.. Enumerable.Range(0, pairs).Where(shard.Contains)];
                    Assert.AreEqual(mine.Length, shard.PairsOf(pairs), $"{shard} of {pairs}");
                    foreach (int p in mine)
                    {
                        seen[p]++;
                    }
                }

                Assert.IsTrue(seen.All(c => c == 1), $"every one of {pairs} pairs in exactly one of {n} shards");
            }
        }
    }
}
