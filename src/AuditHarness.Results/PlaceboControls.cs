namespace AuditHarness.Results;

/// <summary>
/// How the placebo control of a pair is named in every output (pairs.csv, summary.csv, summary.json, junit.xml, the
/// report): the shape moved within the image, the mask removed from another image (a host), or no control at all.
/// </summary>
public static class PlaceboControls
{
    public const string None = "none";

    public const string Shifted = "shifted";

    public const string Transplant = "transplant";
}
