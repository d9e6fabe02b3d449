using System.Globalization;
using System.Text.RegularExpressions;
using AuditHarness.Core.Errors;

namespace AuditHarness.Inference.Onnx;

/// <summary>
/// Turns taps as users write them into graph tensors: <c>model.N</c>, the PyTorch paths
/// <c>model.model.model[N]</c> and <c>model.model[N]</c>, or a raw tensor name of the graph.
/// </summary>
public sealed partial class TapResolver
{
    private readonly ModuleCatalog catalog;

    public TapResolver(ModuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
    }

    /// <summary>Resolves one tap; a module name wins over a tensor of the same name.</summary>
    /// <exception cref="AuditInputException">The tap names neither a module nor a tensor of the graph.</exception>
    public ResolvedTap Resolve(string tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        var trimmed = tap.Trim();
        if (trimmed.Length == 0)
        {
            throw new AuditInputException(
                $"Tap '{tap}' is empty; expected model.N, model.model.model[N] or a tensor name of the model.");
        }

        if (ModuleIndexOf(trimmed) is { } index && catalog.Find(ModuleCatalog.ModuleName(index)) is { } module)
        {
            return new ResolvedTap(tap, module.OutputTensor, module.Name);
        }

        if (catalog.Graph.HasTensor(tap))
        {
            return new ResolvedTap(tap, tap, null);
        }

        if (catalog.Graph.HasTensor(trimmed))
        {
            return new ResolvedTap(tap, trimmed, null);
        }

        throw new AuditInputException($"Tap '{tap}' matches no module ({DescribeModules()}) and no tensor name.");
    }

    /// <summary>
    /// Resolves taps in order; a tap whose tensor an earlier tap already resolved to is dropped, so
    /// <c>model.9</c> and <c>model.model.model[9]</c> together give one entry (the first).
    /// </summary>
    public IReadOnlyList<ResolvedTap> ResolveAll(IEnumerable<string> taps)
    {
        ArgumentNullException.ThrowIfNull(taps);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var resolved = new List<ResolvedTap>();
        foreach (var tap in taps)
        {
            var one = Resolve(tap);
            if (seen.Add(one.TensorName))
            {
                resolved.Add(one);
            }
        }

        return resolved;
    }

    private static int? ModuleIndexOf(string tap)
    {
        var match = ModuleTap().Match(tap);
        if (!match.Success)
        {
            return null;
        }

        var digits = match.Groups["dot"].Success ? match.Groups["dot"].Value : match.Groups["bracket"].Value;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private string DescribeModules()
    {
        var modules = catalog.Modules;
        return modules.Count switch
        {
            0 => "the model has no model.N modules",
            1 => $"the model has only {modules[0].Name}",
            _ => $"the model has {modules[0].Name} … {modules[^1].Name}",
        };
    }

    [GeneratedRegex(@"^(?:model\.(?<dot>\d+)|model(?:\.model){1,2}\[(?<bracket>\d+)\])$")]
    private static partial Regex ModuleTap();
}
