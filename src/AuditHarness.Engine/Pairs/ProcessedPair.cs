using AuditHarness.Core.Pairs;

namespace AuditHarness.Engine.Pairs;

/// <summary>Everything one pair produced for one model: the log rows' material and the reduced outcome.</summary>
public sealed record ProcessedPair(AuditPair Pair, PairOutcome Outcome, IReadOnlyList<VariantRecord> Variants);
