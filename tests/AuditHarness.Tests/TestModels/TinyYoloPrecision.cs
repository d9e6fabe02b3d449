namespace AuditHarness.Tests.TestModels;

/// <summary>How a tiny test detector stores its tensors.</summary>
public enum TinyYoloPrecision
{
    /// <summary>Float32 everywhere.</summary>
    Float32,

    /// <summary>Input <c>images</c> and output <c>output0</c> are float16, as an Ultralytics <c>half=True</c> export; Cast nodes convert inside.</summary>
    Float16,

    /// <summary>
    /// Modules 1 and 2 run their convolutions as DynamicQuantizeLinear + ConvInteger with the node and tensor
    /// names <c>onnxruntime.quantization.quantize_dynamic</c> gives them.
    /// </summary>
    Int8Dynamic,
}
