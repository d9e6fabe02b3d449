namespace AuditHarness.Engine.Tracing;

/// <summary>
/// What <c>ablate --from RUN</c> ablates: the run's model file (its SHA-256 checked against the run's), the layer and
/// its top <paramref name="K"/> ranked channels, and why they were chosen.
/// </summary>
/// <param name="ModelPath">The audited model's file, as the run recorded it.</param>
/// <param name="Channels">The top <paramref name="K"/> of the layer's ranked channels, most selective first.</param>
/// <param name="Reason">One line saying how the layer and k were chosen, with the numbers behind the choice.</param>
public sealed record AblationChoice(string Model, string ModelPath, string ArtifactType, string Layer, int ChannelCount, int K, IReadOnlyList<int> Channels, string Reason);
