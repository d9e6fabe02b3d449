using System.Globalization;
using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The pages' images decoded and charts recorded on another thread, in drawing order and a few ahead, while the
/// drawing thread writes the pages before them: a PDF is written by one thread, and PNG decoding and ScottPlot's
/// layout were a third of its time. The drawing thread gets the very pixels the encoded image decodes to and
/// replays the very calls the chart makes, so the document gets the same bytes.
/// </summary>
internal sealed class PreparedDrawings : IDisposable
{
    /// <summary>How many prepared drawings may wait for the drawing thread (a thumbnail is about 160 KB decoded).</summary>
    private const int Ahead = 8;

    private readonly Dictionary<PageOp, int> _order = new(ReferenceEqualityComparer.Instance);
    private readonly TaskCompletionSource<SKObject>[] _prepared;
    private readonly bool[] _taken;
    private readonly SemaphoreSlim _room = new(Ahead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _preparing;

    public PreparedDrawings(IReadOnlyList<IReadOnlyList<PageOp>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        PageOp[] ops = [.. pages.SelectMany(p => p).Where(op => op is ImageOp or ChartOp)];
        for (int i = 0; i < ops.Length; i++)
        {
            _order[ops[i]] = i;
        }

        _prepared = [.. ops.Select(_ => new TaskCompletionSource<SKObject>(TaskCreationOptions.RunContinuationsAsynchronously))];
        _taken = new bool[ops.Length];
        _preparing = ops.Length == 0 ? Task.CompletedTask : Task.Run(() => Prepare(ops));
    }

    /// <summary>The decoded image, taken once; the caller disposes it.</summary>
    public SKImage Take(ImageOp image) => (SKImage)Take((PageOp)image);

    /// <summary>The chart's drawing calls, with its origin at (0, 0), taken once; the caller disposes it.</summary>
    public SKPicture Take(ChartOp chart) => (SKPicture)Take((PageOp)chart);

    public void Dispose()
    {
        // What was not taken (drawing stopped on an error) is still disposed, once the preparing thread has stopped.
        _stop.Cancel();
        _preparing.Wait();
        for (int i = 0; i < _prepared.Length; i++)
        {
            if (!_taken[i] && _prepared[i].Task.IsCompletedSuccessfully)
            {
                _prepared[i].Task.Result.Dispose();
            }
        }

        _room.Dispose();
        _stop.Dispose();
    }

    private static SKImage Decode(ImageOp image)
    {
        // A JPEG stays encoded: Skia's PDF backend then embeds its bytes as they are (DCTDecode) instead of re-encoding
        // the decoded pixels, and a raster canvas decodes it when drawn, to the same pixels.
        if (image.Encoded is [0xFF, 0xD8, 0xFF, ..])
        {
            return SKImage.FromEncodedData(image.Encoded) ?? throw new InvalidOperationException("An image of the report could not be decoded.");
        }

        using SKImage encoded = SKImage.FromEncodedData(image.Encoded) ?? throw new InvalidOperationException("An image of the report could not be decoded.");
        return encoded.ToRasterImage(ensurePixelData: true) ?? throw new InvalidOperationException("An image of the report could not be decoded.");
    }

    private static SKPicture Record(ChartOp chart)
    {
        ChartFonts.EnsureRegistered();

        // ScottPlot formats tick labels with the current culture; a report's numbers are invariant ('.' decimals).
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            using ScottPlot.Plot plot = chart.CreatePlot();
            using var recorder = new SKPictureRecorder();
            SKCanvas canvas = recorder.BeginRecording(SKRect.Create(0, 0, chart.Width, chart.Height));
            plot.Render(canvas, (int)Math.Round(chart.Width), (int)Math.Round(chart.Height));
            return recorder.EndRecording();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private SKObject Take(PageOp op)
    {
        int index = _order[op];
        SKObject prepared = _prepared[index].Task.GetAwaiter().GetResult();
        _taken[index] = true;
        _room.Release();
        return prepared;
    }

    private void Prepare(PageOp[] ops)
    {
        for (int i = 0; i < ops.Length; i++)
        {
            try
            {
                _room.Wait(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                _prepared[i].SetResult(ops[i] is ImageOp image ? Decode(image) : Record((ChartOp)ops[i]));
            }
            catch (Exception ex)
            {
                // Surfaces on the drawing thread when it takes this drawing, as the error of the draw.
                _prepared[i].SetException(ex);
            }
        }
    }
}
