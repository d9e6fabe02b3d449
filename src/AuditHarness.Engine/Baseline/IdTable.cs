namespace AuditHarness.Engine.Baseline;

/// <summary>
/// Strings (a run's pair ids, or its resampling clusters) each held once and numbered in order of first appearance, so
/// that every check of a run refers to them by number instead of holding its own copies.
/// </summary>
public sealed class IdTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    public int Count => _ids.Count;

    public string this[int number] => _ids[number];

    /// <summary>The number of <paramref name="id"/>, given it now when it is new.</summary>
    public int Add(string id)
    {
        if (!_index.TryGetValue(id, out int number))
        {
            number = _ids.Count;
            _index.Add(id, number);
            _ids.Add(id);
        }

        return number;
    }

    /// <summary>The number of <paramref name="id"/>; -1 when it is not in the table.</summary>
    public int NumberOf(string id) => _index.TryGetValue(id, out int number) ? number : -1;
}
