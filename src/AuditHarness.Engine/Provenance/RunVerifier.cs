using AuditHarness.Core.Errors;

namespace AuditHarness.Engine.Provenance;

/// <summary>Recomputes every hash <c>run-manifest.json</c> records and lists each file that no longer matches.</summary>
public static class RunVerifier
{
    /// <param name="runFolder">The run folder holding <c>run-manifest.json</c>.</param>
    /// <param name="inputBase">Where relative input paths are resolved; null takes the spec folder recorded at run time
    /// (pass another when spec and data were moved together).</param>
    /// <param name="parallelism">How many files are hashed at once; null: one per processor. The problems and their
    /// order do not depend on it.</param>
    /// <exception cref="AuditInputException">The folder or its manifest is missing, unreadable or of another schema.</exception>
    public static RunVerification Verify(string runFolder, string? inputBase = null, int? parallelism = null)
    {
        string folder = Path.GetFullPath(runFolder);
        if (!Directory.Exists(folder))
        {
            throw new AuditInputException(File.Exists(folder) ? $"Run folder '{runFolder}' is a file; expected a run's output folder." : $"Run folder '{runFolder}' does not exist.");
        }

        int degree = parallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degree, nameof(parallelism));
        string manifestPath = Path.Combine(folder, RunManifest.FileName);
        RunManifest manifest = RunManifestJson.Read(manifestPath);
        FileFingerprint manifestFingerprint = FileDigest.Compute(manifestPath);
        string bases = inputBase is null ? manifest.InputBase : Path.GetFullPath(inputBase);

        var problems = new List<VerificationProblem>();
        // A run whose export failed was never sealed: whatever the hashes say, it is not an intact run.
        string spec = manifest.Inputs.FirstOrDefault(i => i.Roles.Contains("spec")) is { } recordedSpec ? Path.GetFullPath(Path.Combine(bases, recordedSpec.Path)) : "SPEC";
        var unsealed = manifest.FailedExports
            .Select(f => new VerificationProblem(VerificationProblemKind.ExportFailed, f.File, $"{f.Error}; the run is not sealed: free the cause, then finish it with 'run {spec} --resume {runFolder}' (a merged run: the same merge again)"))
            .ToList();

        // Every file the manifest names itself (outputs, inputs, the input list) is hashed in one parallel pass, the
        // largest first (a journal of gigabytes beside small logs); the problems are then listed in the manifest's order.
        List<FileProbe> probes =
        [
            .. manifest.Outputs.Select(o => new FileProbe(Path.Combine(folder, o.Path), RegularOnly: false, Hash: true)),
            .. manifest.Inputs.Select(i => InputProbe(i.Path, i.Fingerprint, bases)),
        ];
        if (manifest.InputList is { } listReference)
        {
            probes.Add(new FileProbe(Path.Combine(folder, listReference.File), RegularOnly: false, Hash: true));
        }

