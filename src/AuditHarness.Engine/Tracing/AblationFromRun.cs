using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AuditHarness.Core.Errors;
using AuditHarness.Results;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// Chooses the channels <c>ablate --from RUN</c> ablates from a finished run's trace result (<c>summary.json</c>, the
/// model's <c>trace</c> object): the top k of a layer's ranked channels. Without <c>--layer</c> and <c>--k</c>, the layer
/// and k where the selective channels beat every random draw by the most (<see cref="TraceGap"/>: selective
/// <c>ci_low</c> minus the highest random <c>ci_high</c>, the smaller k on ties), refused when no k beats random.
/// </summary>
public static class AblationFromRun
{
    public const string SummaryFileName = "summary.json";

    public static AblationChoice Choose(string runFolder, string model, string? artifactType, string? layer, int? k)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(model);
        string summaryPath = Path.Combine(runFolder, SummaryFileName);
        if (!Directory.Exists(runFolder))
        {
            throw new AuditInputException($"ablate --from: run folder '{runFolder}' {(File.Exists(runFolder) ? "is a file" : "does not exist")}; expected the output folder of a finished run with a trace result.");
        }

        if (!File.Exists(summaryPath))
        {
            throw new AuditInputException($"ablate --from: run folder '{runFolder}' has no {SummaryFileName}; expected a finished run of a spec with a \"trace\" section.");
        }

