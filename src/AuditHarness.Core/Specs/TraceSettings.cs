namespace AuditHarness.Core.Specs;

/// <summary>
/// The spec's <c>trace</c> section (causal tracing, off when absent): which layers to trace, the channel counts k of
/// the selective and random patches, the random draws per k, how many measurement pairs, and the seed of the
/// selection / measurement split and of the random channels.
/// </summary>
/// <param name="Layers">Modules (<c>model.N</c>) to trace, each also a tap of the run (the pairs carry its channel selectivity).</param>
/// <param name="K">Channel counts to patch, ascending and distinct; <see cref="AllChannels"/> stands for every channel of the layer.</param>
/// <param name="RandomDraws">Random channel sets drawn per k (the control).</param>
/// <param name="Pairs">The most affected measurement pairs to trace; <see cref="AllPairs"/> for every one.</param>
/// <param name="Seed">Seed of the split and the random draws.</param>
public sealed record TraceSettings(IReadOnlyList<string> Layers, IReadOnlyList<int> K, int RandomDraws, int Pairs, int Seed)
{
    /// <summary>The value of k (written <c>"all"</c>) that patches every channel of the layer.</summary>
    public const int AllChannels = int.MaxValue;

    /// <summary>The value of <see cref="Pairs"/> (written <c>"all"</c>) that traces every measurement pair.</summary>
    public const int AllPairs = int.MaxValue;

    /// <summary>The default k: 1, 2, 4, 8, 16, 32 and all.</summary>
    public static IReadOnlyList<int> DefaultK { get; } = [1, 2, 4, 8, 16, 32, AllChannels];
}
