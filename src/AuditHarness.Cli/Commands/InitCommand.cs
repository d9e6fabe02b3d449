using System.CommandLine;
using AuditHarness.Engine.Init;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>init</c>: a starter spec and policy for the user's own model and images (<see cref="AuditInitializer"/>); prints
/// what it found, what it wrote and the one command that runs the audit.
/// </summary>
public static class InitCommand
{
    public static Command Create()
    {
        Option<FileInfo> model = CommonOptions.Model();
        var images = new Option<string>("--images", "-i")
        {
            Description = "Folder of images: artifact-free ones (the harness draws the artifact), or the ones --masks or --labels annotate.",
            Required = true,
        };
        var artifact = new Option<string?>("--artifact", "-a")
        {
            Description = $"Without --masks/--labels: the artifact drawn onto the images, one of {string.Join(", ", AuditInitializer.InsertableTypes)} (default ruler). With them: the artifact type the pairs get (default: the one artifact class, else 'artifact').",
        };
        var masks = new Option<string?>("--masks")
        {
            Description = "Folder of PNG masks (255 = artifact) named like the images (a.jpg -> a.png); writes a manifest.",
        };
        var labels = new Option<string?>("--labels")
        {
            Description = "Folder of YOLO label files (a.jpg -> a.txt; boxes or polygons) or a COCO .json; needs --artifact-classes; writes a manifest.",
        };
        var artifactClasses = new Option<string?>("--artifact-classes")
        {
            Description = "With --labels: the annotation classes that are artifacts, by name or index, comma-separated (ruler,ink).",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The spec to write (the policy, a manifest or a starter logo go beside it); default <model name>.audit.json here.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Overwrite the spec, policy, manifest or logo if they exist.",
        };
        var logo = new Option<string?>("--logo")
        {
            Description = "With --artifact logo: the logo to paste (a PNG's alpha is its shape); default a starter logo written beside the spec.",
        };

        var command = new Command("init", "Write a starter audit spec and policy for your own model and images, after checking the model loads and the images read.")
        {
            model, images, artifact, masks, labels, artifactClasses, output, force, logo,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () =>
        {
            string modelPath = parse.GetRequiredValue(model).FullName;
            return Execute(new InitRequest(
                modelPath,
                parse.GetRequiredValue(images),
                parse.GetValue(artifact),
                parse.GetValue(masks),
                parse.GetValue(labels),
                CommonOptions.SplitList(parse.GetValue(artifactClasses)),
                parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(modelPath) + ".audit.json",
                parse.GetValue(force),
                parse.GetValue(logo)));
        }));
        return command;
    }

    public static int Execute(InitRequest request)
    {
        InitResult result = AuditInitializer.Run(request);
        Console.WriteLine($"model: {result.ModelSummary}");
        if (result.ClassNames.Count > 0)
        {
            Console.WriteLine($"classes: {string.Join(", ", result.ClassNames.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
        }

        int left = result.Problems.Count;
        Console.WriteLine($"images: {result.ImageCount} in '{request.Images}', {result.PairCount} pairs ({result.Mode}){(left > 0 ? $", {left} not usable:" : string.Empty)}");
        foreach (string problem in result.Problems)
        {
            Console.WriteLine($"  {problem}");
        }

        foreach (string file in result.Written)
        {
            Console.WriteLine($"wrote {Shown(file)}");
        }

        Console.WriteLine();
        Console.WriteLine("Run the audit with:");
        Console.WriteLine($"  {RunCommandLine(result.SpecPath)}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The command that runs the spec from the current folder: this very executable when it is not on PATH (a build
    /// or <c>dotnet run</c>), else <c>audit-harness</c>.
    /// </summary>
    private static string RunCommandLine(string spec)
    {
        string program = "audit-harness";
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "audit-harness")
        {
            string? folder = Path.GetDirectoryName(process);
            string[] path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            bool onPath = path.Any(p => string.Equals(Path.GetFullPath(p).TrimEnd(Path.DirectorySeparatorChar), folder, StringComparison.Ordinal));
            program = onPath ? program : Quote(process);
        }

        return $"{program} run {Quote(Shown(spec))}";
    }

    private static string Shown(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string Quote(string text) => text.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or ';') ? $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'" : text;
}
