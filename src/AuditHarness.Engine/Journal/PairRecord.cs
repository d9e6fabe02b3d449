using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// What one pair gave one model, as a run journal keeps it: the pair's index in the dataset's pair list, its log rows
/// already formatted, and either its outcome (with the channel selectivities the top-k needs) or its failure.
/// </summary>
/// <param name="Model">Index of the model in the spec.</param>
/// <param name="Pair">0-based index of the pair among the dataset's pairs (the order of the manifest or the originals).</param>
/// <param name="PairId">The pair's id, for messages.</param>
/// <param name="Rows">The pair's rows of <c>pairs.csv</c>, <c>detections.csv</c>, <c>layers.csv</c> and <c>errors.csv</c>.</param>
/// <param name="Outcome">The reduced outcome of a processed pair; null for a failed one.</param>
/// <param name="Failure">Why the pair failed; null for a processed one.</param>
public sealed record PairRecord(int Model, int Pair, string PairId, PairLogRows Rows, PairOutcome? Outcome, PairFailure? Failure);
