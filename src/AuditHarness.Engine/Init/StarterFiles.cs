using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditHarness.Core.IO;

namespace AuditHarness.Engine.Init;

/// <summary>
/// The text of the starter spec and policy: JSON with comments (as <c>audits/*.audit.json</c>), paths relative to the
/// spec's folder, every threshold taken from the demo policy (<c>audits/policies/dermoscopy.policy.json</c>) with the
/// reason for it in a comment beside it.
/// </summary>
internal sealed class StarterFiles(string folder, string name, StarterModel model, string artifact, string mode)
{
    public static void WriteText(string path, string text)
    {
        using AtomicFile file = AtomicFile.Create(path);
        file.Stream.Write(new UTF8Encoding(false).GetBytes(text));
        file.Commit();
    }

    public string InsertionDataset(string images, string type, string? logo, int count)
    {
        string position = type switch { "logo" => "bottom-right", "watermark" => "center", _ => "bottom-left" };
        var artifactFields = new List<string> { $"\"type\": {Json(type)}", $"\"position\": {Json(position)}", "\"opacity\": 1" };
        if (type == "logo")
        {
            artifactFields.Add($"\"logo\": {Json(Relative(logo!))}");
        }

        if (type == "watermark")
        {
            artifactFields.Add("\"text\": \"SAMPLE CLINIC\"");
        }

        return $$"""
              "dataset": {
                // Each of the {{count}} readable images in this folder becomes one pair: the image with a {{type}} drawn on it is the
                // original, the image as it was is the artifact removed (a true counterfactual).{{(type == "logo" && logo is not null ? " Replace the logo\n    // with your own (a PNG's alpha channel is its shape) to test the one your images carry." : string.Empty)}}
                "insertion": {
                  "originals": {{Json(Relative(images))}},
                  "artifact": { {{string.Join(", ", artifactFields)}} },
                },
              },
              // The clean image is the painted one without the artifact, so nothing needs to be inpainted.
              "masking": { "method": "counterfactual" },
            """;
    }

    public string ManifestDataset(string manifest, int rows, IReadOnlyList<string> artifactClasses, string how)
    {
        string classes = artifactClasses.Count == 0
            ? string.Empty
            : $"\n    // The annotation classes drawn into each pair's mask (names, or indices).\n    \"artifactClasses\": [{string.Join(", ", artifactClasses.Select(Json))}],";
        string source = how == "labels" ? "the label file of the image (its artifact classes' boxes and polygons)" : "the PNG mask of the image";
        return $$"""
              "dataset": {
                // {{rows}} pairs, one per image; each row's mask is {{source}}. Add a subject_id column
                // (one patient, one subject) when several images show the same subject, so the intervals count them once.
                "manifest": {{Json(Relative(manifest))}},{{classes}}
              },
              // Telea inpainting removes the artifact under its mask, grown by 2 px so its anti-aliased edge goes too; the
              // placebo removes a patch of the same shape elsewhere the same way, so the inpainting's own effect cancels.
              "masking": { "method": "inpaint-telea", "inpaintRadius": 5, "dilate": 2 },
            """;
    }

    public string Spec(string modelPath, string dataset)
    {
        string taps = model.Pool is null
            ? "  // The model has no pooling (SPPF) module, so the policy has no layer check; list modules to tap here (see `layers`).\n  \"taps\": [],"
            : $"  // {model.Pool} is the model's SPPF block, which pools context over the whole image; the policy's layer check reads it.\n  \"taps\": [{Json(model.Pool)}],";
        string description = mode == "insertion"
            ? $"Does a {artifact} drawn onto clean images move {Path.GetFileName(modelPath)}'s detections?"
            : $"Does removing the {artifact} from the images move {Path.GetFileName(modelPath)}'s detections?";
        return $$"""
            // Starter audit written by `audit-harness init`. Paths are relative to this file. Every field is described in
            // audits/README.md of AuditHarness; run it with `audit-harness run {{Path.GetFileName(name)}}.audit.json`
            // (or the command init printed).
            {
              "name": {{Json(name)}},
              "description": {{Json(description)}},
              // {{model.Summary}}.
              "model": {{Json(Relative(Path.GetFullPath(modelPath)))}},
            {{taps}}
            {{dataset}}
              // The placebo removes a patch of the artifact's shape from plain background of the same image (shifted), or
              // from another image where none fits (transplant): what removal alone does, subtracted from every effect.
              "placebo": { "mode": "auto", "perPair": 1, "seed": 7, "avoidDetections": true, "margin": 4, "maxAttempts": 200 },
              // Ultralytics' predict defaults; matchIou pairs a variant's detection with the original's.
              "prediction": { "confidence": 0.25, "iou": 0.7, "matchIou": 0.5 },
              "policy": {{Json(name + ".policy.json")}},
              // More than 5 % of pairs failing (unreadable files, bad masks) means the audit is broken, not judged.
              "maxErrorRate": 0.05,
              "output": {{Json("runs/" + name)}},
              // 10000 resamples give intervals stable to about 0.001; the seeds make reruns byte-identical.
              "bootstrap": { "resamples": 10000, "seed": 7, "confidence": 0.95 },
            }

            """;
    }

