using System.Diagnostics;
using System.Text;
using AuditHarness.Cli;
using AuditHarness.Engine.History;
using AuditHarness.Engine.Journal;
using AuditHarness.Tests.Engine;
using AuditHarness.Results;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// The real CLI as a child process, killed (SIGKILL) at random points and resumed with <c>--resume</c>, ends with
/// every output byte for byte that of an uninterrupted run: no pair lost, none counted twice.
/// </summary>
[TestClass]
public sealed class ResumeAfterKillTests
{
    private static readonly string CliDll = typeof(CliApplication).Assembly.Location;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void RunKilledAtRandomPointsAndResumedEqualsAnUninterruptedRun()
    {
        string folder = Directory.CreateTempSubdirectory("resume-kill").FullName;
        try
        {
            string spec = SmallAudit.WriteSpec(Path.Combine(folder, "spec"));
            string whole = Path.Combine(folder, "whole"), killed = Path.Combine(folder, "killed");
            int expectedCode = RunToEnd("run", spec, "--output", whole);
            int records = SmallAudit.Pairs * SmallAudit.Models;

            // Kill points: while models load (no journal yet, or a torn header), two random pairs, and after the last
            // pair (during summary, exports or manifest). Each resume is killed again at the next point.
            int seed = Environment.TickCount;
            var random = new Random(seed);
            int first = random.Next(1, records / 2), second = random.Next(records / 2, records);
            string context = $"seed {seed}: kills before any pair, after {first} and {second} of {records} pair records, and after the last";
            TestContext.WriteLine(context);

            KillWhen(() => random.Next(0, 400), _ => true, "run", spec, "--output", killed);
            Assert.IsTrue(KillWhen(() => 0, lines => lines >= 1 + first, "run", spec, "--resume", killed), context + ": killed in the middle");
            Assert.IsTrue(KillWhen(() => 0, lines => lines >= 1 + second, "run", spec, "--resume", killed), context + ": killed in the middle");
            KillWhen(() => 0, lines => lines >= 1 + records, "run", spec, "--resume", killed);
            int code = RunToEnd("run", spec, "--resume", killed);

            Assert.AreEqual(expectedCode, code, context);
            Assert.AreEqual(ExitCodes.ChecksFailed, code, "the shortcut model fails its ruler checks");
            SmallAudit.AssertSameFiles(whole, killed, context);
            Assert.AreEqual(records, RunJournal.Read(killed)!.RecordCount, context);

            // Resuming the finished run does no work and ends with its exit code.
            Assert.AreEqual(expectedCode, RunToEnd("run", spec, "--resume", killed));
            SmallAudit.AssertSameFiles(whole, killed, context + ", resumed once more");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void ScheduledRunKilledAndResumedAddsItsOneHistoryRowAndAFinishedResumeHonoursFailOnWarn()
    {
        string folder = Directory.CreateTempSubdirectory("resume-scheduled").FullName;
        try
        {
            // The clean model WARNs (dark corners have no shifted placebo; onNoData: warn) and fails nothing; the spec's output root is folder/out.
            string spec = AuditSpecFiles.WriteWarnOnNoData(folder, DemoManifestCut.Write(folder, every: 12), "clean");
            string root = Path.Combine(folder, "out");

            // Killed after a few pairs: its scheduled folder holds a journal, and history.csv has no row yet.
            string run;
            using (Process process = Start(["run", spec]))
            {
                var clock = Stopwatch.StartNew();
                string? found = null;
                while (!process.HasExited && (found is null || JournalLines(found) < 4))
                {
                    Assert.IsLessThan(120, clock.Elapsed.TotalSeconds, "the scheduled run folder did not appear");
                    found ??= Directory.Exists(root) ? Directory.GetDirectories(root).SingleOrDefault() : null;
                    Thread.Sleep(5);
                }

                Assert.IsFalse(process.HasExited, "the run ended before it could be killed");
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                run = found!;
            }

            Assert.IsFalse(File.Exists(Path.Combine(root, RunHistory.FileName)), "a killed run adds no history row");

            Assert.AreEqual(ExitCodes.Success, RunToEnd("run", spec, "--resume", run), "WARN without --fail-on-warn");
            IReadOnlyList<RunHistoryEntry> history = RunHistory.Read(root);
            Assert.HasCount(1, history);
            Assert.AreEqual(Path.GetFileName(run), history[0].Run);
            Assert.AreEqual("WARN", history[0].Verdict);
            Assert.AreEqual(20, history[0].PairsCompleted);

            // The finished run is not run again, but this invocation's gate applies to its recorded verdict.
            Assert.AreEqual(ExitCodes.ChecksFailed, RunToEnd("run", spec, "--resume", run, "--fail-on-warn"));
            Assert.AreEqual(ExitCodes.Success, RunToEnd("run", spec, "--resume", run));
            Assert.HasCount(1, RunHistory.Read(root), "resuming a finished run adds no second row");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Starts the CLI, waits <paramref name="delayMs"/> ms and until the journal has enough lines, then kills it (SIGKILL).</summary>
    /// <returns>Whether it was killed (false when it ended first).</returns>
    private static bool KillWhen(Func<int> delayMs, Func<int, bool> journalLinesReached, params string[] args)
    {
        string folder = args[^1];
        using Process process = Start(args);
        Thread.Sleep(delayMs());
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !journalLinesReached(JournalLines(folder)))
        {
            Assert.IsLessThan(120, clock.Elapsed.TotalSeconds, $"journal in {folder} did not grow");
            Thread.Sleep(5);
        }

        bool kill = !process.HasExited;
        if (kill)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return kill;
    }

    private static int RunToEnd(params string[] args)
    {
        using Process process = Start(args);
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(3)), "the run did not end");
        process.WaitForExit(); // drains the asynchronous output readers
        return process.ExitCode;
    }

    private static Process Start(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliDll);
        info.Environment["SOURCE_DATE_EPOCH"] = "1764072000"; // the recorded start (report date) pinned, as a rerun of one run
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int JournalLines(string folder)
    {
        string path = Path.Combine(folder, RunJournal.PartialFileName);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            int lines = 0;
            Span<byte> buffer = stackalloc byte[65536];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                lines += buffer[..read].Count((byte)'\n');
            }

            return lines;
        }
        catch (IOException)
        {
            return 0; // not written yet, or renamed at the end
        }
    }
}
