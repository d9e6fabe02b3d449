using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace AuditHarness.Core.Pairs;

/// <summary>
/// The usable rows of a pair manifest held compactly, for manifests of millions of rows: each pair's id, subject and the
/// file names of its paths as UTF-8 in one chunked arena, the paths' folders, artifact types and labels each stored once
/// and named by index. About 30 bytes per pair plus its text, where a <see cref="ManifestPair"/> with its own strings
/// takes several hundred. <see cref="this[int]"/> builds the pair's <see cref="ManifestPair"/> when asked (equal by value
/// to the one read); <see cref="PairIdOf"/>, <see cref="ArtifactTypeOf"/>, <see cref="SubjectIndexOf"/> and the like read
/// one field without building it.
/// </summary>
public sealed class ManifestPairTable : IReadOnlyList<ManifestPair>
{
    private const int ChunkSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<byte[]> _chunks = [];
    private readonly TextPool _folders = new();
    private readonly TextPool _types = new();
    private readonly TextPool _labels = new();
    private int _used; // bytes used in the last chunk
    private long[] _entry = new long[16]; // chunk index << 32 | position of the pair's text
    private int[] _row = new int[16];
    private int[] _imageFolder = new int[16];
    private int[] _counterfactualFolder = new int[16];
    private int[] _maskFolder = new int[16];
    private ushort[] _type = new ushort[16];
    private int[] _label = new int[16];
    private int[] _subject = new int[16];
    private int[] _idSlots = new int[32]; // open addressing over pair indexes (+1; 0 is empty), keyed by the pair id's bytes
    private int[] _subjectSlots = new int[32]; // likewise, keyed by the subject's bytes, to the subject's first pair
    private int[] _subjectFirstPair = new int[16];

    /// <summary>Pairs added.</summary>
    public int Count { get; private set; }

    /// <summary>Distinct subjects (non-empty <see cref="ManifestPair.SubjectId"/>s) of the pairs; <see cref="SubjectIndexOf"/> numbers them.</summary>
    public int SubjectCount { get; private set; }

    /// <summary>The pair's <see cref="ManifestPair"/>, built from the table (a new object, equal by value to the one added).</summary>
    public ManifestPair this[int index]
    {
        get
        {
            CheckIndex(index);
            Fields fields = Read(index);
            return new ManifestPair(
                _row[index],
                Utf8.GetString(fields.PairId),
                Concat(_folders[_imageFolder[index]], fields.Image),
                _counterfactualFolder[index] < 0 ? null : Concat(_folders[_counterfactualFolder[index]], fields.Counterfactual),
                Concat(_folders[_maskFolder[index]], fields.Mask),
                _types[_type[index]],
                _label[index] < 0 ? null : _labels[_label[index]],
                fields.HasSubject ? Utf8.GetString(fields.Subject) : null);
        }
    }

    /// <summary>
    /// Adds a pair unless its id is already in the table; returns the index of the pair that has it (-1 when added).
    /// </summary>
    public int Add(ManifestPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (_idSlots.Length == 0)
        {
            throw new InvalidOperationException("The table is complete; no pair can be added.");
        }

        byte[] id = Utf8.GetBytes(pair.PairId);
        int existing = FindId(id);
        if (existing >= 0)
        {
            return existing;
        }

        int index = Count;
        if (index == _entry.Length)
        {
            Grow(index * 2);
        }

        (int imageFolder, string imageName) = Split(pair.Image);
        (int counterfactualFolder, string counterfactualName) = pair.Counterfactual is null ? (-1, string.Empty) : Split(pair.Counterfactual);
        (int maskFolder, string maskName) = Split(pair.Mask);
        _entry[index] = Write(id, [imageName, counterfactualName, maskName, pair.SubjectId]);
        _row[index] = pair.RowNumber;
        _imageFolder[index] = imageFolder;
        _counterfactualFolder[index] = counterfactualFolder;
        _maskFolder[index] = maskFolder;
        int type = _types.IndexOf(pair.ArtifactType);
        _type[index] = type <= ushort.MaxValue ? (ushort)type : throw new InvalidOperationException($"More than {ushort.MaxValue + 1} artifact types in one manifest (pair '{pair.PairId}' brings '{pair.ArtifactType}').");
        _label[index] = pair.Label is null ? -1 : _labels.IndexOf(pair.Label);
        Count++;
        InsertId(index);
        _subject[index] = string.IsNullOrEmpty(pair.SubjectId) ? -1 : SubjectIndex(index);
        return -1;
    }

