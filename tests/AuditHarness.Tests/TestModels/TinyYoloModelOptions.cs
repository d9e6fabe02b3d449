namespace AuditHarness.Tests.TestModels;

/// <summary>What <see cref="TinyYoloModelBuilder.Build"/> should make; every property has a usable default.</summary>
public sealed record TinyYoloModelOptions
{
    public TinyYoloFamily Family { get; init; } = TinyYoloFamily.EndToEnd;

    public TinyYoloPrecision Precision { get; init; } = TinyYoloPrecision.Float32;

    /// <summary>Input height in pixels (H of NCHW); a multiple of 32 like Ultralytics exports.</summary>
    public int InputHeight { get; init; } = 320;

    /// <summary>Input width in pixels (W of NCHW).</summary>
    public int InputWidth { get; init; } = 320;

    /// <summary>Declare the input as <c>['batch', 3, 'height', 'width']</c> instead of fixed dims.</summary>
    public bool DynamicInput { get; init; }

    /// <summary>Class names, written to the <c>names</c> metadata; their count sets the class count of the output.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = ["person", "bus"];

    /// <summary>
    /// The value of <c>output0</c>, row-major in the family's layout; its length sets the row/anchor count.
    /// Null gives zeros: 300 rows for <see cref="TinyYoloFamily.EndToEnd"/>, one anchor per grid cell at
    /// strides 8, 16 and 32 otherwise.
    /// </summary>
    public float[]? Output0 { get; init; }

    /// <summary>
    /// Metadata overrides applied over the Ultralytics-style defaults: a value replaces the default, a null
    /// value removes the key.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Metadata { get; init; } = new Dictionary<string, string?>();
}
