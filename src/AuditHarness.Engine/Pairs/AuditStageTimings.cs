using System.Diagnostics;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// Wall time per stage of an audit run, collected from every worker (thread-safe), so a user can see where a
/// run's time goes (<c>run --timings</c>). Each stage keeps one sample per pair: a stage that runs several times
/// in one pair (one prediction per variant) is summed into that pair's sample by <see cref="PairScope"/>.
/// </summary>
public sealed class AuditStageTimings
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<double>> _samples = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Stage names in the order they were first seen, with the median milliseconds per pair and the sample count.</summary>
    public IReadOnlyList<(string Stage, double MedianMs, double TotalMs, int Pairs)> Summary()
    {
        lock (_gate)
        {
            return [.. _order.Select(s =>
            {
                List<double> values = _samples[s];
                double[] sorted = [.. values.Order()];
                double median = sorted.Length == 0 ? 0
                    : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
                    : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
                return (s, median, values.Sum(), values.Count);
            })];
        }
    }

    /// <summary>Adds one sample to a stage directly (used for work that is per pair already, such as writing its rows).</summary>
    public void Add(string stage, double milliseconds)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(stage, out List<double>? list))
            {
                _samples[stage] = list = [];
                _order.Add(stage);
            }

            list.Add(milliseconds);
        }
    }

    /// <summary>Starts collecting one pair's stages on the calling thread; disposing adds the pair's sums.</summary>
    public PairScope StartPair() => new(this);

    /// <summary>One pair's stage times, summed per stage name until disposed. Not thread-safe: one per worker and pair.</summary>
    public sealed class PairScope(AuditStageTimings owner) : IDisposable
    {
        private readonly List<(string Stage, double Ms)> _sums = [];

        public void Add(string stage, double milliseconds)
        {
            int index = _sums.FindIndex(s => s.Stage == stage);
            if (index < 0)
            {
                _sums.Add((stage, milliseconds));
            }
            else
            {
                _sums[index] = (stage, _sums[index].Ms + milliseconds);
            }
        }

        public T Time<T>(string stage, Func<T> action)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                return action();
            }
            finally
            {
                Add(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        public void Dispose()
        {
            foreach ((string stage, double ms) in _sums)
            {
                owner.Add(stage, ms);
            }
        }
    }
}
