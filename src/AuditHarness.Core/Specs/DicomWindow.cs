using System.Globalization;

namespace AuditHarness.Core.Specs;

/// <summary>
/// The VOI window applied to DICOM images (<c>dataset.dicom.window</c>): <c>"file"</c> (the default), <c>"minmax"</c>, or
/// <c>{ "center": c, "width": w }</c>. With <c>file</c>, an image that declares no window nor VOI LUT keeps its stored
/// values when they have at most 8 bits (already display values) and gets the min-max window when they have more.
/// </summary>
public sealed record DicomWindow(DicomWindowKind Kind, double Center = 0, double Width = 0)
{
    public static DicomWindow File { get; } = new(DicomWindowKind.File);

    public static DicomWindow MinMax { get; } = new(DicomWindowKind.MinMax);

    public static DicomWindow Explicit(double center, double width) => new(DicomWindowKind.Explicit, center, width);

    /// <summary>As the spec writes it: <c>file</c>, <c>minmax</c> or <c>center 40 width 400</c>.</summary>
    public override string ToString() => Kind switch
    {
        DicomWindowKind.File => "file",
        DicomWindowKind.MinMax => "minmax",
        _ => $"center {Center.ToString("R", CultureInfo.InvariantCulture)} width {Width.ToString("R", CultureInfo.InvariantCulture)}",
    };
}
