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

        foreach (RecordedInput input in manifest.Inputs)
        {
            string path = Path.GetFullPath(Path.Combine(bases, input.Path));
            bool exists = Inference.Imaging.ImageFile.IsRegularFile(path); // a device or FIFO is never hashed
            if (input.Fingerprint is null)
            {
                if (exists)
                {
                    problems.Add(new VerificationProblem(VerificationProblemKind.InputChanged, input.Path, "absent at run time, present now"));
                }
            }
            else if (!exists)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.InputMissing, input.Path, $"expected at {path}"));
            }
            else if (Compare(input.Fingerprint, FileDigest.Compute(path)) is { } difference)
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.InputChanged, input.Path, difference));
            }
        }

        List<VerificationProblem> ordered = [.. unsealed, .. problems
            .OrderBy(p => p.Kind is VerificationProblemKind.InputChanged or VerificationProblemKind.InputMissing)
            .ThenBy(p => p.Path, StringComparer.Ordinal)];
        return new RunVerification(manifest, manifestFingerprint, bases, ordered);
    }

    private static string? Compare(FileFingerprint recorded, FileFingerprint actual) =>
        recorded.Sha256 == actual.Sha256 && recorded.Size == actual.Size
            ? null
            : $"sha256 recorded {recorded.Sha256}, now {actual.Sha256}; size recorded {recorded.Size}, now {actual.Size}";
}
