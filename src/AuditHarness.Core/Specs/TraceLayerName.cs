using System.Text.RegularExpressions;

namespace AuditHarness.Core.Specs;

/// <summary>What a traced layer may be called: a module, <c>model.N</c> (a tracer cuts the graph after a module, not after any tensor).</summary>
public static partial class TraceLayerName
{
    public static bool IsModule(string name) => Module().IsMatch(name);

    [GeneratedRegex(@"^model\.[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Module();
}