    /// <summary>The pair's id, without building the pair.</summary>
    public string PairIdOf(int index)
    {
        CheckIndex(index);
        return Utf8.GetString(Read(index).PairId);
    }

    /// <summary>The pair's <see cref="AuditPair.Image"/>, without building the pair.</summary>
    public string ImageOf(int index)
    {
        CheckIndex(index);
        return Concat(_folders[_imageFolder[index]], Read(index).Image);
    }

    /// <summary>The pair's 1-based manifest data row.</summary>
    public int RowOf(int index)
    {
        CheckIndex(index);
        return _row[index];
    }

    /// <summary>The pair's artifact type (one shared string per type).</summary>
    public string ArtifactTypeOf(int index)
    {
        CheckIndex(index);
        return _types[_type[index]];
    }

    /// <summary>The pair's label (one shared string per label), or null.</summary>
    public string? LabelOf(int index)
    {
        CheckIndex(index);
        return _label[index] < 0 ? null : _labels[_label[index]];
    }

    /// <summary>The pair's subject numbered in order of first appearance (0 .. <see cref="SubjectCount"/> − 1); -1 when it has none (null or empty).</summary>
    public int SubjectIndexOf(int index)
    {
        CheckIndex(index);
        return _subject[index];
    }

    /// <summary>Trims the columns to the pairs added and drops the id index: call once every row is in (adding after it is refused).</summary>
    public ManifestPairTable Complete()
    {
        Grow(Math.Max(Count, 1));
        _idSlots = [];
        _subjectSlots = [];
        _subjectFirstPair = [];
        return this;
    }

