using AuditHarness.Core.Errors;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// What a fresh run may find in the <c>--output</c> folder it holds the lock of: nothing, or an unfinished run of the
/// same spec (started afresh, with a note). Anything else (a finished run, another spec's run, a shard, other files) is
/// refused, since the run would overwrite it and seal the strays into its manifest, unless <c>--force</c>, which
/// empties the folder first.
/// </summary>
internal static class RunFolderGuard
{
    public static void Prepare(AuditSpec spec, string folder, bool force, TextWriter? log)
    {
        string[] entries = Entries(folder);
        if (entries.Length == 0)
        {
            return;
        }

        if (force)
        {
            Empty(new DirectoryInfo(folder), top: true);
            log?.WriteLine($"note: --force: emptied '{folder}' ({entries.Length} entries) before the run.");
            return;
        }

        if (Found(spec, folder, entries) is { } found)
        {
            throw new AuditInputException($"Option '--output': '{folder}' is not empty: it holds {found}. Pass --force to empty it first, or choose another folder.");
        }

        log?.WriteLine($"note: '{folder}' holds an unfinished run of this spec; starting it afresh (pass '--resume {folder}' instead to go on with it).");
    }

    /// <summary>The folder's entries but the lock file (ours, or one a killed run left behind).</summary>
    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Where(n => n != RunManifest.LockFileName).Order(StringComparer.Ordinal)!];

    /// <summary>What is in the folder, for the refusal; null when it is an unfinished run of <paramref name="spec"/>.</summary>
    private static string? Found(AuditSpec spec, string folder, string[] entries)
    {
        string others = $"{entries.Length} entries that are not a run of this spec (e.g. '{entries[0]}')";
        JournalContents? journal;
        try
        {
            journal = RunJournal.Read(folder);
        }
        catch (AuditInputException)
        {
            return $"a damaged run journal and {others}";
        }

        if (journal?.Header is not { } header)
        {
            return others;
        }

        if (header.SpecSha256 != FileDigest.Compute(spec.Source.FullPath).Sha256)
        {
            return $"a run of another spec ('{header.Spec}')";
        }

        if (header.Shard is { } shard)
        {
            return $"shard {shard} of this spec";
        }

        bool finished = journal.IsSealed && journal.Completion is not null && !File.Exists(Path.Combine(folder, RunJournal.PartialFileName))
            && RunFolderPlan.ManifestCoversJournal(folder, journal.Path);
        return finished ? $"a finished run of this spec (verdict {journal.Completion!.Verdict})" : null;
    }

    /// <summary>Refuses to empty a folder whose loss would be a disaster rather than a re-run.</summary>
    public static void EnsureSafeToEmpty(AuditSpec spec, string folder)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string resolved = Directory.Exists(full) && new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName is { } target
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(target))
            : full;
        string home = Path.TrimEndingDirectorySeparator(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        string cwd = Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory);
        foreach (string candidate in new[] { full, resolved }.Distinct(StringComparer.Ordinal))
        {
            string? reason =
                candidate.Length == 0 || candidate == Path.GetPathRoot(candidate)?.TrimEnd(Path.DirectorySeparatorChar) || candidate == "/" ? "the file system root"
                : home.Length > 0 && candidate == home ? "the home folder"
                : Directory.Exists(Path.Combine(candidate, ".git")) || File.Exists(Path.Combine(candidate, ".git")) ? "a repository root (it holds .git)"
                : IsWithin(cwd, candidate) ? "the current folder or one of its parents"
                : IsWithin(spec.Source.FullPath, candidate) ? "the folder of the spec being run"
                : null;
            if (reason is not null)
            {
                throw new AuditInputException($"Option '--force': refusing to empty '{folder}': it is {reason}. Give an output folder of its own.");
            }
        }
    }

    private static bool IsWithin(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Deletes what is inside <paramref name="folder"/>: a link is removed itself, never followed.</summary>
    private static void Empty(DirectoryInfo folder, bool top)
    {
        foreach (FileSystemInfo entry in folder.EnumerateFileSystemInfos())
        {
            if (top && entry.Name == RunManifest.LockFileName)
            {
                continue; // ours, held
            }

            if (entry.LinkTarget is not null)
            {
                File.Delete(entry.FullName); // unlinks the link, whatever it points to
            }
            else if (entry is DirectoryInfo directory)
            {
                Empty(directory, top: false);
                directory.Delete();
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
