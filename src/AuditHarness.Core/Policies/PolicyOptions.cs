using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Policies;

/// <summary>
/// Every field a policy file accepts, with default, description and limits. The parser and validator read
/// these; <c>audits/policy.schema.json</c> is checked against them by a test.
/// </summary>
public static class PolicyOptions
{
    public static readonly SpecOption Name = new("name", SpecValueKind.String, "Short name of the policy, shown in reports.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption Description = new("description", SpecValueKind.String, "What the policy is for and who owns it.");

    public static readonly SpecOption Checks = new("checks", SpecValueKind.ObjectList, "The checks a model must pass; the overall verdict is the worst of theirs.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption CheckId = new("checks[].id", SpecValueKind.String, "Unique name of the check (letters, digits, '.', '_', '-'), used in reports and JUnit.")
    {
        IsRequired = true,
    };

    public static readonly SpecOption CheckMetric = new("checks[].metric", SpecValueKind.Enum, "The reliance metric measured: artifact effect minus placebo effect.")
    {
        IsRequired = true,
        AllowedValues = MetricCatalog.Names,
    };

    public static readonly SpecOption CheckArtifactTypes = new("checks[].artifactTypes", SpecValueKind.StringList, "Artifact types the check applies to, each judged on its own pairs; \"*\" alone means every artifact type in the data.")
    {
        Default = (IReadOnlyList<string>)[PolicyCheck.AllArtifactTypes],
    };

    public static readonly SpecOption CheckLayer = new("checks[].layer", SpecValueKind.String, "The tapped layer (module or tensor name) for layer metrics; not allowed for the others.");

    public static readonly SpecOption CheckThreshold = new("checks[].threshold", SpecValueKind.Number, "The limit in the metric's unit; rates and shares as fractions (0.02 is 2 %).")
    {
        IsRequired = true,
    };

    public static readonly SpecOption CheckDirection = new("checks[].direction", SpecValueKind.Enum, "max: the value must stay at or below the threshold; min: at or above it.")
    {
        Default = SpecEnum.Name(ThresholdDirection.Max),
        AllowedValues = SpecEnum.Names<ThresholdDirection>(),
    };

    public static readonly SpecOption CheckDescription = new("checks[].description", SpecValueKind.String, "One sentence saying what the check means, shown in reports.");

    public static readonly SpecOption CheckRationale = new("checks[].rationale", SpecValueKind.String, "Why the threshold is where it is (the evidence or argument behind it), printed with the report's acceptance criteria.");

    public static readonly SpecOption CheckRegressionTolerance = new("checks[].regressionTolerance", SpecValueKind.Number, "Against a baseline run: how far the reliance may move in the worse direction (up for max, down for min) before the change counts as a regression; same unit as the threshold.")
    {
        Default = 0.0,
        Minimum = 0.0,
    };

    public static readonly SpecOption CheckOnNoData = new("checks[].onNoData", SpecValueKind.Enum, "The verdict when no pair of an artifact type has both effects (n = 0): inconclusive (fails the gate, exit 1) or warn (passes it).")
    {
        Default = SpecEnum.Name(NoDataVerdict.Inconclusive),
        AllowedValues = SpecEnum.Names<NoDataVerdict>(),
    };

    public static IReadOnlyList<SpecOption> All { get; } =
    [
        Name, Description, Checks, CheckId, CheckMetric, CheckArtifactTypes, CheckLayer, CheckThreshold, CheckDirection, CheckDescription, CheckRationale, CheckRegressionTolerance, CheckOnNoData,
    ];
}