    public IEnumerator<ManifestPair> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Concat(string folder, ReadOnlySpan<byte> name)
    {
        int length = Utf8.GetCharCount(name);
        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        Utf8.GetChars(name, chars);
        return string.Concat(folder.AsSpan(), chars);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The manifest has {Count} pairs.");
        }
    }

    /// <summary>The folder (with its trailing separator, so the path is folder + name exactly) and the file name.</summary>
    private (int Folder, string Name) Split(string path)
    {
        int cut = path.LastIndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]) + 1;
        return (_folders.IndexOf(path[..cut]), path[cut..]);
    }

    /// <summary>Writes whether the pair has a subject, then its id and its four other texts (each a length-prefixed UTF-8 run; a null text is empty), into the arena.</summary>
    private long Write(byte[] id, string?[] texts)
    {
        byte[][] encoded = [id, .. texts.Select(t => t is null ? [] : Utf8.GetBytes(t))];
        int size = encoded.Sum(e => SizeOfLength(e.Length) + e.Length) + 1;
        if (_chunks.Count == 0 || _used + size > _chunks[^1].Length)
        {
            _chunks.Add(new byte[Math.Max(ChunkSize, size)]);
            _used = 0;
        }

        byte[] chunk = _chunks[^1];
        int start = _used, at = start;
        chunk[at++] = (byte)(texts[^1] is null ? 0 : 1);
        foreach (byte[] text in encoded)
        {
            at = WriteLength(chunk, at, text.Length);
            text.CopyTo(chunk, at);
            at += text.Length;
        }

        _used = at;
        return ((long)(_chunks.Count - 1) << 32) | (uint)start;
    }

    private Fields Read(int index)
    {
        long entry = _entry[index];
        byte[] chunk = _chunks[(int)(entry >> 32)];
        int at = (int)(entry & 0xFFFFFFFF);
        bool hasSubject = chunk[at++] != 0;
        ReadOnlySpan<byte> Next()
        {
            at = ReadLength(chunk, at, out int length);
            var text = new ReadOnlySpan<byte>(chunk, at, length);
            at += length;
            return text;
        }

        ReadOnlySpan<byte> id = Next(), image = Next(), counterfactual = Next(), mask = Next(), subject = Next();
        return new Fields(id, image, counterfactual, mask, hasSubject, subject);
    }

    private static int SizeOfLength(int length) => length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x200000 ? 3 : 5;

    private static int WriteLength(byte[] chunk, int at, int length)
    {
        uint value = (uint)length;
        while (value >= 0x80)
        {
            chunk[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        chunk[at++] = (byte)value;
        return at;
    }

    private static int ReadLength(byte[] chunk, int at, out int length)
    {
        uint value = 0;
        int shift = 0;
        byte b;
        do
        {
            b = chunk[at++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        length = (int)value;
        return at;
    }

    private int FindId(ReadOnlySpan<byte> id)
    {
        int mask = _idSlots.Length - 1;
        for (int slot = Hash(id) & mask; _idSlots[slot] != 0; slot = (slot + 1) & mask)
        {
            int pair = _idSlots[slot] - 1;
            if (Read(pair).PairId.SequenceEqual(id))
            {
                return pair;
            }
        }

        return -1;
    }

    private void InsertId(int index)
    {
        if (Count * 2 > _idSlots.Length)
        {
            int[] old = _idSlots;
            _idSlots = new int[old.Length * 2];
            foreach (int held in old.Where(h => h != 0))
            {
                Place(_idSlots, Hash(Read(held - 1).PairId), held);
            }
        }

        Place(_idSlots, Hash(Read(index).PairId), index + 1);
    }

    /// <summary>The subject index of the pair just added: that of an earlier pair with the same subject, else the next one.</summary>
    private int SubjectIndex(int index)
    {
        ReadOnlySpan<byte> subject = Read(index).Subject;
        int hash = Hash(subject);
        int mask = _subjectSlots.Length - 1;
        for (int slot = hash & mask; _subjectSlots[slot] != 0; slot = (slot + 1) & mask)
        {
            int first = _subjectFirstPair[_subjectSlots[slot] - 1];
            if (Read(first).Subject.SequenceEqual(subject))
            {
                return _subjectSlots[slot] - 1;
            }
        }

        int created = SubjectCount++;
        if (created == _subjectFirstPair.Length)
        {
            Array.Resize(ref _subjectFirstPair, created * 2);
        }

        _subjectFirstPair[created] = index;
        if (SubjectCount * 2 > _subjectSlots.Length)
        {
            int[] old = _subjectSlots;
            _subjectSlots = new int[old.Length * 2];
            foreach (int held in old.Where(h => h != 0))
            {
                Place(_subjectSlots, Hash(Read(_subjectFirstPair[held - 1]).Subject), held);
            }
        }

        Place(_subjectSlots, hash, created + 1);
        return created;
    }

    private static void Place(int[] slots, int hash, int value)
    {
        int mask = slots.Length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = value;
    }

    /// <summary>FNV-1a over the bytes, mixed so the low bits (the slot) depend on every byte.</summary>
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        hash ^= hash >> 15;
        hash *= 0x2C1B3C6D;
        hash ^= hash >> 12;
        return (int)(hash & 0x7FFFFFFF);
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _entry, capacity);
        Array.Resize(ref _row, capacity);
        Array.Resize(ref _imageFolder, capacity);
        Array.Resize(ref _counterfactualFolder, capacity);
        Array.Resize(ref _maskFolder, capacity);
        Array.Resize(ref _type, capacity);
        Array.Resize(ref _label, capacity);
        Array.Resize(ref _subject, capacity);
    }

    private readonly ref struct Fields(ReadOnlySpan<byte> pairId, ReadOnlySpan<byte> image, ReadOnlySpan<byte> counterfactual, ReadOnlySpan<byte> mask, bool hasSubject, ReadOnlySpan<byte> subject)
    {
        public ReadOnlySpan<byte> PairId { get; } = pairId;

        public ReadOnlySpan<byte> Image { get; } = image;

        public ReadOnlySpan<byte> Counterfactual { get; } = counterfactual;

        public ReadOnlySpan<byte> Mask { get; } = mask;

        public bool HasSubject { get; } = hasSubject;

        public ReadOnlySpan<byte> Subject { get; } = subject;
    }

    /// <summary>Texts that repeat over the pairs (folders, artifact types, labels), each kept once and named by its index.</summary>
    private sealed class TextPool
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];

        public string this[int index] => _texts[index];

        public int IndexOf(string text)
        {
            ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, text, out bool exists);
            if (!exists)
            {
                index = _texts.Count;
                _texts.Add(text);
            }

            return index;
        }
    }
}
