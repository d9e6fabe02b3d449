using System.Text.Json;
using AuditHarness.Tests.TestModels;
using OpenCvSharp;

namespace AuditHarness.Tests.Engine.Tracing;

/// <summary>
/// A small synthetic dataset for <see cref="ChannelShortcutModelBuilder"/>: 64x64 grey-skin PNGs with green / blue texture,
/// a red stripe (red plane only) as the artifact, its counterfactual without the stripe and the stripe's mask. Subjects
/// S01..S12 have two pairs each with a visible stripe; subjects N01, N02 have two pairs each whose "stripe" has the skin's
/// own red (invisible: the artifact has no effect), which tracing must leave out and count.
/// </summary>
public static class ChannelShortcutTrace
{
    public const int EffectSubjects = 12;
    public const int NoEffectSubjects = 2;

    /// <summary>Writes the model, the images, the manifest and a spec tracing <c>model.0</c>; returns the spec's path.</summary>
    public static string WriteSpec(string folder, string trace = """{ "layers": ["model.0"], "k": [1, 2, 4, "all"], "randomDraws": 5, "seed": 7 }""")
    {
        Directory.CreateDirectory(folder);
        string model = Path.Combine(folder, "channel_shortcut.onnx");
        File.WriteAllBytes(model, ChannelShortcutModelBuilder.Build());
        var rows = new List<string> { "pair_id,image,counterfactual,mask,artifact_type,label,subject_id" };
        int index = 0;
        foreach ((string subject, bool visible) in Enumerable.Range(1, EffectSubjects).Select(s => ($"S{s:00}", true))
            .Concat(Enumerable.Range(1, NoEffectSubjects).Select(s => ($"N{s:00}", false))))
        {
            for (int p = 0; p < 2; p++, index++)
            {
                string id = $"{subject}-{p}";
                WritePair(folder, id, index, visible);
                rows.Add($"{id},{id}.png,{id}-cf.png,{id}-mask.png,stripe,melanoma,{subject}");
            }
        }

        File.WriteAllLines(Path.Combine(folder, "manifest.csv"), rows);
        string spec = $$"""
            {
              "name": "channel-shortcut",
              "models": [{ "name": "shortcut", "path": {{JsonSerializer.Serialize(model)}} }],
              "taps": ["model.0"],
              "dataset": { "manifest": {{JsonSerializer.Serialize(Path.Combine(folder, "manifest.csv"))}} },
              "masking": { "method": "counterfactual" },
              "policy": { "name": "stripe", "checks": [{ "id": "stripe-score-shift", "metric": "score-shift", "threshold": 0.05 }] },
              "output": {{JsonSerializer.Serialize(Path.Combine(folder, "out"))}},
              "bootstrap": { "resamples": 2000, "seed": 7 },
              "trace": {{trace}}
            }
            """;
        string path = Path.Combine(folder, "trace.audit.json");
        File.WriteAllText(path, spec);
        return path;
    }

    private static void WritePair(string folder, string id, int index, bool visible)
    {
        int size = ChannelShortcutModelBuilder.InputSize;
        double skin = 90 + (7 * index % 60); // 90..149: grey skin of another tone per pair
        using var counterfactual = new Mat(size, size, MatType.CV_8UC3);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                // Green up, blue down by the same amount: their mean stays the skin's red, so the shortcut channel is 0 here.
                int t = (int)Math.Round(20 * Math.Sin((x * 0.4) + (y * 0.25) + index));
                counterfactual.Set(y, x, new Vec3b((byte)(skin - t), (byte)(skin + t), (byte)skin)); // BGR
            }
        }

        using Mat original = counterfactual.Clone();
        using var mask = new Mat(size, size, MatType.CV_8UC1, Scalar.All(0));
        int left = 8 + (4 * (index % 10)), top = 10 + (index % 8);
        for (int y = top; y < top + 40; y++)
        {
            for (int x = left; x < left + 4; x++)
            {
                Vec3b pixel = original.Get<Vec3b>(y, x);
                original.Set(y, x, new Vec3b(pixel.Item0, pixel.Item1, visible ? (byte)255 : pixel.Item2)); // the red plane only
                mask.Set(y, x, (byte)255);
            }
        }

        Cv2.ImWrite(Path.Combine(folder, id + ".png"), original);
        Cv2.ImWrite(Path.Combine(folder, id + "-cf.png"), counterfactual);
        Cv2.ImWrite(Path.Combine(folder, id + "-mask.png"), mask);
    }
}
