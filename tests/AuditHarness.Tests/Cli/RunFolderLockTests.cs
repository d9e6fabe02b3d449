using System.Diagnostics;
using AuditHarness.Cli;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Provenance;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// One run per folder (issue 16 item 6): a second run or resume into a folder a run holds is refused at once naming the
/// holder; kill -9 leaves no lock that blocks --resume; a fresh --output run refuses a folder holding anything but this
/// spec's unfinished run unless --force, which empties it without following links out of it.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class RunFolderLockTests
{
    private static readonly string CliDll = typeof(CliApplication).Assembly.Location;

    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("run-lock").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ASecondRunIntoAHeldFolderIsRefusedNamingTheHolderAndAfterKill9TheResumeFinishesIt()
    {
        string spec = SmallAudit.WriteSpec(Path.Combine(_folder, "spec"));
        string run = Path.Combine(_folder, "run");
        using (Process holder = Start("run", spec, "--output", run, "--workers", "1"))
        {
            WaitForJournalLines(holder, run, 3);

            var clock = Stopwatch.StartNew();
            CliResult second = CliRunner.Run("run", spec, "--output", run);
            CliResult resume = CliRunner.Run("run", spec, "--resume", run);
            clock.Stop();

            Assert.IsFalse(holder.HasExited, "the holder still runs while the others are refused");
            Assert.IsLessThan(20, clock.Elapsed.TotalSeconds, "refused at once, not after waiting");
            foreach (CliResult refused in new[] { second, resume })
            {
                Assert.AreEqual(ExitCodes.BadInput, refused.ExitCode, refused.Stdout + refused.Stderr);
                string line = refused.Stderr.Trim();
                Assert.HasCount(1, line.Split('\n'), line);
                StringAssert.StartsWith(line, $"error: Run folder '{run}' is in use by another run (pid {holder.Id}, host {Environment.MachineName}, started ");
            }

            holder.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
            holder.WaitForExit();
        }

        Assert.IsTrue(File.Exists(Path.Combine(run, RunManifest.LockFileName)), "kill -9 leaves the lock file behind");

        CliResult resumed = CliRunner.Run("run", spec, "--resume", run);

        Assert.AreEqual(ExitCodes.ChecksFailed, resumed.ExitCode, resumed.Stdout + resumed.Stderr); // the shortcut model fails its ruler checks
        Assert.IsFalse(File.Exists(Path.Combine(run, RunManifest.LockFileName)), "the finished run leaves no lock file");
        Assert.AreEqual(SmallAudit.Pairs * SmallAudit.Models, RunJournal.Read(run)!.RecordCount);
        CliResult verify = CliRunner.Run("verify", run);
        Assert.AreEqual(ExitCodes.Success, verify.ExitCode, verify.Stdout);
    }

    [TestMethod]
    public void AFolderWithOtherFilesIsRefusedAndForceEmptiesItWithoutFollowingLinks()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.Write(_folder, every: 24), models: "clean");
        string run = Path.Combine(_folder, "run"), outside = Path.Combine(_folder, "outside");
        Directory.CreateDirectory(Path.Combine(run, "sub"));
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "not the run's");
        Directory.CreateSymbolicLink(Path.Combine(run, "sub", "link-out"), outside);
        File.CreateSymbolicLink(Path.Combine(run, "file-link"), Path.Combine(outside, "keep.txt"));

        CliResult refused = CliRunner.Run("run", spec, "--output", run);

        Assert.AreEqual(ExitCodes.BadInput, refused.ExitCode, refused.Stdout + refused.Stderr);
        Assert.AreEqual(
            $"error: Option '--output': '{run}' is not empty: it holds 3 entries that are not a run of this spec (e.g. 'file-link'). Pass --force to empty it first, or choose another folder.",
            refused.Stderr.Trim());
        Assert.IsTrue(File.Exists(Path.Combine(run, "notes.txt")), "a refused run touches nothing");

        CliResult forced = CliRunner.Run("run", spec, "--output", run, "--force");

        Assert.AreEqual(ExitCodes.Success, forced.ExitCode, forced.Stdout + forced.Stderr); // the clean model passes (or only WARNs)
        Assert.IsFalse(File.Exists(Path.Combine(run, "notes.txt")));
        Assert.IsFalse(Directory.Exists(Path.Combine(run, "sub")));
        Assert.AreEqual("not the run's", File.ReadAllText(Path.Combine(outside, "keep.txt")), "links are removed, never followed");
        Assert.AreEqual(ExitCodes.Success, CliRunner.Run("verify", run).ExitCode, "no stray file sealed into the manifest");

        // A finished run of this spec, and a run of another spec, are refused too.
        CliResult again = CliRunner.Run("run", spec, "--output", run);
        Assert.AreEqual(ExitCodes.BadInput, again.ExitCode);
        string verdict = System.Text.RegularExpressions.Regex.Match(forced.Stdout, @"Audit '[^']*': (\w+)").Groups[1].Value;
        Assert.IsFalse(string.IsNullOrEmpty(verdict), forced.Stdout);
        StringAssert.Contains(again.Stderr, $"it holds a finished run of this spec (verdict {verdict})");

        string other = AuditSpecFiles.Write(Directory.CreateDirectory(Path.Combine(_folder, "other")).FullName, DemoManifestCut.Write(_folder, every: 24), models: "shortcut");
        CliResult foreign = CliRunner.Run("run", other, "--output", run);
        Assert.AreEqual(ExitCodes.BadInput, foreign.ExitCode);
        StringAssert.Contains(foreign.Stderr, "it holds a run of another spec (");
        Assert.AreEqual(ExitCodes.Success, CliRunner.Run("verify", run).ExitCode, "the refused runs changed nothing");
    }

    [TestMethod]
    public void ForceRefusesARepositoryRootAndTheFoldersAboveTheCurrentOneAndNeedsAFreshOutputRun()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.First(_folder, 2), models: "clean");
        string repository = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        File.WriteAllText(Path.Combine(repository, "code.cs"), "precious");

        CliResult repo = CliRunner.Run("run", spec, "--output", repository, "--force");
        CliResult root = CliRunner.Run("run", spec, "--output", "/", "--force");
        CliResult parent = CliRunner.Run("run", spec, "--output", Path.GetDirectoryName(Environment.CurrentDirectory)!, "--force");
        CliResult resume = CliRunner.Run("run", spec, "--resume", Path.Combine(_folder, "x"), "--force");

        Assert.AreEqual(ExitCodes.BadInput, repo.ExitCode);
        Assert.AreEqual($"error: Option '--force': refusing to empty '{repository}': it is a repository root (it holds .git). Give an output folder of its own.", repo.Stderr.Trim());
        Assert.AreEqual("precious", File.ReadAllText(Path.Combine(repository, "code.cs")));
        Assert.IsFalse(File.Exists(Path.Combine(repository, RunManifest.LockFileName)), "refused before anything is written");
        Assert.AreEqual(ExitCodes.BadInput, root.ExitCode);
        StringAssert.Contains(root.Stderr, "it is the file system root");
        Assert.IsFalse(File.Exists(Path.Combine("/", RunManifest.LockFileName)));
        Assert.AreEqual(ExitCodes.BadInput, parent.ExitCode);
        StringAssert.Contains(parent.Stderr, "refusing to empty");
        Assert.AreEqual(ExitCodes.BadInput, resume.ExitCode);
        StringAssert.Contains(resume.Stderr, "does not go with '--resume'");
    }

    [TestMethod]
    public void AnOutputRunOntoThisSpecsUnfinishedRunStartsItAfreshWithANote()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.Write(_folder, every: 24), models: "clean");
        string run = Path.Combine(_folder, "run");
        using (Process killed = Start("run", spec, "--output", run, "--workers", "1"))
        {
            WaitForJournalLines(killed, run, 2);
            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
        }

        CliResult restarted = CliRunner.Run("run", spec, "--output", run);

        Assert.AreEqual(ExitCodes.Success, restarted.ExitCode, restarted.Stdout + restarted.Stderr);
        StringAssert.Contains(restarted.Stderr, $"note: '{run}' holds an unfinished run of this spec; starting it afresh (pass '--resume {run}' instead to go on with it).");
        Assert.AreEqual(ExitCodes.Success, CliRunner.Run("verify", run).ExitCode);
    }

    private static void WaitForJournalLines(Process process, string folder, int lines)
    {
        var clock = Stopwatch.StartNew();
        while (JournalLines(folder) < lines)
        {
            Assert.IsFalse(process.HasExited, "the run ended before its folder could be tried");
            Assert.IsLessThan(120, clock.Elapsed.TotalSeconds, $"journal in {folder} did not grow");
            Thread.Sleep(10);
        }
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliDll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int JournalLines(string folder)
    {
        try
        {
            using var stream = new FileStream(Path.Combine(folder, RunJournal.PartialFileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Count(c => c == '\n');
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
