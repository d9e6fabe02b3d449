namespace AuditHarness.Engine.Init;

/// <summary>What <c>init</c> found and wrote, for the host to print.</summary>
/// <param name="ModelSummary">One line on the model: file, head, input size, classes.</param>
/// <param name="ClassNames">The model's class names by index.</param>
/// <param name="ImageCount">Images found in the folder.</param>
/// <param name="Problems">One line per image left out (unreadable, no mask or label, a bad mask or label file).</param>
/// <param name="PairCount">Pairs the audit will run.</param>
/// <param name="Mode">insertion, masks or labels.</param>
/// <param name="Written">The files written, absolute paths, the spec first.</param>
public sealed record InitResult(
    string ModelSummary,
    IReadOnlyDictionary<int, string> ClassNames,
    int ImageCount,
    IReadOnlyList<string> Problems,
    int PairCount,
    string Mode,
    IReadOnlyList<string> Written)
{
    public string SpecPath => Written[0];
}
