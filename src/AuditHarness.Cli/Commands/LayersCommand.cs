using System.CommandLine;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>layers</c>: one row per module <c>model.N</c> with its output tensor, the shape it has at the model's input
/// size (measured by tapping every module on one blank image), its node count and a guessed kind.
/// </summary>
public static class LayersCommand
{
    public static Command Create()
    {
        Option<FileInfo> model = CommonOptions.Model();
        var command = new Command("layers", "List the modules of a YOLO export that can be tapped, with output tensors and shapes.")
        {
            model,
        };
        command.SetAction(parse => CommandGuard.Run(
            parse.GetValue(CommonOptions.Verbose), () => Execute(parse.GetRequiredValue(model).FullName)));
        return command;
    }

    public static int Execute(string modelPath)
    {
        OpenCvRuntime.EnsureLoaded();
        OnnxModelGraph graph = OnnxModelGraph.Load(modelPath);
        ModuleCatalog catalog = ModuleCatalog.Build(graph);
        var options = new YoloModelOptions { Taps = [.. catalog.Modules.Select(m => m.Name)] };
        using YoloModel model = YoloModel.Create(graph, Path.GetFileName(modelPath), options);
        IReadOnlyList<IReadOnlyList<int>> shapes = model.MeasureTapShapes();

        var rows = new List<string[]> { new[] { "module", "kind", "nodes", "shape", "output tensor" } };
        for (int i = 0; i < catalog.Modules.Count; i++)
        {
            ModuleInfo module = catalog.Modules[i];
            string shape = "[" + string.Join(",", shapes[i]) + "]";
            rows.Add([module.Name, module.Kind.ToString().ToLowerInvariant(), module.NodeCount.ToString(System.Globalization.CultureInfo.InvariantCulture), shape, module.OutputTensor]);
        }

        Console.WriteLine($"{Path.GetFileName(modelPath)}: {catalog.Modules.Count} modules, input [1,3,{model.InputHeight},{model.InputWidth}], {model.Family} head");
        int[] widths = [.. Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length))];
        foreach (string[] row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        return ExitCodes.Success;
    }
}
