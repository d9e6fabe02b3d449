namespace AuditHarness.Core.Specs;

/// <summary>The synthetic artifacts the harness can draw (kebab-case in spec files).</summary>
public enum InsertedArtifactType
{
    /// <summary>Text (<c>text</c>) drawn over the image, e.g. a hospital name.</summary>
    Watermark,

    /// <summary>A measuring ruler with ticks along an edge.</summary>
    Ruler,

    /// <summary>An image (<c>logo</c>) pasted onto the image.</summary>
    Logo,
}
