namespace AuditHarness.Inference.Imaging;

/// <summary>
/// The narrow band of a fast marching: cells ordered by arrival time, and first in, first out among equal times.
/// The tie order decides which of two equally distant pixels is filled first, and so the bytes of an inpainting;
/// OpenCV orders by (time, push number), and so does this, on one 64-bit key per entry (the time's bits made to sort
/// as integers above the push number). Most pushes arrive in order (the front moves outwards), so those are appended
/// to a sorted run and only the others go to a 4-ary heap; a pop takes the smaller of the run's head and the heap's
/// top, which is the same sequence as one heap would give.
/// </summary>
internal sealed class FastMarchingQueue
{
    private Entry[] _run = new Entry[256];
    private int _runHead;
    private int _runTail;
    private Entry[] _entries = new Entry[256];
    private int _count;
    private uint _pushes;

    public void Clear()
    {
        _runHead = 0;
        _runTail = 0;
        _count = 0;
        _pushes = 0;
    }

    public void Push(int cell, float time)
    {
        var entry = new Entry(((long)OrderedBits(time) << 32) | _pushes++, cell);
        if (_runTail == _runHead)
        {
            _runHead = 0;
            _runTail = 0;
        }

        if (_runTail == 0 || _run[_runTail - 1].Key <= entry.Key)
        {
            if (_runTail == _run.Length)
            {
                Array.Resize(ref _run, _runTail * 2);
            }

            _run[_runTail++] = entry;
            return;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        Entry[] entries = _entries;
        int child = _count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 2;
            if (entries[parent].Key <= entry.Key)
            {
                break;
            }

            entries[child] = entries[parent];
            child = parent;
        }

        entries[child] = entry;
    }

    public bool TryPop(out int cell)
    {
        if (_runHead < _runTail && (_count == 0 || _run[_runHead].Key < _entries[0].Key))
        {
            cell = _run[_runHead++].Cell;
            return true;
        }

        if (_count == 0)
        {
            cell = -1;
            return false;
        }

        Entry[] entries = _entries;
        cell = entries[0].Cell;
        int last = --_count;
        if (last == 0)
        {
            return true;
        }

        Entry moved = entries[last];
        int parent = 0;
        while (true)
        {
            int first = (4 * parent) + 1;
            if (first >= last)
            {
                break;
            }

            // The smallest of up to four children (selects rather than branches: which child wins is unpredictable).
            int smallest = first;
            long smallestKey = entries[first].Key;
            if (first + 3 < last)
            {
                long key1 = entries[first + 1].Key;
                long key2 = entries[first + 2].Key;
                long key3 = entries[first + 3].Key;
                int low = key1 < smallestKey ? first + 1 : first;
                long lowKey = key1 < smallestKey ? key1 : smallestKey;
                int high = key3 < key2 ? first + 3 : first + 2;
                long highKey = key3 < key2 ? key3 : key2;
                smallest = highKey < lowKey ? high : low;
                smallestKey = highKey < lowKey ? highKey : lowKey;
            }
            else
            {
                for (int child = first + 1; child < last; child++)
                {
                    long key = entries[child].Key;
                    if (key < smallestKey)
                    {
                        smallest = child;
                        smallestKey = key;
                    }
                }
            }

            if (moved.Key <= smallestKey)
            {
                break;
            }

            entries[parent] = entries[smallest];
            parent = smallest;
        }

        entries[parent] = moved;
        return true;
    }

    // The float's bits as an int that orders like the float; -0 is taken as +0 because OpenCV compares them equal.
    private static int OrderedBits(float time)
    {
        if (time == 0)
        {
            return 0;
        }

        int bits = BitConverter.SingleToInt32Bits(time);
        return bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
    }

    private readonly record struct Entry(long Key, int Cell);
}
