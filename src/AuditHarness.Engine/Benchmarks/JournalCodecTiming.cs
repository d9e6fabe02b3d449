namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// What <see cref="JournalCodecBenchmark"/> measured on one journal: its records, its size per record (header and
/// completion included, as a run's journal is), and the median time per record to decode every record and to encode
/// them again, over the rounds.
/// </summary>
public sealed record JournalCodecTiming(int Records, long JournalBytes, int Rounds, double DecodeMicroseconds, double EncodeMicroseconds)
{
    public double BytesPerRecord => Records == 0 ? double.NaN : (double)JournalBytes / Records;
}
