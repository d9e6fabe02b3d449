using AuditHarness.Core.IO;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using AuditHarness.Results;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// Writes <c>run-manifest.json</c> into a finished run folder. Call it last, after every other output file is
/// complete: the manifest fingerprints the folder as it is at that moment, and <c>verify</c> reports any file
/// added, changed or removed afterwards.
/// </summary>
public static class RunManifestWriter
{
    /// <summary>Fingerprints the spec's inputs and <paramref name="runFolder"/>, and writes the manifest atomically.</summary>
    /// <param name="spec">The spec the run executed.</param>
    /// <param name="runFolder">The run's output folder (<see cref="AuditSummary.OutputFolder"/>).</param>
    /// <param name="toolVersions">Library versions by name; null records <see cref="ToolVersions.Detect"/>.</param>
    /// <param name="createdUtc">A timestamp to record; left out by default so that the same run gives the same bytes.</param>
    /// <param name="failedExports">Exports that failed: recorded so the run reads as unsealed (<see cref="RunManifest.IsSealed"/>).</param>
    /// <returns>The manifest as written.</returns>
    public static RunManifest Write(
        AuditSpec spec, string runFolder, IReadOnlyDictionary<string, string>? toolVersions = null, DateTimeOffset? createdUtc = null, IReadOnlyList<FailedExport>? failedExports = null)
    {
        if (!File.Exists(Path.Combine(runFolder, InputList.FileName)))
        {
            // A run folder finished without its list (e.g. by a caller of the engine other than the runner): made here.
            PairInputs.Record(spec, PairInputs.AllPairs(spec), runFolder);
        }

        RunManifest manifest = Build(spec, runFolder, toolVersions ?? ToolVersions.Detect(), createdUtc) with { FailedExports = failedExports ?? [] };
        using AtomicFile file = AtomicFile.Create(Path.Combine(runFolder, RunManifest.FileName));
        RunManifestJson.Write(manifest, file.Stream);
        file.Commit();
        return manifest;
    }

    public static RunManifest Build(AuditSpec spec, string runFolder, IReadOnlyDictionary<string, string> toolVersions, DateTimeOffset? createdUtc = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(toolVersions);
        string folder = Path.GetFullPath(runFolder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Run folder '{runFolder}' does not exist.");
        }

        string inputBase = Path.GetDirectoryName(spec.Source.FullPath)!;
        return new RunManifest
        {
            AuditName = spec.Name,
            HarnessVersion = HarnessBuildInfo.Version,
            GitCommit = HarnessBuildInfo.GitCommit,
            Tools = new SortedDictionary<string, string>(toolVersions.ToDictionary(), StringComparer.Ordinal),
            CreatedUtc = createdUtc,
            InputBase = inputBase,
            Inputs = FingerprintInputs(spec, inputBase),
            InputList = File.Exists(Path.Combine(folder, InputList.FileName)) ? InputList.Describe(folder) : null,
            Outputs = FingerprintOutputs(folder),
        };
    }

    /// <summary>The path as stored: relative to <paramref name="inputBase"/> with forward slashes, absolute only across drives.</summary>
    public static string StoredInputPath(string fullPath, string inputBase)
    {
        string relative = Path.GetRelativePath(inputBase, fullPath);
        return Path.IsPathRooted(relative) ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// The inputs <c>run-manifest.json</c> lists itself: spec, policy, models, manifest, class names and logo, each file
    /// once with its roles. The files of the pairs are in <c>inputs.csv</c> (<see cref="PairInputs"/>).
    /// </summary>
    private static List<RecordedInput> FingerprintInputs(AuditSpec spec, string inputBase)
    {
        var roles = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string fullPath, string role)
        {
            if (!roles.TryGetValue(fullPath, out SortedSet<string>? set))
            {
                roles[fullPath] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(role);
        }

        Add(spec.Source.FullPath, "spec");
        if (spec.Policy.File is { } policy)
        {
            Add(policy.FullPath, "policy");
        }

        foreach (AuditedModel model in spec.Models)
        {
            Add(model.Path.FullPath, "model");
        }

        switch (spec.Dataset)
        {
            case ManifestDataset manifest:
                Add(manifest.Manifest.FullPath, "manifest");
                if (manifest.Annotations.ClassNames is { } classNames)
                {
                    Add(classNames.FullPath, "class names");
                }

                break;
            case InsertionDataset insertion when insertion.Artifact.Logo is { } logo:
                Add(logo.FullPath, "logo");
                break;
        }

        string[] paths = [.. roles.Keys];
        FileFingerprint?[] digests = DigestAll(paths, path => ImageFile.IsRegularFile(path) ? FileDigest.Compute(path) : null);
        return [.. paths
            .Select((path, i) => new RecordedInput(StoredInputPath(path, inputBase), [.. roles[path]], digests[i]))
            .OrderBy(i => i.Path, StringComparer.Ordinal)];
    }

    private static List<RecordedOutput> FingerprintOutputs(string folder)
    {
        IReadOnlyList<string> files = RunFolderFiles(folder);
        FileFingerprint[] digests = DigestAll([.. files.Select(f => Path.Combine(folder, f))], FileDigest.Compute);
        return [.. files.Select((path, i) => new RecordedOutput(path, digests[i]))];
    }

    /// <summary>
    /// <paramref name="digest"/> of each path, in parallel: a run has hundreds of input files and a few large outputs,
    /// and nothing else runs at this point. A failure is thrown as itself, the first path's, as hashing in a loop would.
    /// </summary>
    internal static T[] DigestAll<T>(string[] paths, Func<string, T> digest) => OrderedParallel.Map(paths, digest, Environment.ProcessorCount);

    /// <summary>
    /// Every file under <paramref name="folder"/> but the manifest itself, the input list it references on its own and
    /// the run folder's lock file (it exists only while a run holds the folder), relative with forward slashes, sorted ordinally.
    /// </summary>
    public static IReadOnlyList<string> RunFolderFiles(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        return [.. Directory.EnumerateFiles(folder, "*", options)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => p is not (RunManifest.FileName or RunManifest.FileName + ".partial" or InputList.FileName or InputList.FileName + ".partial" or RunManifest.LockFileName))
            .OrderBy(p => p, StringComparer.Ordinal)];
    }
}
