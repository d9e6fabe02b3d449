namespace AuditHarness.Engine.Init;

/// <summary>What <c>init</c> learnt from loading the model once.</summary>
/// <param name="Pool">The first pooling module (SPPF), which the starter policy's layer check reads; null when the model has none.</param>
internal sealed record StarterModel(string Summary, IReadOnlyDictionary<int, string> Names, string? Pool, string Family, int InputWidth, int InputHeight);
