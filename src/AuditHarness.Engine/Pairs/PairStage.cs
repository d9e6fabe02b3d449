using AuditHarness.Core.Errors;
using AuditHarness.Inference.Decoding;
using AuditHarness.Inference.Models;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// Runs one named stage of a pair: a bad input it finds (<see cref="AuditInputException"/>) becomes a
/// <see cref="PairException"/> naming the stage, and while <see cref="TimeOnThisThread"/> is in effect its wall time
/// is added to the pair's <see cref="AuditStageTimings.PairScope"/>.
/// </summary>
internal static class PairStage
{
    // The pair being timed on this worker thread; a pair runs start to end on one thread, so no lock is needed, and
    // the stages need not carry the scope through every call.
    [ThreadStatic]
    private static AuditStageTimings.PairScope? t_scope;

    /// <summary>Times the stages this thread runs into one pair's sample of <paramref name="timings"/> (nothing when null) until disposed.</summary>
    public static Timing TimeOnThisThread(AuditStageTimings? timings)
    {
        AuditStageTimings.PairScope? scope = timings?.StartPair();
        t_scope = scope;
        return new Timing(scope);
    }

    public static T Run<T>(string stage, Func<T> action)
    {
        try
        {
            AuditStageTimings.PairScope? scope = t_scope;
            if (scope is null)
            {
                return action();
            }

            T result = scope.Time(stage, action);
            if (result is YoloPrediction prediction)
            {
                // The parts of a prediction, so the fixed cost around ONNX Runtime can be told from the forward pass.
                scope.Add("  of which letterbox", prediction.Timings.PreprocessMs);
                scope.Add("  of which onnx run", prediction.Timings.InferenceMs);
                scope.Add("  of which decode", prediction.Timings.PostprocessMs);
                scope.Add("  of which tap copy", prediction.Timings.TapCopyMs);
            }

            return result;
        }
        catch (AuditInputException ex)
        {
            throw new PairException(ex is InvalidModelOutputException ? InvalidModelOutputException.Stage : stage, ex.Message, ex);
        }
    }

    /// <summary>Ends a pair's timing on this thread: stops timing its stages, then adds the pair's sums to the run's.</summary>
    public readonly struct Timing(AuditStageTimings.PairScope? scope) : IDisposable
    {
        public void Dispose()
        {
            t_scope = null;
            scope?.Dispose();
        }
    }
}
