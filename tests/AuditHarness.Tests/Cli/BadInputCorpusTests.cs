using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AuditHarness.Cli;
using AuditHarness.Tests.BadInputCorpus;
using AuditHarness.Tests.Engine;
using AuditHarness.Tests.TestModels;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// The bad-input corpus (tests/AuditHarness.Tests/BadInputCorpus/README.md) run case by case through the CLI: no case
/// reaches the internal-error path (<c>error: unexpected ...</c>), each exits with the code the README documents for
/// its command, and bad input is exactly one <c>error:</c> line on stderr. The catalog also holds one good case per
/// documented exit code of every command, so the README's exit-code table is checked code by code.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed partial class BadInputCorpusTests
{
    private static readonly string DemoAudit = RepositoryFiles.PathOf("datasets/demo-dermoscopy/audit");
    private static readonly string CleanModel = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/clean_e2e.onnx");
    private static readonly string ShortcutModel = RepositoryFiles.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");
    private static readonly string DemoImage = $"{DemoAudit}/images/p0001.jpg";

    private static string _folder = null!;
    private static string _manifest = null!;
    private static string _cleanSpec = null!;
    private static string _shortcutSpec = null!;
    private static string _cleanRun = null!;
    private static string _shortcutRun = null!;
    private static string[] _cleanShards = null!;
    private static string[] _shortcutShards = null!;
    private static int _scratch;

    /// <summary>Every case: its name, the exit codes its command documents for it, and its arguments (given a fresh folder).</summary>
    private static readonly Case[] Cases =
    [
        // run: the documented codes
        new("run: a passing (or warning) audit", [ExitCodes.Success], _ => ["run", _cleanSpec, "--output", Fresh("run")]),
        new("run: a failing audit", [ExitCodes.ChecksFailed], _ => ["run", _shortcutSpec, "--output", Fresh("run")]),
        new("run: half the images missing (broken)", [ExitCodes.RunBroken], d => ["run", SpecWithRows(d, Rows("/nonexistent/a.jpg")), "--output", Fresh("run")]),
        new("run: a bomb, /dev/zero and a folder as images beyond maxErrorRate (broken)", [ExitCodes.RunBroken], d => ["run", SpecWithRows(d, BadImageRows(d)), "--output", Fresh("run")]),
        new("run: a shard", [ExitCodes.Success], _ => ["run", _shortcutSpec, "--shard", "0/2", "--output", Fresh("shard")]),
        new("run: --resume of a finished failing run", [ExitCodes.ChecksFailed], _ => ["run", _shortcutSpec, "--resume", CopyOf(_shortcutRun)]),
        new("run: formula-injection corpus", [ExitCodes.Success, ExitCodes.ChecksFailed], d => ["run", AuditSpecFiles.Write(d, Corpus("formula-injection/manifest.csv"), maxErrorRate: 0.5), "--output", Fresh("run")]),
        new("run: history/manifest-bad-names corpus", [ExitCodes.Success, ExitCodes.ChecksFailed], d => ["run", AuditSpecFiles.Write(d, Corpus("history/manifest-bad-names.csv"), maxErrorRate: 0.6), "--output", Fresh("run")]),

        // run: bad spec
        new("run: spec missing", [ExitCodes.BadInput], d => ["run", Path.Combine(d, "missing.audit.json")]),
        new("run: spec is a folder", [ExitCodes.BadInput], d => ["run", d]),
        new("run: spec empty", [ExitCodes.BadInput], d => ["run", Text(d, "s.audit.json", string.Empty)]),
        new("run: spec not JSON", [ExitCodes.BadInput], d => ["run", Text(d, "s.audit.json", "{ \"name\": ")]),
        new("run: spec a list", [ExitCodes.BadInput], d => ["run", Text(d, "s.audit.json", "[1, 2]")]),
        new("run: spec field of the wrong type", [ExitCodes.BadInput], d => ["run", Text(d, "s.audit.json", "{ \"name\": \"x\", \"models\": 5 }")]),
        new("run: spec binary", [ExitCodes.BadInput], d => ["run", Bytes(d, "s.audit.json", [0xFF, 0xFE, 0x00, 0x01, 0x80, 0x7B])]),

        // run: bad model
        new("run: model missing", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Path.Combine(d, "missing.onnx"))]),
        new("run: model is a folder", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Directory.CreateDirectory(Path.Combine(d, "m.onnx")).FullName)]),
        new("run: model empty", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Text(d, "m.onnx", string.Empty))]),
        new("run: model not ONNX", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Text(d, "m.onnx", "not a model"))]),
        new("run: model truncated", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Bytes(d, "m.onnx", File.ReadAllBytes(ShortcutModel)[..100_000]))]),
        new("run: model with a wrong output shape", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Bytes(d, "m.onnx", TinyYoloModelBuilder.BuildWithOutputShape([1, 3, 7])))]),
        new("run: model input 100000x100000", [ExitCodes.BadInput], d => ["run", SpecForModel(d, HugeInputModel(d))]),
        new("run: model a classifier", [ExitCodes.BadInput], d => ["run", SpecForModel(d, Bytes(d, "m.onnx", TinyYoloModelBuilder.BuildClassifier()))]),

        // run: bad policy
        new("run: policy missing", [ExitCodes.BadInput], d => ["run", SpecWithPolicy(d, Path.Combine(d, "missing.policy.json"))]),
        new("run: policy empty", [ExitCodes.BadInput], d => ["run", SpecWithPolicy(d, Text(d, "p.policy.json", string.Empty))]),
        new("run: policy not JSON", [ExitCodes.BadInput], d => ["run", SpecWithPolicy(d, Text(d, "p.policy.json", "{"))]),
        new("run: policy a list", [ExitCodes.BadInput], d => ["run", SpecWithPolicy(d, Text(d, "p.policy.json", "[]"))]),
        new("run: policy check without id", [ExitCodes.BadInput], d => ["run", SpecWithPolicy(d, Text(d, "p.policy.json", "{\"name\":\"p\",\"checks\":[{\"metric\":\"flip-rate\",\"threshold\":1}]}"))]),
        new("run: policy unknown metric", [ExitCodes.BadInput], d => ["run", SpecWithPolicy(d, Text(d, "p.policy.json", "{\"name\":\"p\",\"checks\":[{\"id\":\"c\",\"metric\":\"nope\",\"threshold\":1}]}"))]),

        // run: bad manifest
        new("run: manifest missing", [ExitCodes.BadInput], d => ["run", AuditSpecFiles.Write(d, Path.Combine(d, "missing.csv"))]),
        new("run: manifest empty", [ExitCodes.BadInput], d => ["run", AuditSpecFiles.Write(d, Text(d, "m.csv", string.Empty))]),
        new("run: manifest is a folder", [ExitCodes.BadInput], d => ["run", AuditSpecFiles.Write(d, Directory.CreateDirectory(Path.Combine(d, "m.csv")).FullName)]),
        new("run: manifest without pair_id", [ExitCodes.BadInput], d => ["run", AuditSpecFiles.Write(d, Text(d, "m.csv", "a,b,c\n1,2,3\n"))]),
        new("run: manifest binary", [ExitCodes.BadInput], d => ["run", AuditSpecFiles.Write(d, Bytes(d, "m.csv", [.. Enumerable.Range(0, 3000).Select(i => (byte)((i * 37) + 11))]))]),

        // run: bad options and folders
        new("run: --threads -1", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--threads", "-1"]),
        new("run: --shard 3/2", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--shard", "3/2"]),
        new("run: --output an existing file", [ExitCodes.BadInput], d => ["run", _shortcutSpec, "--output", Text(d, "a-file", "x")]),
        new("run: --output under /proc", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--output", "/proc/audit-harness-corpus"]),
        new("run: --output /dev/null", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--output", "/dev/null"]),
        new("run: --baseline missing", [ExitCodes.BadInput], d => ["run", _shortcutSpec, "--baseline", Path.Combine(d, "missing"), "--output", Fresh("run")]),
        new("run: --baseline not a run", [ExitCodes.BadInput], d => ["run", _shortcutSpec, "--baseline", d, "--output", Fresh("run")]),
        new("run: --baseline with a damaged pair-metrics.csv", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--baseline", Damaged(_cleanRun, "pair-metrics.csv", "garbage;;\n"), "--output", Fresh("run")]),
        new("run: --baseline with a damaged summary.json", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--baseline", Damaged(_cleanRun, "summary.json", "{"), "--output", Fresh("run")]),
        new("run: --baseline with a damaged run-manifest.json", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--baseline", Damaged(_cleanRun, "run-manifest.json", "{garbage"), "--output", Fresh("run")]),
        new("run: --resume a journal that is not JSON", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--resume", Unfinished(_shortcutRun, "{garbage\n")]),
        new("run: --resume a run of another spec", [ExitCodes.BadInput], _ => ["run", _shortcutSpec, "--resume", Unfinished(_cleanRun, journal: null)]),

        // compare
        new("compare: a run with itself", [ExitCodes.Success], _ => ["compare", _cleanRun, _cleanRun, "--out", Fresh("compare")]),
        new("compare: the shortcut model against the clean one", [ExitCodes.ChecksFailed], _ => ["compare", _cleanRun, _shortcutRun, "--out", Fresh("compare")]),
        new("compare: baseline missing", [ExitCodes.BadInput], d => ["compare", Path.Combine(d, "missing"), _cleanRun, "--out", Fresh("compare")]),
        new("compare: candidate not a run", [ExitCodes.BadInput], d => ["compare", _cleanRun, d, "--out", Fresh("compare")]),
        new("compare: candidate is a file", [ExitCodes.BadInput], d => ["compare", _cleanRun, Text(d, "a-file", "x"), "--out", Fresh("compare")], "is a file; expected the output folder of a finished run"),
        new("compare: a non-number in pair-metrics.csv", [ExitCodes.BadInput], _ => ["compare", _cleanRun, Damaged(_shortcutRun, "pair-metrics.csv", null), "--out", Fresh("compare")]),
        new("compare: --out an existing file", [ExitCodes.BadInput], d => ["compare", _cleanRun, _cleanRun, "--out", Text(d, "a-file", "x")], "Cannot write the output folder"),
        new("compare: --out under /proc", [ExitCodes.BadInput], _ => ["compare", _cleanRun, _cleanRun, "--out", "/proc/audit-harness-corpus"]),
        new("compare: --out /dev/null", [ExitCodes.BadInput], _ => ["compare", _cleanRun, _cleanRun, "--out", "/dev/null"]),

        // merge
        new("merge: shards of a passing audit", [ExitCodes.Success], _ => ["merge", .. _cleanShards, "--out", Fresh("merge")]),
        new("merge: shards of a failing audit", [ExitCodes.ChecksFailed], _ => ["merge", .. _shortcutShards, "--out", Fresh("merge")]),
        new("merge: shards of a broken audit", [ExitCodes.RunBroken], d => ["merge", .. BrokenShards(d), "--out", Fresh("merge")]),
        new("merge: a shard missing", [ExitCodes.BadInput], _ => ["merge", _shortcutShards[0], "--out", Fresh("merge")]),
        new("merge: a shard folder that does not exist", [ExitCodes.BadInput], d => ["merge", _shortcutShards[0], Path.Combine(d, "missing"), "--out", Fresh("merge")]),
        new("merge: a shard folder that is a file", [ExitCodes.BadInput], d => ["merge", _shortcutShards[0], Text(d, "a-file", "x"), "--out", Fresh("merge")], "is a file; expected the output folder of run --shard i/n"),
        new("merge: a whole run, not a shard", [ExitCodes.BadInput], _ => ["merge", _shortcutRun, "--out", Fresh("merge")]),
        new("merge: shards of two audits", [ExitCodes.BadInput], _ => ["merge", _shortcutShards[0], _cleanShards[1], "--out", Fresh("merge")]),
        new("merge: --spec not JSON", [ExitCodes.BadInput], d => ["merge", .. _shortcutShards, "--out", Fresh("merge"), "--spec", Text(d, "s.audit.json", "{")]),
        new("merge: --out an existing file", [ExitCodes.BadInput], d => ["merge", .. _shortcutShards, "--out", Text(d, "a-file", "x")]),

        // verify
        new("verify: an intact run", [ExitCodes.Success], _ => ["verify", _cleanRun]),
        new("verify: a changed output", [ExitCodes.ChecksFailed], _ => ["verify", Damaged(_cleanRun, "summary.csv", null)]),
        new("verify: run folder missing", [ExitCodes.BadInput], d => ["verify", Path.Combine(d, "missing")]),
        new("verify: run folder is a file", [ExitCodes.BadInput], d => ["verify", Text(d, "a-file", "x")], "is a file; expected a run's output folder"),
        new("verify: no run-manifest.json", [ExitCodes.BadInput], d => ["verify", d]),
        new("verify: run-manifest.json not JSON", [ExitCodes.BadInput], _ => ["verify", Damaged(_cleanRun, "run-manifest.json", "{garbage")]),
        new("verify: run-manifest.json empty", [ExitCodes.BadInput], _ => ["verify", Damaged(_cleanRun, "run-manifest.json", string.Empty)]),
        new("verify: run-manifest.json of another shape", [ExitCodes.BadInput], _ => ["verify", Damaged(_cleanRun, "run-manifest.json", "{\"outputs\": 5, \"inputs\": \"x\"}")]),

        // predict
        new("predict: an image", [ExitCodes.Success], d => ["predict", "--model", ShortcutModel, "--source", DemoImage, "--out", Path.Combine(d, "out")]),
        new("predict: model missing", [ExitCodes.BadInput], d => ["predict", "--model", Path.Combine(d, "missing.onnx"), "--source", DemoImage]),
        new("predict: model not ONNX", [ExitCodes.BadInput], d => ["predict", "--model", Text(d, "m.onnx", "not a model"), "--source", DemoImage]),
        new("predict: source missing", [ExitCodes.BadInput], d => ["predict", "--model", ShortcutModel, "--source", Path.Combine(d, "missing.jpg")]),
        new("predict: glob matching nothing", [ExitCodes.BadInput], d => ["predict", "--model", ShortcutModel, "--source", Path.Combine(d, "*.jpg")]),
        new("predict: an image that does not decode", [ExitCodes.BadInput], d => ["predict", "--model", ShortcutModel, "--source", Text(d, "bad.jpg", "not an image")]),
        new("predict: a bomb", [ExitCodes.BadInput], d => ["predict", "--model", ShortcutModel, "--source", Bomb(d)]),
        new("predict: --out an existing file", [ExitCodes.BadInput], d => ["predict", "--model", ShortcutModel, "--source", DemoImage, "--out", Text(d, "a-file", "x")], "Cannot write the output folder"),
        new("predict: --out under /proc", [ExitCodes.BadInput], _ => ["predict", "--model", ShortcutModel, "--source", DemoImage, "--out", "/proc/audit-harness-corpus"]),
        new("predict: --out /dev/null", [ExitCodes.BadInput], _ => ["predict", "--model", ShortcutModel, "--source", DemoImage, "--out", "/dev/null"]),
        new("predict: unknown tap", [ExitCodes.BadInput], _ => ["predict", "--model", ShortcutModel, "--source", DemoImage, "--taps", "model.999"]),
        new("predict: --conf 2", [ExitCodes.BadInput], _ => ["predict", "--model", ShortcutModel, "--source", DemoImage, "--conf", "2"]),

        // init
        new("init: clean images", [ExitCodes.Success], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--out", Path.Combine(d, "x.audit.json")]),
        new("init: model missing", [ExitCodes.BadInput], d => ["init", "--model", Path.Combine(d, "missing.onnx"), "--images", Images(d), "--out", Path.Combine(d, "x.audit.json")]),
        new("init: model not ONNX", [ExitCodes.BadInput], d => ["init", "--model", Text(d, "m.onnx", "not a model"), "--images", Images(d), "--out", Path.Combine(d, "x.audit.json")]),
        new("init: images folder missing", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Path.Combine(d, "missing"), "--out", Path.Combine(d, "x.audit.json")], "does not exist; expected a folder of images"),
        new("init: images folder without images", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Directory.CreateDirectory(Path.Combine(d, "empty")).FullName, "--out", Path.Combine(d, "x.audit.json")]),
        new("init: no image reads", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Path.GetDirectoryName(Text(Directory.CreateDirectory(Path.Combine(d, "bad")).FullName, "a.jpg", "not an image"))!, "--out", Path.Combine(d, "x.audit.json")], "none of its 1 images could be read"),
        new("init: unknown artifact type", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--artifact", "stamp", "--out", Path.Combine(d, "x.audit.json")], "expected one of watermark, ruler, logo"),
        new("init: --masks and --labels", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--masks", d, "--labels", d, "--artifact-classes", "ruler", "--out", Path.Combine(d, "x.audit.json")]),
        new("init: --labels without --artifact-classes", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--labels", d, "--out", Path.Combine(d, "x.audit.json")], "--labels needs --artifact-classes"),
        new("init: --masks folder missing", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--masks", Path.Combine(d, "missing"), "--out", Path.Combine(d, "x.audit.json")]),
        new("init: no image has a mask", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--masks", Directory.CreateDirectory(Path.Combine(d, "masks")).FullName, "--out", Path.Combine(d, "x.audit.json")]),
        new("init: COCO file not JSON", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--labels", Text(d, "coco.json", "{"), "--artifact-classes", "ruler", "--out", Path.Combine(d, "x.audit.json")]),
        new("init: spec exists", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--out", Text(d, "x.audit.json", "{}")], "exists; pass --force"),
        new("init: --out is a folder", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--out", d]),
        new("init: mistyped option", [ExitCodes.BadInput], d => ["init", "--model", ShortcutModel, "--images", Images(d), "--ouput", Path.Combine(d, "x.audit.json")], "did you mean '--out'?"),

        // layers and bench
        new("layers: a model", [ExitCodes.Success], _ => ["layers", "--model", ShortcutModel]),
        new("layers: model missing", [ExitCodes.BadInput], d => ["layers", "--model", Path.Combine(d, "missing.onnx")]),
        new("layers: model not ONNX", [ExitCodes.BadInput], d => ["layers", "--model", Text(d, "m.onnx", "not a model")]),
        new("bench: a model on an image", [ExitCodes.Success], _ => ["bench", "--model", ShortcutModel, "--image", DemoImage, "--runs", "5", "--warmup", "1"]),
        new("bench: image missing", [ExitCodes.BadInput], d => ["bench", "--model", ShortcutModel, "--image", Path.Combine(d, "missing.jpg")]),
        new("bench: image that does not decode", [ExitCodes.BadInput], d => ["bench", "--model", ShortcutModel, "--image", Text(d, "bad.jpg", "not an image")]),
        new("bench: neither --model nor --audit", [ExitCodes.BadInput], _ => ["bench"]),
        new("bench: --audit not JSON", [ExitCodes.BadInput], d => ["bench", "--audit", Text(d, "s.audit.json", "{")]),

        // ablate --from: channels from a run's trace (BadInputCorpus/ablate/)
        new("ablate: --from a run's trace (largest gap)", [ExitCodes.Success], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "shortcut", "--out", Path.Combine(d, "a.onnx")]),
        new("ablate: --from a folder that does not exist", [ExitCodes.BadInput], d => ["ablate", "--from", Path.Combine(d, "missing"), "--model", "shortcut", "--out", Path.Combine(d, "a.onnx")], "does not exist"),
        new("ablate: --from a run without a trace", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d, "summary-without-trace.json"), "--model", "shortcut", "--out", Path.Combine(d, "a.onnx")], "has no trace result for model 'shortcut'"),
        new("ablate: --from a run, unknown model", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "clean", "--out", Path.Combine(d, "a.onnx")], "audited no model 'clean'"),
        new("ablate: --from a run, untraced artifact type", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "shortcut", "--artifact", "ink", "--out", Path.Combine(d, "a.onnx")], "artifact type 'ink' was not traced"),
        new("ablate: --from a run, untraced layer", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "shortcut", "--layer", "model.2", "--out", Path.Combine(d, "a.onnx")], "layer 'model.2' was not traced"),
        new("ablate: --from a run, k larger than ranked", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "shortcut", "--layer", "model.9", "--k", "50", "--out", Path.Combine(d, "a.onnx")], "has 10 ranked channel(s)"),
        new("ablate: --from a run, no k beats random", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "shortcut", "--layer", "model.6", "--out", Path.Combine(d, "a.onnx")], "beat every random draw"),
        new("ablate: --from a run and --channels", [ExitCodes.BadInput], d => ["ablate", "--from", AblateFromRunTests.RunFolder(d), "--model", "shortcut", "--channels", "1,2", "--out", Path.Combine(d, "a.onnx")], "--channels"),
        new("ablate: --from a run with summary.json not JSON", [ExitCodes.BadInput], d => ["ablate", "--from", Path.GetDirectoryName(Text(Directory.CreateDirectory(Path.Combine(d, "run")).FullName, "summary.json", "{"))!, "--model", "shortcut", "--out", Path.Combine(d, "a.onnx")], "could not be read"),
    ];

    public static IEnumerable<object[]> CaseNames() => Cases.Select(c => new object[] { c.Name });

    [ClassInitialize]
    public static void RunTheFixtures(TestContext context)
    {
        _ = context;
        _folder = Directory.CreateTempSubdirectory("bad-input-corpus").FullName;
        _manifest = DemoManifestCut.Write(Path.Combine(_folder, "cut"), every: 12); // 20 pairs: enough for the shortcut model to FAIL
        _cleanSpec = AuditSpecFiles.WriteForModelFile(Directory.CreateDirectory(Path.Combine(_folder, "clean")).FullName, _manifest, CleanModel);
        _shortcutSpec = AuditSpecFiles.WriteForModelFile(Directory.CreateDirectory(Path.Combine(_folder, "shortcut")).FullName, _manifest, ShortcutModel);
        _cleanRun = Fixture("run", _cleanSpec, "--output", Path.Combine(_folder, "clean-run"));
        _shortcutRun = Fixture("run", _shortcutSpec, "--output", Path.Combine(_folder, "shortcut-run"));
        _cleanShards = [Fixture("run", _cleanSpec, "--shard", "0/2", "--output", Path.Combine(_folder, "clean-0")), Fixture("run", _cleanSpec, "--shard", "1/2", "--output", Path.Combine(_folder, "clean-1"))];
        _shortcutShards = [Fixture("run", _shortcutSpec, "--shard", "0/2", "--output", Path.Combine(_folder, "shortcut-0")), Fixture("run", _shortcutSpec, "--shard", "1/2", "--output", Path.Combine(_folder, "shortcut-1"))];
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public void NoCaseIsUnexpectedAndEachExitsWithItsDocumentedCode(string name)
    {
        Case corpusCase = Cases.Single(c => c.Name == name);
        string scratch = Directory.CreateDirectory(Path.Combine(_folder, $"case-{Interlocked.Increment(ref _scratch)}")).FullName;
        string[] args = corpusCase.Arguments(scratch);

        CliResult result = CliRunner.Run(args);

        string shown = $"{string.Join(' ', args)}\nexit {result.ExitCode}\nstdout: {result.Stdout}\nstderr: {result.Stderr}";
        Assert.DoesNotContain("error: unexpected", result.Stdout + result.Stderr, shown);
        CollectionAssert.Contains(corpusCase.Expected, result.ExitCode, shown);
        if (result.ExitCode == ExitCodes.BadInput)
        {
            // One line naming the problem; predict's per-image lines go to stdout, its count of failed images to stderr.
            string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.HasCount(1, lines, shown);
            Assert.StartsWith("error: ", lines[0], shown);
        }

        if (corpusCase.Says is { } says)
        {
            StringAssert.Contains(result.Stderr, says, shown);
        }
    }

    [TestMethod]
    public void InsertionFileNamesOutsideTheNameRuleBecomeValidPairIds()
    {
        string originals = Directory.CreateDirectory(Path.Combine(_folder, $"originals-{Guid.NewGuid():N}")).FullName;
        string[] names = ["=cmd.jpg", "a;b.jpg", "a_b.jpg", "+SUM(1+1).jpg", "p0004.jpg"];
        for (int i = 0; i < names.Length; i++)
        {
            File.Copy($"{DemoAudit}/counterfactuals/p000{i + 1}.jpg", Path.Combine(originals, names[i]));
        }

        string output = Fresh("insertion");
        CliResult result = CliRunner.Run("run", AuditSpecFiles.WriteInsertion(Directory.CreateDirectory(Fresh("insertion-spec")).FullName, originals), "--output", output);

        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        string[] pairs = File.ReadAllLines(Path.Combine(output, "pairs.csv"));
        int pairId = Array.IndexOf(pairs[0].Split(','), "pair_id");
        string[] ids = [.. pairs.Skip(1).Select(l => l.Split(',')[pairId]).Distinct()];
        CollectionAssert.AreEquivalent(new[] { "img-_SUM_1_1_", "img-_cmd", "a_b-2", "a_b", "p0004" }, ids);
        Assert.HasCount(1, File.ReadAllLines(Path.Combine(output, "errors.csv")), "no pair failed");
    }

    [TestMethod]
    public void TheCatalogObservesEveryExitCodeEachCommandDocuments()
    {
        // From docs/commands.md (command table and "Exit codes"): run and merge 0/1/2/3, compare "as run" but 0/1/2 (it reads
        // finished runs, no pair fails in it), verify 0/1/2, predict, layers, bench, ablate and init 0/2.
        var documented = new Dictionary<string, int[]>
        {
            ["run"] = [0, 1, 2, 3],
            ["merge"] = [0, 1, 2, 3],
            ["compare"] = [0, 1, 2],
            ["verify"] = [0, 1, 2],
            ["predict"] = [0, 2],
            ["layers"] = [0, 2],
            ["bench"] = [0, 2],
            ["ablate"] = [0, 2],
            ["init"] = [0, 2],
        };

        foreach ((string command, int[] codes) in documented)
        {
            foreach (int code in codes)
            {
                Assert.IsTrue(
                    Cases.Any(c => c.Name.StartsWith(command + ":", StringComparison.Ordinal) && c.Expected.SequenceEqual([code])),
                    $"no corpus case of '{command}' exits {code}");
            }
        }
    }

    [TestMethod]
    public void TheDocumentedExitCodeTableNamesTheCodesOfExitCodes()
    {
        string readme = File.ReadAllText(RepositoryFiles.PathOf("docs/commands.md"));
        var table = TableRow().Matches(readme).ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        var constants = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => (int)f.GetValue(null)!, f => f.Name);

        CollectionAssert.AreEquivalent(constants.ToList(), table.ToList());
    }

    [TestMethod]
    public void AReadOnlyMountAsOutputIsBadInputForRunCompareMergeAndPredict()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("mount is a Linux command.");
        }

        string mountPoint = Directory.CreateDirectory(Path.Combine(_folder, $"read-only-{Guid.NewGuid():N}")).FullName;
        (int mounted, string why) = Command("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mountPoint);
        if (mounted != 0)
        {
            Assert.Inconclusive($"mounting a read-only tmpfs is not permitted here: {why}");
        }

        try
        {
            string[][] invocations =
            [
                ["run", _shortcutSpec, "--output", Path.Combine(mountPoint, "run")],
                ["run", _shortcutSpec, "--output", mountPoint],
                ["compare", _cleanRun, _shortcutRun, "--out", Path.Combine(mountPoint, "compare")],
                ["merge", .. _shortcutShards, "--out", Path.Combine(mountPoint, "merge")],
                ["predict", "--model", ShortcutModel, "--source", DemoImage, "--out", Path.Combine(mountPoint, "predict")],
            ];
            foreach (string[] args in invocations)
            {
                CliResult result = CliRunner.Run(args);

                string shown = $"{string.Join(' ', args)}\nexit {result.ExitCode}\nstderr: {result.Stderr}";
                Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, shown);
                string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.HasCount(1, lines, shown);
                StringAssert.StartsWith(lines[0], $"error: Cannot write the output folder '{args[Array.IndexOf(args, args.Contains("--out") ? "--out" : "--output") + 1]}'", shown);
                StringAssert.Contains(lines[0], "Read-only file system", shown);
            }
        }
        finally
        {
            Command("umount", mountPoint);
        }
    }

    private static string Fixture(params string[] args)
    {
        CliResult result = CliRunner.Run(args);
        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, $"fixture {string.Join(' ', args)}: {result.Stdout}{result.Stderr}");
        return args[^1];
    }

    /// <summary>Both shards of an audit whose every other pair has a missing image.</summary>
    private static string[] BrokenShards(string folder)
    {
        string spec = SpecWithRows(folder, Rows("/nonexistent/a.jpg"));
        return [Fixture("run", spec, "--shard", "0/2", "--output", Fresh("broken-0")), Fixture("run", spec, "--shard", "1/2", "--output", Fresh("broken-1"))];
    }

    private static string Fresh(string name) => Path.Combine(_folder, $"{name}-{Interlocked.Increment(ref _scratch)}");

    private static string Corpus(string file) => RepositoryFiles.PathOf($"tests/AuditHarness.Tests/BadInputCorpus/{file}");

    private static string Text(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A folder of two demo images inside <paramref name="folder"/>.</summary>
    private static string Images(string folder)
    {
        string images = Directory.CreateDirectory(Path.Combine(folder, "images")).FullName;
        File.Copy($"{DemoAudit}/images/p0001.jpg", Path.Combine(images, "p0001.jpg"), overwrite: true);
        File.Copy($"{DemoAudit}/images/p0002.jpg", Path.Combine(images, "p0002.jpg"), overwrite: true);
        return images;
    }

    private static string Bytes(string folder, string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Bomb(string folder)
    {
        string path = Path.Combine(folder, "bomb.png");
        BombPng.Write(path, 20000, 20000);
        return path;
    }

    private static string HugeInputModel(string folder) => Bytes(folder, "m.onnx", TinyYoloModelBuilder.Build(new TinyYoloModelOptions
    {
        DynamicInput = true,
        Metadata = new Dictionary<string, string?> { ["imgsz"] = "[100000, 100000]" },
    }));

    /// <summary>A copy of a run folder with one file replaced by <paramref name="text"/>, or, when null, with a byte changed.</summary>
    private static string Damaged(string run, string file, string? text)
    {
        string copy = CopyOf(run);
        string path = Path.Combine(copy, file);
        if (text is null)
        {
            // The first data row's last cell becomes a word: a changed output for verify, a non-number for compare.
            string[] lines = File.ReadAllLines(path);
            lines[1] = lines[1][..(lines[1].LastIndexOf(',') + 1)] + "changed";
            File.WriteAllLines(path, lines);
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return copy;
    }

    /// <summary>A copy of a finished run made unfinished (no run-manifest.json), its journal replaced unless null.</summary>
    private static string Unfinished(string run, string? journal)
    {
        string copy = CopyOf(run);
        File.Delete(Path.Combine(copy, "run-manifest.json"));
        if (journal is not null)
        {
            File.WriteAllText(Path.Combine(copy, "journal.jsonl"), journal);
        }

        return copy;
    }

    private static string CopyOf(string run)
    {
        string copy = Fresh(Path.GetFileName(run));
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(run))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static string SpecForModel(string folder, string model) => AuditSpecFiles.WriteForModelFile(folder, _manifest, model);

    private static string SpecWithPolicy(string folder, string policy)
    {
        string spec = AuditSpecFiles.Write(folder, _manifest);
        JsonNode json = JsonNode.Parse(File.ReadAllText(spec))!;
        json["policy"] = policy;
        File.WriteAllText(spec, json.ToJsonString());
        return spec;
    }

    private static string SpecWithRows(string folder, string[] rows)
    {
        string manifest = Path.Combine(folder, "rows.csv");
        File.WriteAllLines(manifest, [File.ReadLines(_manifest).First(), .. File.ReadLines(_manifest).Skip(1), .. rows]);
        return AuditSpecFiles.WriteForModelFile(folder, manifest, ShortcutModel);
    }

    /// <summary>Every row of the fixture manifest again under a new id, with <paramref name="image"/> as its image.</summary>
    private static string[] Rows(string image) =>
        [.. File.ReadLines(_manifest).Skip(1).Select((line, i) => ReplaceImage(line, $"missing{i}", image))];

    private static string[] BadImageRows(string folder)
    {
        string bomb = Bomb(folder);
        string folderImage = Directory.CreateDirectory(Path.Combine(folder, "folder.jpg")).FullName;
        string first = File.ReadLines(_manifest).Skip(1).First();
        return [ReplaceImage(first, "bomb", bomb), ReplaceImage(first, "dev_zero", "/dev/zero"), ReplaceImage(first, "folder", folderImage)];
    }

    private static string ReplaceImage(string manifestLine, string id, string image)
    {
        string[] cells = manifestLine.Split(',');
        cells[0] = id;
        cells[1] = image;
        return string.Join(',', cells);
    }

    private static (int ExitCode, string Output) Command(string file, params string[] args)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    [GeneratedRegex(@"^\| (\d) \| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    /// <param name="Says">Text the error line must hold, where the wording itself was a finding.</param>
    private sealed record Case(string Name, int[] Expected, Func<string, string[]> Arguments, string? Says = null);
}
