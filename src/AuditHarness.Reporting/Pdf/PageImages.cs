using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Decodes the pages' images on another thread, in drawing order and a few ahead, while the drawing thread writes
/// the pages before them: the PDF is written by one thread, and the PNG decoding was a quarter of its image time.
/// A raster image holds the very pixels the encoded one decodes to, so the document gets the same bytes.
/// </summary>
internal sealed class PageImages : IDisposable
{
    /// <summary>How many decoded images may wait for the drawing thread (about 160 KB each for a thumbnail).</summary>
    private const int Ahead = 8;

    private readonly Dictionary<ImageOp, int> _order = new(ReferenceEqualityComparer.Instance);
    private readonly TaskCompletionSource<SKImage>[] _decoded;
    private readonly bool[] _taken;
    private readonly SemaphoreSlim _room = new(Ahead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _decoding;

    public PageImages(IReadOnlyList<IReadOnlyList<PageOp>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ImageOp[] images = [.. pages.SelectMany(p => p).OfType<ImageOp>()];
        for (int i = 0; i < images.Length; i++)
        {
            _order[images[i]] = i;
        }

        _decoded = [.. images.Select(_ => new TaskCompletionSource<SKImage>(TaskCreationOptions.RunContinuationsAsynchronously))];
        _taken = new bool[images.Length];
        _decoding = images.Length == 0 ? Task.CompletedTask : Task.Run(() => Decode(images));
    }

    /// <summary>The decoded image of <paramref name="image"/>, each taken once; the caller disposes it.</summary>
    public SKImage Take(ImageOp image)
    {
        int index = _order[image];
        SKImage decoded = _decoded[index].Task.GetAwaiter().GetResult();
        _taken[index] = true;
        _room.Release();
        return decoded;
    }

    public void Dispose()
    {
        // Images not taken (drawing stopped on an error) are still disposed, once the decoder has stopped.
        _stop.Cancel();
        _decoding.Wait();
        for (int i = 0; i < _decoded.Length; i++)
        {
            if (!_taken[i] && _decoded[i].Task.IsCompletedSuccessfully)
            {
                _decoded[i].Task.Result.Dispose();
            }
        }

        _room.Dispose();
        _stop.Dispose();
    }

    private void Decode(ImageOp[] images)
    {
        for (int i = 0; i < images.Length; i++)
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
                using SKImage encoded = SKImage.FromEncodedData(images[i].Encoded) ?? throw new InvalidOperationException("An image of the report could not be decoded.");
                _decoded[i].SetResult(encoded.ToRasterImage(ensurePixelData: true) ?? throw new InvalidOperationException("An image of the report could not be decoded."));
            }
            catch (Exception ex)
            {
                // Surfaces on the drawing thread when it takes this image, as the error of the draw.
                _decoded[i].SetException(ex);
            }
        }
    }
}