        try
        {
            using FileStream stream = File.OpenRead(summaryPath);
            using JsonDocument document = JsonDocument.Parse(stream);
            return Choose(document.RootElement, summaryPath, model, artifactType, layer, k);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AuditInputException($"ablate --from: '{summaryPath}' could not be read ({e.Message.TrimEnd('.')}); expected summary.json as 'run' writes it.", e);
        }
    }

    private static AblationChoice Choose(JsonElement root, string summaryPath, string model, string? artifactType, string? layer, int? k)
    {
        JsonElement[] models = [.. root.GetProperty("models").EnumerateArray()];
        JsonElement found = models.FirstOrDefault(m => m.GetProperty("model").GetString() == model);
        if (found.ValueKind != JsonValueKind.Object)
        {
            throw new AuditInputException($"ablate --from: the run audited no model '{model}'; expected one of {List(models.Select(m => m.GetProperty("model").GetString()!))}.");
        }

        if (!found.TryGetProperty("trace", out JsonElement trace) || trace.ValueKind != JsonValueKind.Object)
        {
            throw new AuditInputException($"ablate --from: '{summaryPath}' has no trace result for model '{model}'; expected a run of a spec with a \"trace\" section.");
        }

        TraceRow[] rows = [.. trace.GetProperty("rows").EnumerateArray().Select(r => ReadRow(model, r))];
        TraceLayer[] layers = [.. trace.GetProperty("layers").EnumerateArray().Select(ReadLayer)];
        string[] types = [.. layers.Select(l => l.ArtifactType).Distinct(StringComparer.Ordinal)];
        if (types.Length == 0)
        {
            throw new AuditInputException($"ablate --from: the trace of model '{model}' has no traced layer; expected a run whose trace ranked channels.");
        }

        string type = artifactType ?? (types.Length == 1
            ? types[0]
            : throw new AuditInputException($"ablate --from: the trace of model '{model}' covers artifact types {List(types)}; expected --artifact naming one."));
        if (!types.Contains(type, StringComparer.Ordinal))
        {
            throw new AuditInputException($"ablate --from: artifact type '{type}' was not traced for model '{model}'; expected one of {List(types)}.");
        }

        TraceLayer[] ofType = [.. layers.Where(l => l.ArtifactType == type)];
        if (layer is not null && !ofType.Any(l => l.Layer == layer))
        {
            throw new AuditInputException($"ablate --from: layer '{layer}' was not traced for model '{model}' and '{type}'; expected one of {List(ofType.Select(l => l.Layer))}.");
        }

        if (k is not null && layer is null)
        {
            throw new AuditInputException("ablate --from: --k needs --layer (the ranks are per layer); expected both, or neither to take the largest gap.");
        }

        string reason;
        TraceLayer chosen;
        int count;
        if (k is int given)
        {
            chosen = ofType.Single(l => l.Layer == layer);
            if (given < 1 || given > chosen.RankedChannels.Count)
            {
                throw new AuditInputException($"ablate --from: --k {given.ToString(CultureInfo.InvariantCulture)} for {chosen.Layer}, which has {Int(chosen.RankedChannels.Count)} ranked channel(s) in the run; expected 1 to {Int(chosen.RankedChannels.Count)}.");
            }

            count = given;
            reason = $"--layer {chosen.Layer} --k {Int(given)} as given";
        }
        else
        {
            TraceGap? gap = layer is null ? TraceGap.Largest(rows, type) : TraceGap.Largest(rows, type, layer);
            string where = layer is null ? "any traced layer" : layer;
            if (gap is null || !gap.BeatsRandom)
            {
                throw new AuditInputException($"ablate --from: at no k do the selective channels of {where} beat every random draw for '{type}' (intervals overlap); expected a trace that found carrier channels, or --layer and --k to ablate anyway.");
            }

            chosen = ofType.Single(l => l.Layer == gap.Layer);
            if (gap.K > chosen.RankedChannels.Count)
            {
                throw new AuditInputException($"ablate --from: the largest gap of {chosen.Layer} is at k {Int(gap.K)}, but the run ranked only {Int(chosen.RankedChannels.Count)} channel(s); expected --k at most that.");
            }

            count = gap.K;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"largest gap: at k {gap.K} the top channels of {gap.Layer} recover {gap.Selective.RecoveredShare:0.###} [{gap.Selective.CiLow:0.###}, {gap.Selective.CiHigh:0.###}], random draws at most {gap.Random.Max(r => r.CiHigh):0.###} (gap {gap.Gap:0.###})");
        }

        string path = found.GetProperty("modelPath").GetString()!;
        CheckModelFile(root, model, path);
        return new AblationChoice(model, path, type, chosen.Layer, chosen.ChannelCount, count, [.. chosen.RankedChannels.Take(count)], reason);
    }

    /// <summary>The channels were ranked on the model the run audited: a model file changed since is refused.</summary>
    private static void CheckModelFile(JsonElement root, string model, string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"ablate --from: model '{model}' of the run was '{path}', which does not exist any more; expected the file the run audited.");
        }

        string? recorded = null;
        if (root.TryGetProperty("provenance", out JsonElement provenance) && provenance.ValueKind == JsonValueKind.Object)
        {
            recorded = provenance.GetProperty("models").EnumerateArray().FirstOrDefault(m => m.GetProperty("model").GetString() == model) is { ValueKind: JsonValueKind.Object } entry
                ? entry.GetProperty("sha256").GetString()
                : null;
        }

        if (recorded is not null)
        {
            using FileStream stream = File.OpenRead(path);
            string actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase))
            {
                throw new AuditInputException($"ablate --from: model file '{path}' has SHA-256 {actual}, but the run audited {recorded}; expected the unchanged file the channels were ranked on.");
            }
        }
    }

    private static TraceRow ReadRow(string model, JsonElement row) => new(
        model,
        row.GetProperty("artifactType").GetString()!,
        row.GetProperty("layer").GetString()!,
        row.GetProperty("selection").GetString() switch
        {
            "selective" => TraceSelection.Selective,
            "random" => TraceSelection.Random,
            "region" => TraceSelection.Region,
            "outside" => TraceSelection.Outside,
            string other => throw new FormatException($"unknown trace selection '{other}'"),
            null => throw new FormatException("a trace row without selection"),
        },
        row.GetProperty("k").GetInt32(),
        row.GetProperty("draw").GetInt32(),
        row.GetProperty("pairs").GetInt32(),
        Number(row.GetProperty("recoveredShare")),
        Number(row.GetProperty("ciLow")),
        Number(row.GetProperty("ciHigh")),
        row.GetProperty("pairsLeftOut").GetInt32());

    private static TraceLayer ReadLayer(JsonElement layer) => new(
        layer.GetProperty("artifactType").GetString()!,
        layer.GetProperty("layer").GetString()!,
        layer.GetProperty("channelCount").GetInt32(),
        [.. layer.GetProperty("rankedChannels").EnumerateArray().Select(c => c.GetInt32())]);

    // summary.json writes NaN (no data) as null.
    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
