using AuditHarness.Core.Annotations;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using AuditHarness.Inference.Imaging.Dicom;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// The files a run's pairs read (images, masks, counterfactuals, originals), hashed by the process that ran those
/// pairs, after it read them, and listed in <c>inputs.csv</c> (<see cref="InputList"/>): a shard lists its own pairs'
/// files, a whole run all of them, and a merge combines the shards' lists instead of reading every image again.
/// </summary>
public static class PairInputs
{
    /// <summary>Hashes the files of <paramref name="pairs"/> and writes them into <paramref name="folder"/>'s <c>inputs.csv</c>.</summary>
    /// <param name="known">Files hashed before the run (for its baseline check): taken from there when unchanged since.</param>
    /// <returns>What <c>run-manifest.json</c> records of the list, its dataset digest included.</returns>
    public static InputListReference Record(AuditSpec spec, IEnumerable<AuditPair> pairs, string folder, FingerprintCache? known = null)
    {
        InputList.Write(folder, Fingerprint(spec, pairs, known));
        return InputList.Describe(folder);
    }

    /// <summary>
    /// The dataset digest of every pair <paramref name="spec"/> names, hashing their files now (before a run, to compare
    /// with a baseline's); into <paramref name="cache"/> when given, so the run does not read them a second time.
    /// </summary>
    public static string DatasetDigestOf(AuditSpec spec, FingerprintCache? cache = null) =>
        DatasetDigest.Of(Fingerprint(spec, AllPairs(spec), cache).Select(i => i.Fingerprint?.Sha256));

    /// <summary>Every pair the spec's dataset names (manifest rows that cannot become pairs have no files to hash).</summary>
    public static IEnumerable<AuditPair> AllPairs(AuditSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Dataset switch
        {
            ManifestDataset manifest => PairManifest.Read(manifest.Manifest.FullPath, manifest.Annotations.Labels?.FullPath).Pairs,
            InsertionDataset insertion => InsertionPairs.List(insertion),
            _ => [],
        };
    }

    /// <summary>
    /// The files of <paramref name="pairs"/>, each once, sorted ordinally by their path as stored (relative to the
    /// spec's folder, as <see cref="RunManifestWriter.StoredInputPath"/>); a file that is missing, or no regular file
    /// (a device or FIFO named as an image is never hashed), has no fingerprint. With <paramref name="cache"/>, a file
    /// unchanged since the cache hashed it is not read again, and one hashed now is kept there.
    /// </summary>
    public static IReadOnlyList<ListedInput> Fingerprint(AuditSpec spec, IEnumerable<AuditPair> pairs, FingerprintCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pairs);
        // Full path -> whether it is read as an image (with the spec's DICOM window), not only as a mask.
        var files = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Add(string path, bool image)
        {
            string full = Path.GetFullPath(path);
            files[full] = image || files.GetValueOrDefault(full);
        }

        foreach (AuditPair pair in pairs)
        {
            Add(pair.Image, image: true);
            if (pair is ManifestPair manifestPair)
            {
                Add(MaskReference.Parse(manifestPair.Mask).File, image: false); // a COCO file once, not once per #image
                if (manifestPair.Counterfactual is { } counterfactual)
                {
                    Add(counterfactual, image: true);
                }
            }
        }

        string inputBase = Path.GetDirectoryName(spec.Source.FullPath)!;
        string[] paths = [.. files.Keys];
        FileFingerprint?[] digests = RunManifestWriter.DigestAll(paths, path => !ImageFile.IsRegularFile(path) ? null : cache is null ? FileDigest.Compute(path) : cache.Compute(path));
        DicomInputSummary?[] dicom = RunManifestWriter.DigestAll(paths, path => files[path] ? DescribeDicom(path, spec.Dicom.Window) : null);
        return [.. paths
            .Select((path, i) => new ListedInput(RunManifestWriter.StoredInputPath(path, inputBase), digests[i]) { Dicom = dicom[i] })
            .OrderBy(i => i.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The DICOM facts of <paramref name="path"/>, or null when it is no DICOM file or DCMTK cannot read it (its pair's
    /// row in errors.csv then says why).
    /// </summary>
    private static DicomInputSummary? DescribeDicom(string path, DicomWindow window)
    {
        if (!ImageFile.IsRegularFile(path))
        {
            return null;
        }

        try
        {
            var head = new byte[132];
            int read;
            using (FileStream stream = File.OpenRead(path))
            {
                read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            return DicomImage.IsDicom(path, head.AsSpan(0, read)) ? DicomImage.Describe(path, window, DcmtkTools.Default) : null;
        }
        catch (Exception e) when (e is Core.Errors.AuditInputException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
