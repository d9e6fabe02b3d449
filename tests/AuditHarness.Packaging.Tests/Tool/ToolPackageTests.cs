using System.Diagnostics;
using System.IO.Compression;

namespace AuditHarness.Packaging.Tests.Tool;

/// <summary>
/// `dotnet pack` of the CLI gives the .NET tool the README tells a newcomer to install: packed from the solution's
/// build, installed from a local folder into a temporary tool path (through a NuGet config holding only that folder,
/// so it works offline), and run there: <c>--version</c> and a real <c>predict</c>, which needs the native runtimes
/// (ONNX Runtime, OpenCvSharp, SkiaSharp) to have come with the package.
/// </summary>
[TestClass]
public sealed class ToolPackageTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(10); // packing compresses ~170 MB of native libraries
    private static string _folder = null!;
    private static string _package = null!;
    private static string _tool = null!;

    [ClassInitialize]
    public static void PackAndInstall(TestContext context)
    {
        _ = context;
        _folder = Directory.CreateTempSubdirectory("tool-package").FullName;
        string feed = Directory.CreateDirectory(Path.Combine(_folder, "nupkg")).FullName;
        Repository.BuiltCliDll();

        ProcessRun pack = Dotnet(["pack", Repository.PathOf("src/AuditHarness.Cli/AuditHarness.Cli.csproj"), "-c", Repository.Configuration, "--no-build", "-o", feed]);
        Assert.AreEqual(0, pack.ExitCode, $"dotnet pack: {pack}");
        _package = Directory.GetFiles(feed, "AuditHarness.Cli.*.nupkg").Single();

        string config = Path.Combine(_folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        string toolPath = Path.Combine(_folder, "tools");
        ProcessRun install = Dotnet(["tool", "install", "--tool-path", toolPath, "--configfile", config, "AuditHarness.Cli"]);
        Assert.AreEqual(0, install.ExitCode, $"dotnet tool install: {install}");
        _tool = Path.Combine(toolPath, "audit-harness");
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void TheInstalledToolPrintsTheVersionOfTheBuild()
    {
        ProcessRun run = ProcessRun.Start(_tool, ["--version"], _folder, TimeSpan.FromMinutes(2));

        string built = FileVersionInfo.GetVersionInfo(Repository.BuiltCliDll()).ProductVersion!;
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(built, run.Stdout.Trim(), run.ToString());
        StringAssert.StartsWith(run.Stdout, "0.1.0", "the version in Directory.Build.props");
    }

    [TestMethod]
    public void TheInstalledToolPredictsLikeTheBuildItCameFrom()
    {
        string model = Repository.PathOf("datasets/demo-dermoscopy/models/shortcut_e2e.onnx");
        string images = Repository.PathOf("datasets/demo-dermoscopy/audit/images/p000*.jpg");
        string installed = Path.Combine(_folder, "predict-installed");
        string built = Path.Combine(_folder, "predict-built");

        ProcessRun tool = ProcessRun.Start(_tool, ["predict", "--model", model, "--source", images, "--out", installed], _folder, Slow);
        ProcessRun tree = Dotnet([Repository.BuiltCliDll(), "predict", "--model", model, "--source", images, "--out", built]);

        Assert.AreEqual(0, tool.ExitCode, tool.ToString());
        Assert.AreEqual(0, tree.ExitCode, tree.ToString());
        string[] rows = File.ReadAllLines(Path.Combine(installed, "detections.csv"));
        Assert.IsGreaterThan(1, rows.Length, "the demo detector finds something on the first images");
        CollectionAssert.AreEqual(File.ReadAllLines(Path.Combine(built, "detections.csv")), rows);
    }

    [TestMethod]
    public void ThePackageIsAToolCarryingTheLinuxX64NativeLibrariesOnly()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package);
        string[] entries = [.. zip.Entries.Select(e => e.FullName)];
        string[] native = [.. entries.Where(e => e.Contains("/runtimes/", StringComparison.Ordinal))];

        CollectionAssert.Contains(entries, "tools/net10.0/any/DotnetToolSettings.xml");
        CollectionAssert.IsSubsetOf(
            new[] { "libonnxruntime.so", "libOpenCvSharpExtern.so", "libSkiaSharp.so" }.Select(f => $"tools/net10.0/any/runtimes/linux-x64/native/{f}").ToArray(),
            native);
        Assert.IsTrue(native.All(e => e.StartsWith("tools/net10.0/any/runtimes/linux-x64/", StringComparison.Ordinal)), string.Join('\n', native));
    }

    private static ProcessRun Dotnet(IEnumerable<string> arguments) => ProcessRun.Start(
        "dotnet",
        arguments,
        _folder,
        Slow,
        new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
}
