namespace AuditHarness.Core.IO;

/// <summary>
/// Reads a file of newline-ended lines (JSON Lines) one line at a time as bytes, holding one line and a read buffer,
/// never the whole file: for the journals a resume reads back, however large they grew. Bytes after the last newline (a
/// line torn by a kill) are never returned; <see cref="WholeLength"/> says where the last whole line ends, where a
/// resume cuts the file.
/// </summary>
public sealed class ByteLineReader : IDisposable
{
    private const int FirstBufferSize = 1 << 16;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[FirstBufferSize];
    private int _start, _end; // the unread bytes are _buffer[_start.._end]
    private bool _endOfFile;

    /// <summary>Reads <paramref name="stream"/> from its current position, which counts as offset 0; disposes it.</summary>
    public ByteLineReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Where the last line returned ends, its newline included (0 before the first).</summary>
    public long WholeLength { get; private set; }

    /// <summary>Lines returned so far.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Bytes after the last newline, once the end of the file is reached: a torn line (0 before).</summary>
    public long TornBytes { get; private set; }

    /// <summary>Opens <paramref name="path"/> for reading, shared with a writer that may still append to it.</summary>
    public static ByteLineReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan));

    /// <summary>
    /// The next whole line without its newline, valid until the next call; false at the end of the file, where any
    /// bytes left are a torn line.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int searched = 0;
        while (true)
        {
            int newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineStart = _start, length = searched + newline;
                _start += length + 1;
                WholeLength += length + 1;
                LineNumber++;
                line = _buffer.AsSpan(lineStart, length);
                return true;
            }

            searched = _end - _start;
            if (_endOfFile)
            {
                TornBytes = searched;
                line = default;
                return false;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, searched);
                _end = searched;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _endOfFile = read == 0;
            _end += read;
        }
    }

    public void Dispose() => _stream.Dispose();
}
