using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// "Model identification": per model its role, file, SHA-256, task, input size, classes, the rest of its export
/// metadata (as the ONNX file states it), the model card link when the spec gives one, its verdict and its pairs.
/// </summary>
public static class ModelIdentificationSection
{
    // Long metadata values (an argument dump) are cut so one model's block stays on a page; the ONNX file has them all.
    private const int MaxValueLength = 160;

    public static void Add(AuditSummary summary, List<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(blocks);
        if (summary.Models.Count == 0)
        {
            return;
        }

        blocks.Add(new HeadingBlock("Model identification"));
        foreach (ModelAuditSummary model in summary.Models)
        {
            ModelFingerprint? fingerprint = summary.Provenance?.Models.FirstOrDefault(m => m.Model == model.Model);
            var entries = new List<KeyValuePair<string, string>>
            {
                new("model", model.Model),
                new("role", SpecEnum.Name(model.Role) + (model.Role == ModelRole.Reference ? " (a control: its verdict decides nothing)" : " (its verdict decides the audit's)")),
                new("file", fingerprint?.FileName ?? model.ModelPath),
                new("SHA-256", fingerprint?.Sha256 ?? "not recorded"),
            };
            if (fingerprint is not null)
            {
                entries.Add(new("task", fingerprint.Task ?? "not stated in the export"));
                entries.Add(new("input size", fingerprint.InputWidth is int w && fingerprint.InputHeight is int h ? $"{Int(w)} x {Int(h)} px (width x height)" : "not stated in the export"));
                entries.Add(new("classes", fingerprint.Classes.Count == 0 ? "not named in the export" : $"{Int(fingerprint.Classes.Count)}: {string.Join(", ", fingerprint.Classes.Select((c, i) => $"{Int(i)} {c}"))}"));
                entries.Add(new("export metadata", fingerprint.ExportMetadata.Count == 0 ? "none" : string.Join("; ", fingerprint.ExportMetadata.Select(kv => $"{kv.Key}: {Cut(kv.Value)}"))));
                entries.Add(new("model card", fingerprint.ModelCard ?? "not given (spec models[].modelCard)"));
            }

            entries.Add(new("verdict", VerdictText.Of(model.Verdict)));
            entries.Add(new("pairs", $"{Int(model.PairsAttempted)} attempted, {Int(model.PairsCompleted)} completed, {Int(model.Failures.Count)} failed (error rate {CheckReason.Number(model.ErrorRate)})"));
            blocks.Add(new KeyValueBlock("model " + model.Model, entries, 9f, 115f));
        }
    }

    private static string Cut(string value)
    {
        string oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxValueLength ? oneLine : oneLine[..MaxValueLength] + "...";
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
