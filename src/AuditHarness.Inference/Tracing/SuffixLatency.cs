namespace AuditHarness.Inference.Tracing;

/// <summary>The median cost of a patched suffix run after one layer against a full forward pass.</summary>
/// <param name="Layer">The layer cut, <c>model.N</c>.</param>
/// <param name="CrossingTensors">Tensors fed to the suffix.</param>
/// <param name="SuffixNodes">Nodes of the suffix graph.</param>
/// <param name="GraphNodes">Nodes of the full graph.</param>
/// <param name="FullMs">Median full forward pass (plain model, input prepared), milliseconds.</param>
/// <param name="SuffixMs">Median patched suffix run (patching half the layer's channels, feeding, running, copying the output out), milliseconds.</param>
public sealed record SuffixLatency(string Layer, int CrossingTensors, int SuffixNodes, int GraphNodes, double FullMs, double SuffixMs)
{
    /// <summary>Suffix run over full pass; below 1 means patching at this layer saves time.</summary>
    public double Ratio => SuffixMs / FullMs;
}