        FileState[] states = OrderedParallel.Map(probes, Look, degree, SizeOf);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        for (int o = 0; o < manifest.Outputs.Count; o++)
        {
            RecordedOutput output = manifest.Outputs[o];
            recorded.Add(output.Path);
            if (states[o].Fingerprint is not { } actual)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.OutputMissing, output.Path, string.Empty));
            }
            else if (Compare(output.Fingerprint, actual) is { } difference)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.OutputChanged, output.Path, difference));
            }
        }

        foreach (string path in RunManifestWriter.RunFolderFiles(folder).Where(p => !recorded.Contains(p)))
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputUnexpected, path, "not in " + RunManifest.FileName));
        }

        int inputs = manifest.Inputs.Count;
        for (int i = 0; i < manifest.Inputs.Count; i++)
        {
            RecordedInput input = manifest.Inputs[i];
            JudgeInput(input.Path, input.Fingerprint, probes[manifest.Outputs.Count + i].Path, states[manifest.Outputs.Count + i], problems);
        }

        if (manifest.InputList is { } list)
        {
            inputs += CheckInputList(folder, list, states[^1], bases, degree, problems);
        }
        else if (File.Exists(Path.Combine(folder, InputList.FileName)))
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputUnexpected, InputList.FileName, "not in " + RunManifest.FileName));
        }

        List<VerificationProblem> ordered = [.. unsealed, .. problems
            .OrderBy(p => p.Kind is VerificationProblemKind.InputChanged or VerificationProblemKind.InputMissing)
            .ThenBy(p => p.Path, StringComparer.Ordinal)];
        return new RunVerification(manifest, manifestFingerprint, bases, ordered)
        {
            OutputCount = manifest.Outputs.Count + (manifest.InputList is null ? 0 : 1),
            InputCount = inputs,
        };
    }

    /// <summary>
    /// Checks the list file against its reference (<paramref name="listState"/>: the list as hashed), then every file it
    /// lists (even when the list itself changed: a changed image is still worth naming), streamed in batches hashed in
    /// parallel. Returns how many files the list names.
    /// </summary>
    private static int CheckInputList(string folder, InputListReference list, FileState listState, string bases, int degree, List<VerificationProblem> problems)
    {
        string listPath = Path.Combine(folder, list.File);
        if (listState.Fingerprint is not { } actual)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputMissing, list.File, $"it lists the {list.Files} files the pairs read"));
            return list.Files;
        }

        if (Compare(list.Fingerprint, actual) is { } difference)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputChanged, list.File, difference));
        }

        int listed = 0;
        try
        {
            IEnumerable<(ListedInput Input, FileProbe Probe)> rows = InputList.Read(listPath).Select(input => (input, InputProbe(input.Path, input.Fingerprint, bases)));
            foreach (((ListedInput input, FileProbe probe), FileState state) in OrderedParallel.MapStream(rows, row => Look(row.Probe), degree))
            {
                listed++;
                JudgeInput(input.Path, input.Fingerprint, probe.Path, state, problems);
            }
        }
        catch (AuditInputException ex)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputChanged, list.File, ex.Message));
        }

        return Math.Max(listed, list.Files);
    }

    /// <summary>An input is hashed only when the run recorded a hash for it (else only its presence is compared).</summary>
    private static FileProbe InputProbe(string storedPath, FileFingerprint? recorded, string bases) =>
        new(Path.GetFullPath(Path.Combine(bases, storedPath)), RegularOnly: true, Hash: recorded is not null);

    private static void JudgeInput(string storedPath, FileFingerprint? recorded, string path, FileState state, List<VerificationProblem> problems)
    {
        if (recorded is null)
        {
            if (state.Exists)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.InputChanged, storedPath, "absent at run time, present now"));
            }
        }
        else if (!state.Exists)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.InputMissing, storedPath, $"expected at {path}"));
        }
        else if (Compare(recorded, state.Fingerprint!) is { } difference)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.InputChanged, storedPath, difference));
        }
    }

    private static FileState Look(FileProbe probe)
    {
        // An input that is a device or FIFO is never hashed: it counts as absent.
        bool exists = probe.RegularOnly ? Inference.Imaging.ImageFile.IsRegularFile(probe.Path) : File.Exists(probe.Path);
        return new FileState(exists, exists && probe.Hash ? FileDigest.Compute(probe.Path) : null);
    }

    private static long SizeOf(FileProbe probe)
    {
        var info = new FileInfo(probe.Path);
        return probe.Hash && info.Exists ? info.Length : 0;
    }

    private static string? Compare(FileFingerprint recorded, FileFingerprint actual) =>
        recorded.Sha256 == actual.Sha256 && recorded.Size == actual.Size
            ? null
            : $"sha256 recorded {recorded.Sha256}, now {actual.Sha256}; size recorded {recorded.Size}, now {actual.Size}";

    /// <summary>A file to look at: whether only a regular file counts as present, and whether to hash it.</summary>
    private readonly record struct FileProbe(string Path, bool RegularOnly, bool Hash);

    /// <summary>Whether the file is there and, when asked, its fingerprint.</summary>
    private readonly record struct FileState(bool Exists, FileFingerprint? Fingerprint);
}
