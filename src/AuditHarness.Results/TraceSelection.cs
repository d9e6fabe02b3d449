namespace AuditHarness.Results;

/// <summary>Which activations of a traced layer a row of <c>trace.csv</c> patched.</summary>
public enum TraceSelection
{
    /// <summary>The k channels ranked most artifact-selective on the selection half of the pairs.</summary>
    Selective,

    /// <summary>k channels drawn at random from the layer (the control; one row per draw).</summary>
    Random,

    /// <summary>Every channel, only inside the artifact's region of the layer grid.</summary>
    Region,

    /// <summary>Every channel, only outside the artifact's region of the layer grid.</summary>
    Outside,
}
