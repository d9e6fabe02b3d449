using AuditHarness.Core.Errors;

namespace AuditHarness.Engine.Provenance;

/// <summary>Recomputes every hash <c>run-manifest.json</c> records and lists each file that no longer matches.</summary>
public static class RunVerifier
{
    /// <param name="runFolder">The run folder holding <c>run-manifest.json</c>.</param>
    /// <param name="inputBase">Where relative input paths are resolved; null takes the spec folder recorded at run time
    /// (pass another when spec and data were moved together).</param>
    /// <exception cref="AuditInputException">The folder or its manifest is missing, unreadable or of another schema.</exception>
    public static RunVerification Verify(string runFolder, string? inputBase = null)
    {
        string folder = Path.GetFullPath(runFolder);
        if (!Directory.Exists(folder))
        {
            throw new AuditInputException(File.Exists(folder) ? $"Run folder '{runFolder}' is a file; expected a run's output folder." : $"Run folder '{runFolder}' does not exist.");
        }

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
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (RecordedOutput output in manifest.Outputs)
        {
            recorded.Add(output.Path);
            string path = Path.Combine(folder, output.Path);
            if (!File.Exists(path))
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.OutputMissing, output.Path, string.Empty));
            }
            else if (Compare(output.Fingerprint, FileDigest.Compute(path)) is { } difference)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.OutputChanged, output.Path, difference));
            }
        }

        foreach (string path in RunManifestWriter.RunFolderFiles(folder).Where(p => !recorded.Contains(p)))
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputUnexpected, path, "not in " + RunManifest.FileName));
        }

        int inputs = manifest.Inputs.Count;
        foreach (RecordedInput input in manifest.Inputs)
        {
            CheckInput(input.Path, input.Fingerprint, bases, problems);
        }

        if (manifest.InputList is { } list)
        {
            inputs += CheckInputList(folder, list, bases, problems);
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
    /// Checks the list file against its reference, then every file it lists (even when the list itself changed: a
    /// changed image is still worth naming). Returns how many files the list names.
    /// </summary>
    private static int CheckInputList(string folder, InputListReference list, string bases, List<VerificationProblem> problems)
    {
        string listPath = Path.Combine(folder, list.File);
        if (!File.Exists(listPath))
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputMissing, list.File, $"it lists the {list.Files} files the pairs read"));
            return list.Files;
        }

        if (Compare(list.Fingerprint, FileDigest.Compute(listPath)) is { } difference)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputChanged, list.File, difference));
        }

        int listed = 0;
        try
        {
            foreach (ListedInput input in InputList.Read(listPath))
            {
                listed++;
                CheckInput(input.Path, input.Fingerprint, bases, problems);
            }
        }
        catch (AuditInputException ex)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.OutputChanged, list.File, ex.Message));
        }

        return Math.Max(listed, list.Files);
    }

    private static void CheckInput(string storedPath, FileFingerprint? recorded, string bases, List<VerificationProblem> problems)
    {
        string path = Path.GetFullPath(Path.Combine(bases, storedPath));
        bool exists = Inference.Imaging.ImageFile.IsRegularFile(path); // a device or FIFO is never hashed
        if (recorded is null)
        {
            if (exists)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.InputChanged, storedPath, "absent at run time, present now"));
            }
        }
        else if (!exists)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.InputMissing, storedPath, $"expected at {path}"));
        }
        else if (Compare(recorded, FileDigest.Compute(path)) is { } difference)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.InputChanged, storedPath, difference));
        }
    }

    private static string? Compare(FileFingerprint recorded, FileFingerprint actual) =>
        recorded.Sha256 == actual.Sha256 && recorded.Size == actual.Size
            ? null
            : $"sha256 recorded {recorded.Sha256}, now {actual.Sha256}; size recorded {recorded.Size}, now {actual.Size}";
}
