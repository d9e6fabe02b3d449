namespace AuditHarness.Core.Specs;

/// <summary>Which placebo control a pair gets: the spec's <c>placebo.mode</c>.</summary>
public enum PlaceboMode
{
    /// <summary>The mask's shape moved onto neutral background of the same image; pairs where it does not fit have no control.</summary>
    Shifted,

    /// <summary>
    /// The mask, where it is, removed from another image of the dataset (a host) that lacks this artifact type:
    /// the placebo effect is the host's change, what the removal does where there is nothing to remove.
    /// </summary>
    Transplant,

    /// <summary>Shifted where it fits, transplanted where no shifted placement fits (e.g. artifacts that span the image).</summary>
    Auto,
}
