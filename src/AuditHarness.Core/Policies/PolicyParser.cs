using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Policies;

/// <summary>Builds a <see cref="Policy"/> from a JSON object, recording shape errors; the result is meaningful only without critical errors.</summary>
internal static class PolicyParser
{
    public static Policy Read(JsonObjectReader reader)
    {
        reader.AllowSchemaProperty();
        string name = reader.String(PolicyOptions.Name) ?? string.Empty;
        string? description = reader.String(PolicyOptions.Description);
        IReadOnlyList<JsonObjectReader?> checkReaders = reader.ObjectList(PolicyOptions.Checks) ?? [];
        reader.RejectUnknownProperties();

        List<PolicyCheck> checks = [];
        foreach (JsonObjectReader? check in checkReaders)
        {
            if (check is not null)
            {
                checks.Add(ReadCheck(check));
            }
        }

        return new Policy(name, description, checks);
    }

    private static PolicyCheck ReadCheck(JsonObjectReader reader)
    {
        PolicyCheck check = new(
            Id: reader.String(PolicyOptions.CheckId) ?? string.Empty,
            Metric: reader.Enum<MetricKind>(PolicyOptions.CheckMetric) ?? MetricKind.ScoreShift,
            ArtifactTypes: reader.StringList(PolicyOptions.CheckArtifactTypes),
            Layer: reader.String(PolicyOptions.CheckLayer),
            Threshold: reader.Number(PolicyOptions.CheckThreshold),
            Direction: reader.Enum<ThresholdDirection>(PolicyOptions.CheckDirection) ?? ThresholdDirection.Max,
            Description: reader.String(PolicyOptions.CheckDescription))
        {
            RegressionTolerance = reader.Number(PolicyOptions.CheckRegressionTolerance),
            OnNoData = reader.Enum<NoDataVerdict>(PolicyOptions.CheckOnNoData) ?? NoDataVerdict.Inconclusive,
            Rationale = reader.String(PolicyOptions.CheckRationale),
        };
        reader.RejectUnknownProperties();
        return check;
    }
}
