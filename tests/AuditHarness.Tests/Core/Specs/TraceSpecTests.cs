using System.Text.Json.Nodes;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;

namespace AuditHarness.Tests.Core.Specs;

[TestClass]
public sealed class TraceSpecTests
{
    private SpecFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new SpecFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public void TracingIsOffWithoutATraceSection()
    {
        Assert.IsNull(AuditSpecLoader.Load(_folder.WriteSpec()).Trace);
    }

    [TestMethod]
    public void AnEmptyTraceSectionTakesEveryDefault()
    {
        string path = _folder.WriteSpec(s =>
        {
            s["taps"] = new JsonArray("model.2", "/model.4/cv2/act/Mul_output_0", "model.6", "model.9");
            s["bootstrap"] = new JsonObject { ["seed"] = 11 };
            s["trace"] = new JsonObject();
        });

        TraceSettings trace = AuditSpecLoader.Load(path).Trace!;

        CollectionAssert.AreEqual(new[] { "model.2", "model.6", "model.9" }, trace.Layers.ToArray(), "the taps that are modules");
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 8, 16, 32, TraceSettings.AllChannels }, trace.K.ToArray());
        Assert.AreEqual(5, trace.RandomDraws);
        Assert.AreEqual(TraceSettings.AllPairs, trace.Pairs);
        Assert.AreEqual(11, trace.Seed, "the bootstrap's seed");
    }

    [TestMethod]
    public void GivenValuesAreReadAndKIsSortedWithoutRepeats()
    {
        string path = _folder.WriteSpec(s =>
        {
            s["taps"] = new JsonArray("model.2", "model.6", "model.9");
            s["trace"] = JsonNode.Parse("""{ "layers": ["model.9"], "k": ["all", 8, 1, 8], "randomDraws": 3, "pairs": 40, "seed": 3 }""");
        });

        TraceSettings trace = AuditSpecLoader.Load(path).Trace!;

        CollectionAssert.AreEqual(new[] { "model.9" }, trace.Layers.ToArray());
        CollectionAssert.AreEqual(new[] { 1, 8, TraceSettings.AllChannels }, trace.K.ToArray());
        Assert.AreEqual(3, trace.RandomDraws);
        Assert.AreEqual(40, trace.Pairs);
        Assert.AreEqual(3, trace.Seed);
    }

    [TestMethod]
    [DataRow("""{ "layers": ["model.4"] }""", "trace.layers: 'model.4' is not tapped; expected one of the taps (model.2, model.6, model.9)")]
    [DataRow("""{ "layers": ["/model.2/Mul_output_0"] }""", "trace.layers: '/model.2/Mul_output_0' is not a module; expected model.N")]
    [DataRow("""{ "k": [1, 0] }""", "trace.k[1] must be a positive integer or \"all\"; got 0")]
    [DataRow("""{ "k": [] }""", "trace.k must be a non-empty list of positive integers and \"all\"")]
    [DataRow("""{ "pairs": "most" }""", "trace.pairs must be \"all\" or a positive integer; got \"most\"")]
    [DataRow("""{ "randomDraws": 0 }""", "trace.randomDraws must be")]
    [DataRow("""{ "draws": 5 }""", "trace.draws")]
    public void ABadTraceValueIsOneLineNamingTheKey(string trace, string expected)
    {
        string path = _folder.WriteSpec(s =>
        {
            s["taps"] = new JsonArray("model.2", "model.6", "model.9");
            s["trace"] = JsonNode.Parse(trace);
        });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        StringAssert.Contains(ex.Message, expected);
        Assert.DoesNotContain("\n", ex.Message);
    }
}
