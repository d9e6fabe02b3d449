using System.Text.Json.Nodes;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Tests.Core.Specs;

[TestClass]
public sealed class AuditSpecLoaderTests
{
    private SpecFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new SpecFolder();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public void MinimalSpecTakesEveryDefault()
    {
        string path = _folder.WriteSpec();

        AuditSpec spec = AuditSpecLoader.Load(path);

        Assert.AreEqual("test", spec.Name);
        Assert.IsNull(spec.Description);
        Assert.AreEqual(path, spec.Source.Text);
        Assert.HasCount(1, spec.Models);
        Assert.AreEqual("detector", spec.Models[0].Name);
        Assert.AreEqual("models/detector.onnx", spec.Models[0].Path.Text);
        Assert.AreEqual(_folder.PathOf("models/detector.onnx"), spec.Models[0].Path.FullPath);
        Assert.IsEmpty(spec.Taps);
        ManifestDataset dataset = (ManifestDataset)spec.Dataset;
        Assert.AreEqual(_folder.PathOf("data/manifest.csv"), dataset.Manifest.FullPath);
        Assert.AreEqual(new MaskingSettings(MaskingMethod.InpaintTelea, 5, 0), spec.Masking);
        Assert.AreEqual(new PlaceboSettings(1, 7, true, 4, 200), spec.Placebo);
        Assert.AreEqual(new PredictionSettings(0.25, 0.7, 0.5), spec.Prediction);
        Assert.AreEqual(new BootstrapSettings(10_000, 7, 0.95), spec.Bootstrap);
        Assert.AreEqual(0.05, spec.MaxErrorRate);
        Assert.AreEqual("runs/test", spec.Output.Text);
        Assert.AreEqual(Path.GetFullPath("runs/test"), spec.Output.FullPath);
        Assert.IsFalse(spec.Policy.IsInline);
        Assert.AreEqual(_folder.PathOf("policies/p.policy.json"), spec.Policy.File!.FullPath);
        Assert.HasCount(2, spec.Policy.Policy.Checks);
    }

    [TestMethod]
    public void EveryFieldIsRead()
    {
        string path = _folder.WriteSpec(s =>
        {
            s.Remove("model");
            s["description"] = "d";
            s["models"] = new JsonArray(
                new JsonObject { ["name"] = "a", ["path"] = "models/detector.onnx" },
                new JsonObject { ["name"] = "b", ["path"] = "models/other.onnx" });
            s["taps"] = new JsonArray("model.6", "/model.9/cv2/act/Mul_output_0");
            s["masking"] = new JsonObject { ["method"] = "counterfactual", ["inpaintRadius"] = 3, ["dilate"] = 2 };
            s["placebo"] = new JsonObject { ["perPair"] = 3, ["seed"] = 11, ["avoidDetections"] = false, ["margin"] = 8, ["maxAttempts"] = 50 };
            s["prediction"] = new JsonObject { ["confidence"] = 0.3, ["iou"] = 0.6, ["matchIou"] = 0.4 };
            s["maxErrorRate"] = 0.1;
            s["output"] = "out/here";
            s["bootstrap"] = new JsonObject { ["resamples"] = 2000, ["seed"] = 3, ["confidence"] = 0.9 };
        });

        AuditSpec spec = AuditSpecLoader.Load(path);

        Assert.AreEqual("d", spec.Description);
        CollectionAssert.AreEqual(new[] { "a", "b" }, spec.Models.Select(m => m.Name).ToArray());
        Assert.AreEqual(_folder.PathOf("models/other.onnx"), spec.Models[1].Path.FullPath);
        CollectionAssert.AreEqual(new[] { "model.6", "/model.9/cv2/act/Mul_output_0" }, spec.Taps.ToArray());
        Assert.AreEqual(new MaskingSettings(MaskingMethod.Counterfactual, 3, 2), spec.Masking);
        Assert.AreEqual(new PlaceboSettings(3, 11, false, 8, 50), spec.Placebo);
        Assert.AreEqual(new PredictionSettings(0.3, 0.6, 0.4), spec.Prediction);
        Assert.AreEqual(new BootstrapSettings(2000, 3, 0.9), spec.Bootstrap);
        Assert.AreEqual(0.1, spec.MaxErrorRate);
        Assert.AreEqual(_folder.PathOf("out/here"), spec.Output.FullPath);
    }

