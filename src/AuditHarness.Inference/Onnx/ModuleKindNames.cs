namespace AuditHarness.Inference.Onnx;

/// <summary>Short lowercase names of <see cref="ModuleKind"/> for listings and reports.</summary>
public static class ModuleKindNames
{
    public static string ToDisplayName(this ModuleKind kind) => kind switch
    {
        ModuleKind.Conv => "conv",
        ModuleKind.Block => "block",
        ModuleKind.Attention => "attention",
        ModuleKind.Pool => "pool",
        ModuleKind.Upsample => "upsample",
        ModuleKind.Concat => "concat",
        ModuleKind.Head => "head",
        ModuleKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
