using System.Runtime.ExceptionServices;
using AuditHarness.Engine.Pipeline;
using Spectre.Console;

namespace AuditHarness.Cli.Output;

/// <summary>
/// On a terminal: one bar per model with pairs done, pairs per second and the time left, shown from the first report
/// until <see cref="Close"/>. The bars live on their own thread, so the run reports from its own and the display ends
/// when the pairs are done, before the finishing steps (whose warnings then print below it, not into it).
/// </summary>
public sealed class ProgressBars(Func<AuditProgress, string> describe) : IDisposable
{
    private readonly TaskCompletionSource<ProgressContext> _context = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _closing = new();
    private readonly Dictionary<int, ProgressTask> _tasks = [];
    private Thread? _display;
    private ExceptionDispatchInfo? _failure;
    private bool _closed;

    /// <summary>Shows one progress report (from one thread at a time, as the run reports).</summary>
    public void Report(AuditProgress progress)
    {
        if (_closed)
        {
            return;
        }

        if (_display is null)
        {
            _display = new Thread(Show) { IsBackground = true, Name = "progress bars" };
            _display.Start();
        }

        ProgressContext context = _context.Task.GetAwaiter().GetResult();
        if (!_tasks.TryGetValue(progress.ModelIndex, out ProgressTask? task))
        {
            task = _tasks[progress.ModelIndex] = context.AddTask(progress.Model, maxValue: progress.PairsTotal);
        }

        task.Value = progress.PairsDone;
        task.Description = Markup.Escape(describe(progress));
    }

    /// <summary>Ends the display, leaving the bars as they last were; rethrows what broke the display, if anything did.</summary>
    public void Close()
    {
        Stop();
        _failure?.Throw();
    }

    /// <summary>Ends the display without rethrowing (a failing run's own exception is the one to see).</summary>
    public void Dispose()
    {
        Stop();
        _closing.Dispose();
    }

    private void Stop()
    {
        _closed = true;
        if (_display is { } display)
        {
            _closing.Set();
            display.Join();
            _display = null;
        }
    }

    private void Show()
    {
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    _context.SetResult(context);
                    _closing.Wait();
                });
        }
        catch (Exception ex)
        {
            // Deliberately broad: an exception left on this thread would end the process; the run's thread rethrows it at Close.
            _failure = ExceptionDispatchInfo.Capture(ex);
            _context.TrySetException(ex);
        }
    }
}
