namespace AuditHarness.Core.Specs;

/// <summary>
/// A path written in a spec or policy file: the text as written (for messages) and the absolute path it
/// resolves to against the folder of the file that contains it.
/// </summary>
/// <param name="Text">The path as written in the file.</param>
/// <param name="FullPath">The absolute path.</param>
public sealed record SpecPath(string Text, string FullPath)
{
    /// <summary>Resolves <paramref name="text"/> against <paramref name="baseFolder"/> (an absolute path stays as it is).</summary>
    public static SpecPath Resolve(string text, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SpecPath(text, Path.GetFullPath(Path.Combine(baseFolder, text)));
    }

    public override string ToString() => Text;
}
