using System.Globalization;

namespace AuditHarness.Core.Annotations;

/// <summary>
/// The annotation classes that are artifacts (<c>dataset.artifactClasses</c>, <c>init --artifact-classes</c>): each a
/// class name (<c>ruler</c>, matched without regard to case) or a class index (<c>3</c>: a YOLO class id or a COCO
/// category id). Every shape of one of them is drawn into the mask; the other classes (the lesion, say) are not.
/// </summary>
public sealed class ArtifactClasses
{
    private readonly HashSet<int> _indices = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public ArtifactClasses(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        foreach (string entry in entries)
        {
            if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                _indices.Add(index);
            }
            else
            {
                _names.Add(entry.Trim());
            }
        }
    }

    public IReadOnlyList<string> Entries { get; }

    /// <summary>Whether any entry is a name, which needs the class names of the labels to resolve.</summary>
    public bool HasNames => _names.Count > 0;

    public IEnumerable<string> Names => _names;

    public bool Matches(int index, string? name) => _indices.Contains(index) || (name is not null && _names.Contains(name));

    public override string ToString() => string.Join(", ", Entries);
}