    [TestMethod]
    public void CommentsTrailingCommasAndSchemaPropertyAreAccepted()
    {
        string path = _folder.WriteSpecText("""
            // leading comment
            {
              "$schema": "audit.schema.json",
              "name": "test", /* inline */
              "model": "models/detector.onnx",
              "dataset": { "manifest": "data/manifest.csv", },
              "policy": "policies/p.policy.json",
            }
            """);

        Assert.AreEqual("test", AuditSpecLoader.Load(path).Name);
    }

    [TestMethod]
    public void InlinePolicyIsRead()
    {
        string path = _folder.WriteSpec(s => s["policy"] = JsonNode.Parse("""
            { "name": "inline", "checks": [ { "id": "flip", "metric": "flip-rate", "threshold": 0.02 } ] }
            """));

        AuditSpec spec = AuditSpecLoader.Load(path);

        Assert.IsTrue(spec.Policy.IsInline);
        Assert.AreEqual("inline", spec.Policy.Policy.Name);
        Assert.AreEqual(MetricKind.FlipRate, spec.Policy.Policy.Checks[0].Metric);
    }

    [TestMethod]
    public void UnknownMaskingMethodNamesTheAllowedValues()
    {
        string path = _folder.WriteSpec(s => s["masking"] = new JsonObject { ["method"] = "inpaint" });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: masking.method 'inpaint' is not one of given, counterfactual, inpaint-telea, inpaint-ns, fill-mean, blur.", ex.Message);
    }

    [TestMethod]
    public void ConfidenceOutOfRangeNamesTheLimits()
    {
        string path = _folder.WriteSpec(s => s["prediction"] = new JsonObject { ["confidence"] = 1.5 });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: prediction.confidence must be between 0 and 1; got 1.5.", ex.Message);
    }

    [TestMethod]
    public void IntegerOutOfRangeSaysInteger()
    {
        string path = _folder.WriteSpec(s => s["placebo"] = new JsonObject { ["perPair"] = 0 });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: placebo.perPair must be an integer between 1 and 20; got 0.", ex.Message);
    }

