namespace AuditHarness.Core.Statistics;

/// <summary>The alternative hypothesis of a paired test about the differences x - y.</summary>
public enum Alternative
{
    /// <summary>The differences are not centred on zero.</summary>
    TwoSided,

    /// <summary>x tends to exceed y (for an audit: the artifact changes the model more than the placebo does).</summary>
    Greater,

    /// <summary>x tends to fall below y.</summary>
    Less,
}
