namespace AuditHarness.Core.Specs;

/// <summary>What a model is in an audit (spec <c>models[].role</c>): the model being judged, or a control of known behaviour.</summary>
public enum ModelRole
{
    /// <summary>The model under audit: its verdict decides the audit's verdict and exit code.</summary>
    Audited,

    /// <summary>
    /// A known-bad or known-good control (e.g. a detector trained on a shortcut) that shows the audit can tell the
    /// difference: its verdict is reported, marked as reference, but decides nothing.
    /// </summary>
    Reference,
}
