using System.Text.RegularExpressions;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Policies;

/// <summary>Checks a parsed <see cref="Policy"/>: unique ids, layers where needed and only there, thresholds in range.</summary>
public static partial class PolicyValidator
{
    /// <param name="policy">The policy to check.</param>
    /// <param name="source">The file named at the start of each message.</param>
    /// <param name="fieldPrefix">Prefix of field paths, e.g. <c>policy.</c> for a policy written inside a spec.</param>
    public static IReadOnlyList<ValidationError> Validate(Policy policy, string source, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ValidationSink sink = new(source);
        if (policy.Checks.Count == 0)
        {
            sink.Critical(fieldPrefix + "checks", $"{fieldPrefix}checks must list at least one check.");
        }

        Dictionary<string, int> firstIndexOfId = new(StringComparer.Ordinal);
        for (int i = 0; i < policy.Checks.Count; i++)
        {
            ValidateCheck(policy.Checks[i], $"{fieldPrefix}checks[{i}].", sink);
            string id = policy.Checks[i].Id;
            if (!firstIndexOfId.TryAdd(id, i))
            {
                sink.Critical($"{fieldPrefix}checks[{i}].id", $"{fieldPrefix}checks[{i}].id '{id}' is already used by {fieldPrefix}checks[{firstIndexOfId[id]}].");
            }
        }

        return sink.Errors;
    }

    private static void ValidateCheck(PolicyCheck check, string prefix, ValidationSink sink)
    {
        if (!IdPattern().IsMatch(check.Id))
        {
            sink.Critical(prefix + "id", $"{prefix}id '{check.Id}' must start with a letter or digit and use only letters, digits, '.', '_' and '-'.");
        }

        MetricDefinition definition = check.Metric.Definition();
        string metric = definition.Name;
        if (check.ArtifactTypes.Count == 0)
        {
            sink.Critical(prefix + "artifactTypes", $"{prefix}artifactTypes must list at least one artifact type, or \"*\" for all.");
        }

        else if (check.ArtifactTypes.Count > 1 && check.ArtifactTypes.Contains(PolicyCheck.AllArtifactTypes, StringComparer.Ordinal))
        {
            sink.Critical(prefix + "artifactTypes", $"{prefix}artifactTypes lists \"*\" with other types; \"*\" already means every type, so list it alone.");
        }

        foreach (string duplicate in check.ArtifactTypes.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            sink.Warning(prefix + "artifactTypes", $"{prefix}artifactTypes lists '{duplicate}' more than once.");
        }

        if (definition.NeedsLayer && check.Layer is null)
        {
            sink.Critical(prefix + "layer", $"{prefix}layer is required for metric {metric}; name a tapped layer such as model.6.");
        }
        else if (!definition.NeedsLayer && check.Layer is not null)
        {
            string layerMetrics = string.Join(", ", MetricCatalog.All.Where(m => m.NeedsLayer).Select(m => m.Name));
            sink.Critical(prefix + "layer", $"{prefix}layer applies only to the layer metrics {layerMetrics}; metric {metric} is not one.");
        }

        if (!double.IsFinite(check.Threshold))
        {
            sink.Critical(prefix + "threshold", $"{prefix}threshold must be a finite number.");
        }
        else if (definition.BoundedByOne && Math.Abs(check.Threshold) > 1)
        {
            sink.Critical(prefix + "threshold", $"{prefix}threshold must be between -1 and 1 for metric {metric} (rates are fractions: 0.02 is 2 %); got {SpecOption.Format(check.Threshold)}.");
        }

        if (!double.IsFinite(check.RegressionTolerance) || check.RegressionTolerance < 0)
        {
            sink.Critical(prefix + "regressionTolerance", $"{prefix}regressionTolerance must be a finite number of 0 or more (how far the reliance may worsen against a baseline); got {SpecOption.Format(check.RegressionTolerance)}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}