    [TestMethod]
    public void MissingManifestIsNamedAsWritten()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = new JsonObject { ["manifest"] = "data/m.csv" });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: dataset.manifest 'data/m.csv' does not exist.", ex.Message);
    }

    [TestMethod]
    public void MisspelledPropertyIsNamedWithTheKnownOnes()
    {
        string path = _folder.WriteSpec(s => s["masking"] = new JsonObject { ["method"] = "blur", ["radius"] = 3 });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: masking.radius is not a known property; expected one of dilate, inpaintRadius, method.", ex.Message);
    }

    [TestMethod]
    public void MisspelledTopLevelPropertyIsNamed()
    {
        string path = _folder.WriteSpec(s => s["maxErorRate"] = 0.1);

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        ValidationError error = result.Errors.Single();
        Assert.AreEqual("maxErorRate", error.Field);
        StringAssert.StartsWith(error.Message, $"{path}: maxErorRate is not a known property; did you mean 'maxErrorRate'? expected one of ");
    }

    [TestMethod]
    public void SyntaxErrorNamesLineAndPosition()
    {
        string path = _folder.WriteSpecText("{\n  \"name\": \"x\",\n  \"model\" \"m.onnx\"\n}\n");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path} is not valid JSON at line 3, position 11: '\"' is invalid after a property name. Expected a ':'.", ex.Message);
    }

    [TestMethod]
    public void MissingSpecFileIsNamed()
    {
        string path = Path.Combine(_folder.Root, "absent.audit.json");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path} does not exist.", ex.Message);
    }

    [TestMethod]
    public void MissingRequiredFieldsAreAllNamed()
    {
        string path = _folder.WriteSpecText("{ }");

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        CollectionAssert.AreEquivalent(new[] { "name", "model", "dataset", "policy" }, result.Errors.Select(e => e.Field).ToArray());
        Assert.IsTrue(result.Errors.All(e => e.IsCritical));
        CollectionAssert.Contains(
            result.Errors.Select(e => e.Message).ToArray(),
            $"{path}: name is required: name of the audit (letters, digits, '.', '_', '-'); names the output folder.");
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public void ShapeErrorsAreCollectedInOnePass()
    {
        string path = _folder.WriteSpec(s =>
        {
            s["placebo"] = new JsonObject { ["seed"] = "7", ["perPair"] = 1.5 };
            s["masking"] = new JsonObject { ["method"] = "inpaint" };
            s["taps"] = "model.6";
        });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        string[] messages = [.. result.Errors.Select(e => e.Message)];
        CollectionAssert.AreEquivalent(
            new[]
            {
                $"{path}: placebo.seed must be an integer; got \"7\".",
                $"{path}: placebo.perPair must be an integer; got 1.5.",
                $"{path}: masking.method 'inpaint' is not one of given, counterfactual, inpaint-telea, inpaint-ns, fill-mean, blur.",
                $"{path}: taps must be a list of strings; got \"model.6\".",
            },
            messages);
    }

    [TestMethod]
    public void ValidationErrorsAreCollectedInOnePass()
    {
        string path = _folder.WriteSpec(s =>
        {
            s["prediction"] = new JsonObject { ["confidence"] = 1.5, ["iou"] = -0.1 };
            s["model"] = "models/missing.onnx";
            s["maxErrorRate"] = 2;
        });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        CollectionAssert.AreEquivalent(
            new[] { "model", "prediction.confidence", "prediction.iou", "maxErrorRate" },
            result.Errors.Select(e => e.Field).ToArray());
        Assert.IsNotNull(result.Value);
        Assert.IsTrue(result.HasCriticalErrors);
    }

    [TestMethod]
    public void ModelAndModelsTogetherAreAnError()
    {
        string path = _folder.WriteSpec(s => s["models"] = new JsonArray(new JsonObject { ["name"] = "a", ["path"] = "models/other.onnx" }));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: model and models are both given; give model for one model or models for several, not both.", ex.Message);
    }

    [TestMethod]
    public void DuplicateModelNamesAreAnError()
    {
        string path = _folder.WriteSpec(s =>
        {
            s.Remove("model");
            s["models"] = new JsonArray(
                new JsonObject { ["name"] = "a", ["path"] = "models/detector.onnx" },
                new JsonObject { ["name"] = "a", ["path"] = "models/other.onnx" });
        });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: models[1].name 'a' is already used by models[0].", ex.Message);
    }

    [TestMethod]
    public void ModelEntryWithoutPathIsNamed()
    {
        string path = _folder.WriteSpec(s =>
        {
            s.Remove("model");
            s["models"] = new JsonArray(new JsonObject { ["name"] = "a" });
        });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: models[0].path is required: the ONNX model file.", ex.Message);
    }

    [TestMethod]
    public void NonOnnxModelIsAnError()
    {
        File.WriteAllBytes(_folder.PathOf("models/detector.pt"), []);
        string path = _folder.WriteSpec(s => s["model"] = "models/detector.pt");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: model 'models/detector.pt' is not an ONNX file; expected a path ending in .onnx.", ex.Message);
    }

    [TestMethod]
    public void DatasetWithBothSourcesIsAnError()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "manifest": "data/manifest.csv", "insertion": { "originals": "data/originals", "artifact": { "type": "ruler" } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: dataset must have exactly one of manifest (a paired manifest CSV) or insertion (originals plus a synthetic artifact); got both.", ex.Message);
    }

    [TestMethod]
    public void ManifestWithoutCounterfactualColumnFailsForCounterfactualMasking()
    {
        File.WriteAllText(_folder.PathOf("data/manifest.csv"), "pair_id,image,mask,artifact_type\n");
        string path = _folder.WriteSpec(s => s["masking"] = new JsonObject { ["method"] = "counterfactual" });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual(
            $"{path}: dataset.manifest 'data/manifest.csv' has no column counterfactual (needed by masking.method counterfactual); its header is: pair_id,image,mask,artifact_type",
            ex.Message);
    }

    [TestMethod]
    public void ManifestWithoutCounterfactualColumnIsFineForInpainting()
    {
        File.WriteAllText(_folder.PathOf("data/manifest.csv"), "pair_id,image,mask,artifact_type\n");
        string path = _folder.WriteSpec(s => s["masking"] = new JsonObject { ["method"] = "inpaint-ns" });

        Assert.AreEqual(MaskingMethod.InpaintNs, AuditSpecLoader.Load(path).Masking.Method);
    }

    [TestMethod]
    public void InsertionDatasetIsReadWithDefaults()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/originals/*.jpg", "artifact": { "type": "watermark", "text": "HOSPITAL A" } } }
            """));

        AuditSpec spec = AuditSpecLoader.Load(path);

        InsertionDataset dataset = (InsertionDataset)spec.Dataset;
        Assert.IsTrue(dataset.OriginalsIsPattern);
        Assert.AreEqual(_folder.PathOf("data/originals/*.jpg"), dataset.Originals.FullPath);
        Assert.AreEqual(new ArtifactInsertion(InsertedArtifactType.Watermark, "HOSPITAL A", 1.0, 1.0, ArtifactPosition.BottomRight, null), dataset.Artifact);
    }

    [TestMethod]
    public void InsertionLogoIsResolved()
    {
        File.WriteAllBytes(_folder.PathOf("data/logo.png"), []);
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/originals", "artifact": { "type": "logo", "logo": "data/logo.png", "opacity": 0.5, "position": "top-left" } } }
            """));

        ArtifactInsertion artifact = ((InsertionDataset)AuditSpecLoader.Load(path).Dataset).Artifact;

        Assert.AreEqual(_folder.PathOf("data/logo.png"), artifact.Logo!.FullPath);
        Assert.AreEqual(0.5, artifact.Opacity);
        Assert.AreEqual(ArtifactPosition.TopLeft, artifact.Position);
    }

    [TestMethod]
    [DataRow(0.0, "0")]
    [DataRow(1.5, "1.5")]
    public void InsertionOpacityOutsideZeroExclusiveToOneIsAnError(double opacity, string shown)
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse($$"""
            { "insertion": { "originals": "data/originals", "artifact": { "type": "ruler", "opacity": {{opacity.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        StringAssert.Contains(ex.Message, $"dataset.insertion.artifact.opacity must be greater than 0 and at most 1; got {shown}.");
    }

    [TestMethod]
    public void WatermarkWithoutTextIsAnError()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/originals", "artifact": { "type": "watermark" } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: dataset.insertion.artifact.text is required for type watermark.", ex.Message);
    }

    [TestMethod]
    public void TextOnARulerIsAnError()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/originals", "artifact": { "type": "ruler", "text": "x" } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: dataset.insertion.artifact.text applies only to type watermark; type is ruler.", ex.Message);
    }

    [TestMethod]
    public void InsertionWithGivenMaskingIsAnError()
    {
        string path = _folder.WriteSpec(s =>
        {
            s["dataset"] = JsonNode.Parse("""{ "insertion": { "originals": "data/originals", "artifact": { "type": "ruler" } } }""");
            s["masking"] = new JsonObject { ["method"] = "given" };
        });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        Assert.AreEqual("masking.method", result.Errors.Single().Field);
        StringAssert.StartsWith(result.Errors.Single().Message, $"{path}: masking.method given reads the dataset's own masked image from a manifest, but dataset.insertion has none;");
    }

    [TestMethod]
    public void InsertionWithCounterfactualMaskingIsAllowedBecauseTheCleanOriginalIsOne()
    {
        string path = _folder.WriteSpec(s =>
        {
            s["dataset"] = JsonNode.Parse("""{ "insertion": { "originals": "data/originals", "artifact": { "type": "ruler" } } }""");
            s["masking"] = new JsonObject { ["method"] = "counterfactual" };
        });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        Assert.IsEmpty(result.Errors, string.Join(Environment.NewLine, result.Errors));
        Assert.AreEqual(MaskingMethod.Counterfactual, result.Value!.Masking.Method);
    }

    [TestMethod]
    public void RulerInTheCenterIsAnError()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/originals", "artifact": { "type": "ruler", "position": "center" } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        StringAssert.StartsWith(ex.Message, $"{path}: dataset.insertion.artifact.position center does not apply to a ruler");
    }

    [TestMethod]
    public void OriginalsFolderWithoutImagesIsAnError()
    {
        Directory.CreateDirectory(_folder.PathOf("data/empty"));
        File.WriteAllText(_folder.PathOf("data/empty/notes.txt"), "not an image");
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/empty", "artifact": { "type": "ruler" } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        StringAssert.StartsWith(ex.Message, $"{path}: dataset.insertion.originals 'data/empty' holds no image; expected files ending .bmp, ");
    }

    [TestMethod]
    public void OriginalsPatternMatchingNothingIsAnError()
    {
        string path = _folder.WriteSpec(s => s["dataset"] = JsonNode.Parse("""
            { "insertion": { "originals": "data/originals/*.png", "artifact": { "type": "ruler" } } }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        StringAssert.StartsWith(ex.Message, $"{path}: dataset.insertion.originals 'data/originals/*.png' holds no image; expected files ending ");
    }

    [TestMethod]
    public void MissingPolicyFileIsNamedAsWritten()
    {
        string path = _folder.WriteSpec(s => s["policy"] = "policies/none.policy.json");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: policy 'policies/none.policy.json' does not exist.", ex.Message);
    }

    [TestMethod]
    public void ErrorInThePolicyFileNamesThePolicyFile()
    {
        File.WriteAllText(_folder.PathOf("policies/p.policy.json"), """{ "name": "p", "checks": [ { "id": "a", "metric": "flips", "threshold": 0.02 } ] }""");
        string path = _folder.WriteSpec();

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        string policyFile = Path.Combine(_folder.Root, "policies/p.policy.json");
        StringAssert.StartsWith(ex.Message, $"{policyFile}: checks[0].metric 'flips' is not one of score-shift, ");
    }

    [TestMethod]
    public void ErrorInAnInlinePolicyIsPrefixedWithPolicy()
    {
        string path = _folder.WriteSpec(s => s["policy"] = JsonNode.Parse("""
            { "name": "inline", "checks": [ { "id": "a", "metric": "flip-rate", "threshold": 5 } ] }
            """));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: policy.checks[0].threshold must be between -1 and 1 for metric flip-rate (rates are fractions: 0.02 is 2 %); got 5.", ex.Message);
    }

    [TestMethod]
    public void PolicyLayerMissingFromTapsIsAnError()
    {
        string path = _folder.WriteSpec(s => s["taps"] = new JsonArray("model.2", "model.4"));

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual(
            $"{path}: taps (model.2, model.4) do not include layer 'model.6' that policy check 'layer' measures; add it, or leave taps empty so the engine taps what the policy needs.",
            ex.Message);
    }

    [TestMethod]
    public void DuplicatePropertyIsAnError()
    {
        string path = _folder.WriteSpecText("""
            { "name": "test", "name": "again", "model": "models/detector.onnx", "dataset": { "manifest": "data/manifest.csv" }, "policy": "policies/p.policy.json" }
            """);

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: name appears more than once.", ex.Message);
    }

    [TestMethod]
    public void FewResamplesWarnButLoad()
    {
        string path = _folder.WriteSpec(s => s["bootstrap"] = new JsonObject { ["resamples"] = 500 });

        ValidationResult<AuditSpec> result = AuditSpecLoader.Read(path);

        Assert.IsFalse(result.HasCriticalErrors);
        Assert.AreEqual("bootstrap.resamples", result.Warnings.Single().Field);
        Assert.AreEqual(500, AuditSpecLoader.Load(path).Bootstrap.Resamples);
    }

    [TestMethod]
    public void LargeSampleClustersIsReadAndZeroOrAbsentIsTheDefault()
    {
        string set = _folder.WriteSpec(s => s["bootstrap"] = new JsonObject { ["largeSampleClusters"] = 25_000 });
        Assert.AreEqual(25_000, AuditSpecLoader.Load(set).Bootstrap.LargeSampleClusters);

        string zero = _folder.WriteSpec(s => s["bootstrap"] = new JsonObject { ["largeSampleClusters"] = 0 });
        Assert.AreEqual(10_000, AuditSpecLoader.Load(zero).Bootstrap.LargeSampleClusters);

        string absent = _folder.WriteSpec(s => s["bootstrap"] = new JsonObject { ["resamples"] = 2000 });
        Assert.AreEqual(10_000, AuditSpecLoader.Load(absent).Bootstrap.LargeSampleClusters);
    }

    [TestMethod]
    public void NegativeLargeSampleClustersIsAnError()
    {
        string path = _folder.WriteSpec(s => s["bootstrap"] = new JsonObject { ["largeSampleClusters"] = -5 });

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: bootstrap.largeSampleClusters must be an integer at least 0; got -5.", ex.Message);
    }

    [TestMethod]
    public void NameThatCannotBeAFolderIsAnError()
    {
        string path = _folder.WriteSpec(s => s["name"] = "my audit/1");

        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => AuditSpecLoader.Load(path));

        Assert.AreEqual($"{path}: name 'my audit/1' must start with a letter or digit and use only letters, digits, '.', '_' and '-'; it names output folders.", ex.Message);
    }

    [TestMethod]
    public void ValidatorChecksOverriddenValues()
    {
        AuditSpec spec = AuditSpecLoader.Load(_folder.WriteSpec());

        IReadOnlyList<ValidationError> errors = SpecValidator.Validate(spec with { Prediction = spec.Prediction with { MatchIou = 1.2 } });

        Assert.AreEqual("prediction.matchIou", errors.Single().Field);
    }
}