    public string Policy()
    {
        string type = Json(artifact);
        string layerCheck = model.Pool is null ? string.Empty : $$"""
                {
                  // {{model.Pool}} (SPPF) pools context over the whole image. Early layers change wherever pixels change, but a
                  // model that ignores the {{artifact}} carries little of that into pooled context: the demo's clean model
                  // changes 0.044 of the activation norm beyond the placebo, its shortcut model 0.96; 0.10 lies between.
                  "id": "{{artifact}}-layer-reliance-{{model.Pool.Replace('.', '-')}}",
                  "metric": "layer-relative-change",
                  "artifactTypes": [{{type}}],
                  "layer": {{Json(model.Pool)}},
                  "threshold": 0.10,
                  "direction": "max",
                  "regressionTolerance": 0.04,
                  "description": "Removing the {{artifact}} changes {{model.Pool}}'s activations by at most 10 % of their norm more than the placebo does.",
                },

            """;
        return $$"""
            // Starter policy written by `audit-harness init`, with the thresholds of AuditHarness's demo policy
            // (audits/policies/dermoscopy.policy.json). Every value is a reliance: the effect of removing the {{artifact}}
            // minus the effect of removing a same-shaped patch of plain background (the placebo). A check FAILs when its
            // whole 95 % interval is beyond the threshold, WARNs when only the estimate is. Tighten or loosen each to what
            // your use can tolerate, and say why in its comment. regressionTolerance (only against a baseline run) is 40 %
            // of each threshold: drift within the margin is allowed, a rise that would use up almost half of it is not.
            {
              "name": {{Json(name + "-artifact-reliance")}},
              "description": {{Json($"{Path.GetFileNameWithoutExtension(model.Summary.Split(':')[0])} must score, classify and find objects the same with or without the {artifact}.")}},
              "checks": [
                {
                  // A decision threshold on a detection score typically sits between 0.3 and 0.5; a mean swing of 0.05 moves
                  // detections near it across the line, which is material for a high-stakes decision.
                  "id": "{{artifact}}-score-shift",
                  "metric": "score-shift",
                  "artifactTypes": [{{type}}],
                  "threshold": 0.05,
                  "direction": "max",
                  "regressionTolerance": 0.02,
                  "description": "Removing the {{artifact}} changes the detections' scores by at most 0.05 more than removing a neutral patch of the same shape.",
                },
                {
                  // A class flip is a changed decision: at most 2 % of the detections beyond the placebo's rate.
                  "id": "{{artifact}}-flip-rate",
                  "metric": "flip-rate",
                  "artifactTypes": [{{type}}],
                  "threshold": 0.02,
                  "direction": "max",
                  "regressionTolerance": 0.008,
                  "description": "At most 2 % of detections change class when the {{artifact}} is removed, beyond the placebo's rate.",
                },
                {
                  // A lost detection is a miss; looser than flips, as recall leans less on a shortcut than the class does,
                  // but a detector whose boxes depend on the {{artifact}} is not acceptable.
                  "id": "{{artifact}}-lost-rate",
                  "metric": "lost-rate",
                  "artifactTypes": [{{type}}],
                  "threshold": 0.05,
                  "direction": "max",
                  "regressionTolerance": 0.02,
                  "description": "At most 5 % of detections disappear when the {{artifact}} is removed, beyond the placebo's rate.",
                },
            {{layerCheck}}  ],
            }

            """;
    }

    private string Relative(string path) => AuditInitializer.Relative(folder, path);

    // Relaxed escaping keeps apostrophes and non-ASCII names readable in a file people edit.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(string value) => JsonSerializer.Serialize(value, Readable);
}
