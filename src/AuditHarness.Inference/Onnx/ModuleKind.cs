namespace AuditHarness.Inference.Onnx;

/// <summary>What a network module does, guessed from its node names and operators; shown in layer listings.</summary>
public enum ModuleKind
{
    /// <summary>A single convolution with its activation (Ultralytics <c>Conv</c>).</summary>
    Conv,

    /// <summary>A composite block with sub-modules or a channel split (C2f, C3k2, Bottleneck, ...).</summary>
    Block,

    /// <summary>A block with self-attention (C2PSA, PSA, attention C3k2, ...).</summary>
    Attention,

    /// <summary>Max pooling (SPPF, SPP).</summary>
    Pool,

    /// <summary>Upsampling (Resize).</summary>
    Upsample,

    /// <summary>Concatenation of earlier feature maps.</summary>
    Concat,

    /// <summary>The detection head: the last module or one producing a graph output.</summary>
    Head,

    /// <summary>Anything not recognised above.</summary>
    Other,
}
