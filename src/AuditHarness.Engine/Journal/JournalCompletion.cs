namespace AuditHarness.Engine.Journal;

/// <summary>The last line of a finished run's journal: the verdict, so a resumed finished run can exit with its code without redoing work.</summary>
/// <param name="Verdict">The audit's verdict, upper case (<c>PASS</c>, <c>WARN</c>, <c>FAIL</c>).</param>
/// <param name="Broken">Whether a model's error rate exceeded the spec's maximum.</param>
public sealed record JournalCompletion(string Verdict, bool Broken);
